// De-duplication of webhook events and card actions across redeliveries and instances: the
// first instance to insert an id handles it; the insert is the atomic claim.
import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.js';

interface PendingClaim {
  id: string;
  kind: string;
  instanceId: string;
  resolve(claimed: boolean): void;
  reject(err: unknown): void;
}

/**
 * Group commit: claims that arrive within this window go to the database in one INSERT. Each
 * caller still waits for its row to be committed (nothing is decided in memory), at the price
 * of up to this much latency; under load it halves the cost of an event on the embedded
 * database, where a statement's fixed cost dominates (bench/results.md).
 */
const GROUP_WINDOW_MS = 2;
const GROUP_MAX = 100;

export function eventRepository(prisma: PrismaClient, pool: pg.Pool) {
  const pending: PendingClaim[] = [];
  let timer: NodeJS.Timeout | undefined;

  function schedule(): void {
    if (pending.length >= GROUP_MAX) {
      clearTimeout(timer);
      timer = undefined;
      void write();
    } else if (!timer && pending.length > 0) {
      timer = setTimeout(() => ((timer = undefined), void write()), GROUP_WINDOW_MS);
    }
  }

  // Batches are not serialised: a slow or stuck statement holds up its own batch only.
  async function write(): Promise<void> {
    const batch = pending.splice(0, GROUP_MAX);
    if (batch.length === 0) return;
    try {
      // One statement for the whole batch: atomic per row against other instances (ON CONFLICT);
      // an id twice in one batch is inserted once and goes to its first caller. Rows go in id
      // order: two batches (here or at another instance) sharing ids then wait for each other in
      // the same order, where any other order could deadlock.
      const rows = [...new Map(batch.map((c) => [c.id, c])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const inserted = await pool.query<{ id: string }>(
        `INSERT INTO "ProcessedEvent" ("id", "kind", "instanceId", "receivedAt")
         SELECT id, kind, instance, now() AT TIME ZONE 'UTC'
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(id, kind, instance, position)
         ORDER BY position
         ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
        [rows.map((c) => c.id), rows.map((c) => c.kind), rows.map((c) => c.instanceId)],
      );
      const claimed = new Set(inserted.rows.map((r) => r.id));
      for (const claim of batch) claim.resolve(claimed.delete(claim.id));
    } catch (err) {
      for (const claim of batch) claim.reject(err);
    }
    schedule();
  }

  return {
    /** True if this call claimed the event (first time seen), false for a duplicate. */
    claim(id: string, kind: string, instanceId: string): Promise<boolean> {
      return new Promise((resolve, reject) => {
        pending.push({ id, kind, instanceId, resolve, reject });
        schedule();
      });
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
