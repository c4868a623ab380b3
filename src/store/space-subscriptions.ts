// Spaces that asked to hear of something (`errors on`, `stats weekly on`): one row per topic and
// space, kept when turned off (who and when), so the audit trail and the status answer agree.
import type { PrismaClient, SpaceSubscription } from '../generated/prisma/client.js';

export type { SpaceSubscription };

export function spaceSubscriptionRepository(prisma: PrismaClient, topic: string) {
  return {
    subscribe(roomId: string, by: string, at: Date): Promise<SpaceSubscription> {
      return prisma.spaceSubscription.upsert({
        where: { topic_roomId: { topic, roomId } },
        create: { topic, roomId, subscribedBy: by, subscribedAt: at },
        update: { active: true, subscribedBy: by, subscribedAt: at, unsubscribedBy: null, unsubscribedAt: null },
      });
    },

    async unsubscribe(roomId: string, by: string, at: Date): Promise<boolean> {
      const res = await prisma.spaceSubscription.updateMany({ where: { topic, roomId, active: true }, data: { active: false, unsubscribedBy: by, unsubscribedAt: at } });
      return res.count === 1;
    },

    subscription(roomId: string): Promise<SpaceSubscription | null> {
      return prisma.spaceSubscription.findUnique({ where: { topic_roomId: { topic, roomId } } });
    },

    subscribed(): Promise<SpaceSubscription[]> {
      return prisma.spaceSubscription.findMany({ where: { topic, active: true }, orderBy: { subscribedAt: 'asc' } });
    },
  };
}
export type SpaceSubscriptionRepository = ReturnType<typeof spaceSubscriptionRepository>;
