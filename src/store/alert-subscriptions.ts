// Spaces subscribed to follow-up alerts, with who subscribed and unsubscribed them.
import type { AlertSubscription, PrismaClient } from '../generated/prisma/client.js';

export type { AlertSubscription };

export function alertSubscriptionRepository(prisma: PrismaClient) {
  return {
    subscribe(roomId: string, by: string, at = new Date()): Promise<AlertSubscription> {
      return prisma.alertSubscription.upsert({
        where: { roomId },
        create: { roomId, subscribedBy: by, subscribedAt: at },
        update: { active: true, subscribedBy: by, subscribedAt: at, unsubscribedBy: null, unsubscribedAt: null },
      });
    },

    async unsubscribe(roomId: string, by: string, at = new Date()): Promise<boolean> {
      const res = await prisma.alertSubscription.updateMany({
        where: { roomId, active: true },
        data: { active: false, unsubscribedBy: by, unsubscribedAt: at },
      });
      return res.count === 1;
    },

    get(roomId: string): Promise<AlertSubscription | null> {
      return prisma.alertSubscription.findUnique({ where: { roomId } });
    },

    active(): Promise<AlertSubscription[]> {
      return prisma.alertSubscription.findMany({ where: { active: true }, orderBy: { subscribedAt: 'asc' } });
    },
  };
}
export type AlertSubscriptionRepository = ReturnType<typeof alertSubscriptionRepository>;
