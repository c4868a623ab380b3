// Subscribers newly failing (in error, or stuck pending), claimed once across instances, and the
// spaces subscribed to hear of them. A claim is one INSERT … ON CONFLICT DO NOTHING RETURNING: of
// two instances (or two refreshes) seeing the same change, exactly one gets the row.
import { Prisma, type FailurePush, type PrismaClient, type SpaceSubscription } from '../generated/prisma/client.js';
import { spaceSubscriptionRepository } from './space-subscriptions.js';
import type { SubscriberStatus } from '../generated/prisma/enums.js';

export type { FailurePush, SpaceSubscription };
export const ERRORS_TOPIC = 'errors';

export function failurePushRepository(prisma: PrismaClient) {
  return {
    /**
     * Claims every subscriber in `error`, and every one pending since before `stuckBefore`, whose
     * current status has not been claimed yet; returns the new claims (kind and subscriber).
     * `changedFrom` limits the search to subscribers whose last status change is that recent (the
     * index on lastStatusChange finds them): what the claims before have not yet seen. Without it,
     * every errored and pending subscriber is looked at (tens of thousands in a large org).
     */
    async claimNew(stuckBefore: Date, pending: SubscriberStatus[], at: Date, changedFrom: Date | null = null): Promise<FailurePush[]> {
      const recent = changedFrom ? Prisma.sql`s."lastStatusChange" >= ${changedFrom} AND` : Prisma.empty;
      return prisma.$queryRaw<FailurePush[]>`
        INSERT INTO "FailurePush" ("id", "subscriberId", "kind", "detectedAt")
        SELECT s."id" || ':' || s."status"::text || ':' || to_char(s."lastStatusChange", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), s."id",
               CASE WHEN s."status" = 'error' THEN 'error' ELSE 'stuck' END, ${at}
        FROM "Subscriber" s
        WHERE ${recent} (s."status" = 'error'
           OR (s."status"::text IN (${Prisma.join(pending)}) AND s."lastStatusChange" < ${stuckBefore}))
        ON CONFLICT ("id") DO NOTHING
        RETURNING *`;
    },

    /** Claims detected after `after` (the space's watermark), oldest first. */
    /** `orgId`: only the claims of that customer org's subscribers (a space bound to one org). */
    since(after: Date, take: number, orgId?: string | null): Promise<FailurePush[]> {
      if (!orgId) return prisma.failurePush.findMany({ where: { detectedAt: { gt: after } }, orderBy: [{ detectedAt: 'asc' }, { id: 'asc' }], take });
      // A claim names its subscriber, whose row carries the org.
      return prisma.$queryRaw<FailurePush[]>`
        SELECT f.* FROM "FailurePush" f JOIN "Subscriber" s ON s."id" = f."subscriberId"
        WHERE f."detectedAt" > ${after} AND s."orgId" = ${orgId} ORDER BY f."detectedAt" ASC, f."id" ASC LIMIT ${take}`;
    },

    async countSince(after: Date, orgId?: string | null): Promise<number> {
      if (!orgId) return prisma.failurePush.count({ where: { detectedAt: { gt: after } } });
      const [row] = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS "n" FROM "FailurePush" f JOIN "Subscriber" s ON s."id" = f."subscriberId" WHERE f."detectedAt" > ${after} AND s."orgId" = ${orgId}`;
      return row?.n ?? 0;
    },

    async prune(before: Date): Promise<number> {
      return (await prisma.failurePush.deleteMany({ where: { detectedAt: { lt: before } } })).count;
    },

    ...spaceSubscriptionRepository(prisma, ERRORS_TOPIC),
  };
}
export type FailurePushRepository = ReturnType<typeof failurePushRepository>;
