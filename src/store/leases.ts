// Leases for jobs that must run on one instance only. Taking a lease is one atomic statement;
// an expired lease can be taken over, so a crashed holder blocks nobody for longer than its TTL.
import type { JobLease, PrismaClient } from '../generated/prisma/client.js';

export type { JobLease };

export function leaseRepository(prisma: PrismaClient) {
  return {
    /** True if `holder` now holds `name` until now + ttlMs (new, expired, or already its own). */
    async acquire(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const rows = await prisma.$executeRaw`
        INSERT INTO "JobLease" ("name", "holder", "expiresAt") VALUES (${name}, ${holder}, ${expiresAt})
        ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
        WHERE "JobLease"."holder" IS NULL OR "JobLease"."holder" = ${holder} OR "JobLease"."expiresAt" <= ${now}`;
      return rows === 1;
    },

    async release(name: string, holder: string): Promise<void> {
      await prisma.jobLease.updateMany({ where: { name, holder }, data: { holder: null, expiresAt: null } });
    },

    /**
     * Extends `holder`'s lease on `name`, only while it has not expired: a holder that stalled
     * past its TTL may have been replaced, so it must stop rather than carry on (false).
     */
    async renew(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
      const expiresAt = new Date(now.getTime() + ttlMs);
      // GREATEST: a renewal never shortens the lease it extends.
      const rows = await prisma.$executeRaw`
        UPDATE "JobLease" SET "expiresAt" = GREATEST("expiresAt", ${expiresAt})
        WHERE "name" = ${name} AND "holder" = ${holder} AND "expiresAt" > ${now}`;
      return rows === 1;
    },

    /**
     * Records that occurrence `runKey` of job `name` has started (unfinished until
     * completeOccurrence). True for the first caller only, so an occurrence is started once however
     * many instances saw it. Keys must sort in time order (ISO times).
     */
    async claimOccurrence(name: string, runKey: string, now = new Date()): Promise<boolean> {
      const rows = await prisma.$executeRaw`
        INSERT INTO "JobLease" ("name", "lastRunKey", "lastRunAt") VALUES (${name}, ${runKey}, ${now})
        ON CONFLICT ("name") DO UPDATE SET "lastRunKey" = EXCLUDED."lastRunKey", "lastRunAt" = EXCLUDED."lastRunAt", "lastRunDoneAt" = NULL
        WHERE "JobLease"."lastRunKey" IS NULL OR "JobLease"."lastRunKey" < ${runKey}`;
      return rows === 1;
    },

    /** Records that job `name` last completed a run that started at `at` (e.g. a freshness watermark). */
    async recordRun(name: string, at: Date): Promise<void> {
      await prisma.$executeRaw`
        INSERT INTO "JobLease" ("name", "lastRunAt") VALUES (${name}, ${at})
        ON CONFLICT ("name") DO UPDATE SET "lastRunAt" = GREATEST("JobLease"."lastRunAt", EXCLUDED."lastRunAt")`;
    },

    /** Marks occurrence `runKey` finished (a no-op if a later one has been claimed since). */
    async completeOccurrence(name: string, runKey: string, now = new Date()): Promise<void> {
      await prisma.jobLease.updateMany({ where: { name, lastRunKey: runKey }, data: { lastRunDoneAt: now } });
    },

    get(name: string): Promise<JobLease | null> {
      return prisma.jobLease.findUnique({ where: { name } });
    },
  };
}
export type LeaseRepository = ReturnType<typeof leaseRepository>;
