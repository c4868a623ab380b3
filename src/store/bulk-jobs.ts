// Durable bulk jobs: a job row and one row per item. Every transition is one conditional
// statement, so a double click, a second instance or a runner that died and came back cannot
// start a job twice or do an item twice: an item is claimed (with a lease) before it is worked on,
// and finished only by the claim's holder.
import type { BulkJob, BulkJobItem, PrismaClient } from '../generated/prisma/client.js';

export type { BulkJob, BulkJobItem };
export type BulkKind = 'retry' | 'remove' | 'consent';
export type BulkJobState = 'preview' | 'running' | 'done' | 'cancelled';
export type BulkItemState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';
export const BULK_ITEM_STATES: readonly BulkItemState[] = ['pending', 'running', 'done', 'failed', 'skipped'];
export type BulkCounts = Record<BulkItemState, number>;

export interface NewBulkItem {
  subscriberId: string;
  userId: string;
  email: string | null;
  shownStatus: string;
  shownPackage: string;
}

export interface NewBulkJob {
  kind: BulkKind;
  label: string;
  causeKey: string;
  roomId: string;
  threadId?: string | null;
  requestedBy: string;
  /** The customer org of its users (partner mode, one org); null: partner-wide or single-org. */
  orgId?: string | null;
  items: readonly NewBulkItem[];
}

