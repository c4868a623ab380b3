// Per-space records of one alert occurrence, so an occurrence whose runner died can be finished
// by another instance without posting any space twice. The insert of an "attempting" row is the
// atomic claim on a space: of two runners, only the one whose insert lands posts.
import type { AlertDelivery, PrismaClient } from '../generated/prisma/client.js';

export type { AlertDelivery };
export type AlertDeliveryState = 'attempting' | 'posted' | 'failed' | 'unknown';

export interface DeliveryOutcome {
  state: 'posted' | 'failed';
  cardId?: string;
  messageId?: string;
  error?: string;
}

export function alertDeliveryRepository(prisma: PrismaClient) {
  return {
    forOccurrence(occurrence: string): Promise<AlertDelivery[]> {
      return prisma.alertDelivery.findMany({ where: { occurrence }, orderBy: { attemptedAt: 'asc' } });
    },

    /** Claims `roomId` for this occurrence (true) unless any runner already did (false). */
    async begin(occurrence: string, roomId: string, instanceId: string, at: Date): Promise<boolean> {
      const rows = await prisma.$executeRaw`
        INSERT INTO "AlertDelivery" ("occurrence", "roomId", "state", "instanceId", "attemptedAt")
        VALUES (${occurrence}, ${roomId}, 'attempting', ${instanceId}, ${at})
        ON CONFLICT ("occurrence", "roomId") DO NOTHING`;
      return rows === 1;
    },

    /**
     * Records what became of a claimed space. Also overwrites "unknown": a runner that stalled
     * past its lease and then learnt the outcome knows better than the resumer that guessed.
     */
    async finish(occurrence: string, roomId: string, outcome: DeliveryOutcome, at: Date): Promise<void> {
      await prisma.alertDelivery.updateMany({
        where: { occurrence, roomId, state: { in: ['attempting', 'unknown'] } },
        data: { state: outcome.state, cardId: outcome.cardId ?? null, messageId: outcome.messageId ?? null, error: outcome.error ?? null, finishedAt: at },
      });
    },

    /** A space left "attempting" by a runner that is gone: its card may or may not be out. */
    async markUnknown(occurrence: string, roomId: string, at: Date): Promise<boolean> {
      const res = await prisma.alertDelivery.updateMany({ where: { occurrence, roomId, state: 'attempting' }, data: { state: 'unknown', finishedAt: at } });
      return res.count === 1;
    },

    async prune(attemptedBefore: Date): Promise<number> {
      return (await prisma.alertDelivery.deleteMany({ where: { attemptedAt: { lt: attemptedBefore } } })).count;
    },
  };
}
export type AlertDeliveryRepository = ReturnType<typeof alertDeliveryRepository>;
