// De-duplication of webhook events and card actions across redeliveries and instances: the
// first instance to insert an id handles it; the insert is the atomic claim.
import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.js';

export function eventRepository(prisma: PrismaClient, pool: pg.Pool) {
  return {
    /**
     * True if this call claimed the event (first time seen), false for a duplicate. Every webhook
     * event passes here, so it goes straight to the pool: Prisma's client adds 0.1–0.2 ms of CPU
     * per statement, a measurable share of an event's cost (bench/results.md).
     */
    async claim(id: string, kind: string, instanceId: string): Promise<boolean> {
      const inserted = await pool.query(
        `INSERT INTO "ProcessedEvent" ("id", "kind", "instanceId", "receivedAt")
         VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC')
         ON CONFLICT ("id") DO NOTHING`,
        [id, kind, instanceId],
      );
      return inserted.rowCount === 1;
    },

    /** Gives a claimed event back, so a redelivery can try again (handling failed before any change). */
    async release(id: string): Promise<void> {
      await pool.query('DELETE FROM "ProcessedEvent" WHERE "id" = $1', [id]);
    },

    async prune(olderThan: Date): Promise<number> {
      return (await prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } })).count;
    },

    count(): Promise<number> {
      return prisma.processedEvent.count();
    },
  };
}
export type EventRepository = ReturnType<typeof eventRepository>;
