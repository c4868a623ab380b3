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
     * Records that occurrence `runKey` of job `name` ran. True for the first caller only, so an
     * occurrence runs once however many instances saw it. Keys must sort in time order (ISO times).
     */
    async claimOccurrence(name: string, runKey: string, now = new Date()): Promise<boolean> {
      const rows = await prisma.$executeRaw`
        INSERT INTO "JobLease" ("name", "lastRunKey", "lastRunAt") VALUES (${name}, ${runKey}, ${now})
        ON CONFLICT ("name") DO UPDATE SET "lastRunKey" = EXCLUDED."lastRunKey", "lastRunAt" = EXCLUDED."lastRunAt"
        WHERE "JobLease"."lastRunKey" IS NULL OR "JobLease"."lastRunKey" < ${runKey}`;
      return rows === 1;
    },

    /** Records that job `name` last completed a run that started at `at` (e.g. a freshness watermark). */
    async recordRun(name: string, at: Date): Promise<void> {
      await prisma.$executeRaw`
        INSERT INTO "JobLease" ("name", "lastRunAt") VALUES (${name}, ${at})
        ON CONFLICT ("name") DO UPDATE SET "lastRunAt" = GREATEST("JobLease"."lastRunAt", EXCLUDED."lastRunAt")`;
    },

    get(name: string): Promise<JobLease | null> {
      return prisma.jobLease.findUnique({ where: { name } });
    },
  };
}
export type LeaseRepository = ReturnType<typeof leaseRepository>;