export function bulkJobRepository(prisma: PrismaClient) {
  return {
    /** A job waiting for its confirmation, with its items in the order the preview listed them. */
    async createPreview(input: NewBulkJob, now = new Date()): Promise<BulkJob> {
      const { items, ...job } = input;
      return prisma.$transaction(async (tx) => {
        const created = await tx.bulkJob.create({ data: { ...job, state: 'preview', createdAt: now } });
        await tx.bulkJobItem.createMany({ data: items.map((item, seq) => ({ ...item, jobId: created.id, seq, updatedAt: now })) });
        return created;
      });
    },

    get: (id: string): Promise<BulkJob | null> => prisma.bulkJob.findUnique({ where: { id } }),

    /** The first `take` items (for the preview card). */
    firstItems: (jobId: string, take: number): Promise<BulkJobItem[]> => prisma.bulkJobItem.findMany({ where: { jobId }, orderBy: { seq: 'asc' }, take }),

    async counts(jobId: string): Promise<BulkCounts> {
      const rows = await prisma.bulkJobItem.groupBy({ by: ['state'], where: { jobId }, _count: { _all: true } });
      const counts = Object.fromEntries(BULK_ITEM_STATES.map((s) => [s, 0])) as BulkCounts;
      for (const r of rows) counts[r.state as BulkItemState] = r._count._all;
      return counts;
    },

    /** preview → running; true for exactly one caller. */
    async start(id: string, now = new Date()): Promise<boolean> {
      return (await prisma.bulkJob.updateMany({ where: { id, state: 'preview' }, data: { state: 'running', startedAt: now } })).count === 1;
    },

    /** preview or running → cancelled; true if this call cancelled it. */
    async cancel(id: string, by: string, now = new Date()): Promise<boolean> {
      return (await prisma.bulkJob.updateMany({ where: { id, state: { in: ['preview', 'running'] } }, data: { state: 'cancelled', cancelledBy: by, finishedAt: now } })).count === 1;
    },

    /**
     * Claims up to `limit` items to work on: pending ones, or ones whose earlier claim expired
     * (its runner died). `attempts` > 1 on a returned item means an earlier claim did not finish.
     */
    claimItems(jobId: string, holder: string, ttlMs: number, limit: number, now = new Date()): Promise<BulkJobItem[]> {
      const until = new Date(now.getTime() + ttlMs);
      return prisma.$queryRaw<BulkJobItem[]>`
        UPDATE "BulkJobItem" AS i SET "state" = 'running', "claimedBy" = ${holder}, "claimedUntil" = ${until}, "attempts" = i."attempts" + 1, "updatedAt" = ${now}
        FROM (
          SELECT "jobId", "seq" FROM "BulkJobItem"
          WHERE "jobId" = ${jobId} AND ("state" = 'pending' OR ("state" = 'running' AND "claimedUntil" <= ${now}))
          ORDER BY "seq" LIMIT ${limit} FOR UPDATE SKIP LOCKED
        ) AS c
        WHERE i."jobId" = c."jobId" AND i."seq" = c."seq"
        RETURNING i.*`;
    },

    /** Extends `holder`'s claims on a job's items (a slow Webex must not hand them to another runner). */
    async renewClaims(jobId: string, holder: string, ttlMs: number, now = new Date()): Promise<void> {
      await prisma.bulkJobItem.updateMany({ where: { jobId, claimedBy: holder, state: 'running' }, data: { claimedUntil: new Date(now.getTime() + ttlMs) } });
    },

    /** Records an item's end; false if the claim is no longer `holder`'s (nothing is written). */
    async finishItem(jobId: string, seq: number, holder: string, state: 'done' | 'failed' | 'skipped', reason: string | null, now = new Date()): Promise<boolean> {
      const r = await prisma.bulkJobItem.updateMany({ where: { jobId, seq, claimedBy: holder, state: 'running' }, data: { state, reason, updatedAt: now } });
      return r.count === 1;
    },

    /** Gives claimed, unstarted items back (the job was cancelled before they were worked on). */
    async release(jobId: string, seqs: readonly number[], holder: string): Promise<void> {
      if (seqs.length === 0) return;
      await prisma.bulkJobItem.updateMany({ where: { jobId, seq: { in: [...seqs] }, claimedBy: holder, state: 'running' }, data: { state: 'pending', claimedBy: null, claimedUntil: null, attempts: { decrement: 1 } } });
    },

    /** A cancelled job's items that were never worked on (or whose runner died before finishing them). */
    async skipPending(jobId: string, reason: string, now = new Date()): Promise<number> {
      const where = { jobId, OR: [{ state: 'pending' }, { state: 'running', claimedUntil: { lte: now } }] };
      return (await prisma.bulkJobItem.updateMany({ where, data: { state: 'skipped', reason, updatedAt: now } })).count;
    },

    /** running → done once no item is pending or running; true for the caller that ended it. */
    async finishIfComplete(id: string, now = new Date()): Promise<boolean> {
      const open = await prisma.bulkJobItem.count({ where: { jobId: id, state: { in: ['pending', 'running'] } } });
      if (open > 0) return false;
      return (await prisma.bulkJob.updateMany({ where: { id, state: 'running' }, data: { state: 'done', finishedAt: now } })).count === 1;
    },

    /** True for the one caller that may post the result card of a finished or cancelled job. */
    async claimReport(id: string, now = new Date()): Promise<boolean> {
      return (await prisma.bulkJob.updateMany({ where: { id, state: { in: ['done', 'cancelled'] }, reportedAt: null }, data: { reportedAt: now } })).count === 1;
    },

    /** True for the one caller that may post a progress message now (at most one every `gapMs`). */
    async claimProgress(id: string, gapMs: number, now = new Date()): Promise<boolean> {
      const before = new Date(now.getTime() - gapMs);
      const r = await prisma.$executeRaw`
        UPDATE "BulkJob" SET "progressAt" = ${now}
        WHERE "id" = ${id} AND "state" = 'running' AND COALESCE("progressAt", "startedAt") <= ${before}`;
      return r === 1;
    },

    /** Jobs a runner should be working on (started, not finished or cancelled). */
    running: (): Promise<BulkJob[]> => prisma.bulkJob.findMany({ where: { state: 'running' }, orderBy: { startedAt: 'asc' } }),

    /** Cancelled or finished jobs whose result card was not posted (its poster died). */
    unreported: (): Promise<BulkJob[]> => prisma.bulkJob.findMany({ where: { state: { in: ['done', 'cancelled'] }, reportedAt: null, startedAt: { not: null } } }),

    /** The items that did not get done, for the result's CSV. */
    notDone: (jobId: string): Promise<BulkJobItem[]> => prisma.bulkJobItem.findMany({ where: { jobId, state: { in: ['failed', 'skipped'] } }, orderBy: { seq: 'asc' } }),

    /** Unconfirmed previews created before `previewsBefore`, finished jobs before `finishedBefore` (items go with them). */
    async prune(previewsBefore: Date, finishedBefore: Date): Promise<number> {
      const r = await prisma.bulkJob.deleteMany({
        where: { OR: [{ state: 'preview', createdAt: { lt: previewsBefore } }, { state: { in: ['done', 'cancelled'] }, finishedAt: { lt: finishedBefore }, reportedAt: { not: null } }] },
      });
      return r.count;
    },

    recent: (roomId: string, take = 5): Promise<BulkJob[]> => prisma.bulkJob.findMany({ where: { roomId, state: { not: 'preview' } }, orderBy: { createdAt: 'desc' }, take }),
  };
}
export type BulkJobRepository = ReturnType<typeof bulkJobRepository>;
