// Partner mode's records: the customer orgs discovered, which enterprise belongs to which org,
// which org each space works on, and the customer admins allowed into one org.
import type { OrgLine } from '../cards/orgs.js';
import { Prisma, type CustomerOrg, type PrismaClient } from '../generated/prisma/client.js';
import { PENDING_STATUSES, STUCK_STATUSES } from '../provisioning/types.js';

export type { CustomerOrg };

export interface OrgInput {
  id: string;
  name: string;
  source: 'organizations' | 'partner' | 'configured';
}

export interface EnterpriseInput {
  id: string;
  webexId?: string;
  orgId: string;
}

/** One line of `orgs`: an org with what needs attention in it (the card's line, as the query returns it). */
export type OrgOverviewRow = OrgLine;

const statusList = (statuses: readonly string[]) => Prisma.join(statuses.map((s) => Prisma.sql`${s}::"SubscriberStatus"`));

/** Tables that carry an org and held single-org data before partner mode existed. */
const ADOPTED_TABLES = ['Subscriber', 'Person', 'AuditEntry', 'Reminder', 'SentCard', 'BulkJob'] as const;

export function orgRepository(prisma: PrismaClient) {
  return {
    /** Records the orgs a discovery listed; returns how many there are now. */
    async upsertOrgs(orgs: OrgInput[], seenAt: Date): Promise<void> {
      for (let i = 0; i < orgs.length; i += 1000) {
        const batch = orgs.slice(i, i + 1000);
        await prisma.$executeRaw`
          INSERT INTO "CustomerOrg" ("id", "name", "source", "lastSeenAt", "gone")
          SELECT * , false FROM unnest(${batch.map((o) => o.id)}::text[], ${batch.map((o) => o.name)}::text[],
                                   ${batch.map((o) => o.source)}::text[], ${batch.map(() => seenAt.toISOString())}::timestamp(3)[])
          ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "source" = EXCLUDED."source", "lastSeenAt" = EXCLUDED."lastSeenAt", "gone" = false`;
      }
    },

    /**
     * Orgs a complete discovery no longer listed: kept (their history and audit stay), marked gone.
     * Discovery runs in partner mode only, so a single-org mode's configured org is gone too.
     */
    async markGoneUnless(seenAt: Date): Promise<number> {
      return prisma.customerOrg.updateMany({ where: { lastSeenAt: { lt: seenAt }, gone: false }, data: { gone: true } }).then((r) => r.count);
    },

    async upsertEnterprises(rows: EnterpriseInput[], seenAt: Date): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000);
        await prisma.$executeRaw`
          INSERT INTO "Enterprise" ("id", "webexId", "orgId", "lastSeenAt")
          SELECT * FROM unnest(${batch.map((e) => e.id)}::text[], ${batch.map((e) => e.webexId ?? null)}::text[],
                               ${batch.map((e) => e.orgId)}::text[], ${batch.map(() => seenAt.toISOString())}::timestamp(3)[])
          ON CONFLICT ("id") DO UPDATE SET "webexId" = EXCLUDED."webexId", "orgId" = EXCLUDED."orgId", "lastSeenAt" = EXCLUDED."lastSeenAt"`;
      }
    },

    /** Puts every mirrored subscriber in its enterprise's org (after a discovery moved or added some). */
    placeSubscribers(): Promise<number> {
      return prisma.$executeRaw`
        UPDATE "Subscriber" s SET "orgId" = e."orgId" FROM "Enterprise" e
        WHERE e."id" = s."spEnterpriseId" AND s."orgId" IS DISTINCT FROM e."orgId"`;
    },

    /**
     * Single-org mode: the configured org is recorded, and everything written before orgs existed
     * (rows with no org) is its. Idempotent; run at every start.
     */
    async adopt(org: OrgInput, at: Date): Promise<void> {
      await this.upsertOrgs([org], at);
      for (const table of ADOPTED_TABLES) {
        await prisma.$executeRawUnsafe(`UPDATE "${table}" SET "orgId" = $1 WHERE "orgId" IS NULL`, org.id);
      }
    },

    get: (id: string) => prisma.customerOrg.findUnique({ where: { id } }),

    count: (where: { gone?: boolean } = { gone: false }) => prisma.customerOrg.count({ where }),

    /** Orgs named by id, by exact name (any case), or by a unique part of the name. */
    async find(text: string, limit = 10): Promise<CustomerOrg[]> {
      const t = text.trim();
      const exact = await prisma.customerOrg.findMany({
        where: { gone: false, OR: [{ id: t }, { name: { equals: t, mode: 'insensitive' } }] },
        take: limit,
      });
      if (exact.length > 0) return exact;
      return prisma.customerOrg.findMany({ where: { gone: false, name: { contains: t, mode: 'insensitive' } }, orderBy: { name: 'asc' }, take: limit });
    },

    names: async (ids: readonly string[]): Promise<Map<string, string>> =>
      new Map((await prisma.customerOrg.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name])),

    /** The first `take` org names, alphabetically (a hint of what `org use` accepts). */
    firstNames: async (take: number): Promise<string[]> =>
      (await prisma.customerOrg.findMany({ where: { gone: false }, orderBy: { name: 'asc' }, select: { name: true }, take })).map((o) => o.name),

    /** Every org still listed, by name (for the periodic per-org refresh). */
    active: () => prisma.customerOrg.findMany({ where: { gone: false }, orderBy: { name: 'asc' } }),

    /**
     * One page of `orgs`, worst first: most errored + stuck, then most pending, then by name. Counts
     * come from the status counts the database keeps per enterprise and org (a few rows per org). Stuck = every subscriber in a
     * stuck-prone status (from the same counts) less those whose status changed after the cutoff:
     * recent changes are few, found on the lastStatusChange index, where counting the stuck ones
     * themselves would read every old pending row of the partner.
     */
    async overview(opts: { offset: number; size: number; text?: string; orgIds?: readonly string[]; stuckBefore: Date; inactiveBefore: Date }): Promise<{ rows: OrgOverviewRow[]; total: number }> {
      const text = opts.text?.trim();
      const where = Prisma.sql`o."gone" = false
        ${text ? Prisma.sql`AND (o."name" ILIKE ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR o."id" = ${text})` : Prisma.empty}
        ${opts.orgIds ? Prisma.sql`AND o."id" IN (${opts.orgIds.length ? Prisma.join([...opts.orgIds]) : Prisma.sql`NULL`})` : Prisma.empty}`;
      const rows = await prisma.$queryRaw<OrgOverviewRow[]>`
        WITH counts AS (
          SELECT c."orgId",
                 coalesce(sum(c."n") FILTER (WHERE c."status" IN (${statusList(PENDING_STATUSES)})), 0)::int AS "pending",
                 coalesce(sum(c."n") FILTER (WHERE c."status" = 'error'::"SubscriberStatus"), 0)::int AS "errored",
                 coalesce(sum(c."n") FILTER (WHERE c."status" IN (${statusList(STUCK_STATUSES)})), 0)::int AS "stuckProne"
          FROM "SubscriberStatusCount" c WHERE c."orgId" IS NOT NULL GROUP BY 1
        ), recent AS (
          SELECT "orgId", count(*)::int AS "n" FROM "Subscriber"
          WHERE "lastStatusChange" > ${opts.stuckBefore} AND "status" IN (${statusList(STUCK_STATUSES)}) GROUP BY 1
        ), stuck AS (
          SELECT c."orgId", c."stuckProne" - coalesce(r."n", 0) AS "n" FROM counts c LEFT JOIN recent r ON r."orgId" = c."orgId"
        ), inactive AS (
          SELECT "orgId", count(*)::int AS "n" FROM "Person" WHERE "invitePending" AND "created" <= ${opts.inactiveBefore} GROUP BY 1
        )
        SELECT o."id", o."name", coalesce(c."pending", 0) AS "pending", coalesce(c."errored", 0) AS "errored",
               coalesce(s."n", 0) AS "stuck", coalesce(i."n", 0) AS "inactive", o."autoEmails", o."syncError", o."failingSince"
        FROM "CustomerOrg" o LEFT JOIN counts c ON c."orgId" = o."id" LEFT JOIN stuck s ON s."orgId" = o."id" LEFT JOIN inactive i ON i."orgId" = o."id"
        WHERE ${where}
        ORDER BY coalesce(c."errored", 0) + coalesce(s."n", 0) DESC, coalesce(c."pending", 0) DESC, o."name" ASC, o."id" ASC
        LIMIT ${opts.size} OFFSET ${opts.offset}`;
      const [counted] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "CustomerOrg" o WHERE ${where}`;
      return { rows, total: counted?.n ?? 0 };
    },

    async recordAutoEmails(orgId: string, value: boolean, at: Date): Promise<void> {
      await prisma.customerOrg.updateMany({ where: { id: orgId }, data: { autoEmails: value, autoEmailsAt: at } });
    },

    /** How the org's own refresh went: a failure keeps the first time it started failing. */
    async recordSync(orgId: string, at: Date, error?: string): Promise<void> {
      if (!error) {
        await prisma.customerOrg.updateMany({ where: { id: orgId }, data: { syncedAt: at, syncError: null, failingSince: null } });
        return;
      }
      await prisma.$executeRaw`UPDATE "CustomerOrg" SET "syncError" = ${error}, "failingSince" = coalesce("failingSince", ${at}) WHERE "id" = ${orgId}`;
    },

    enterprisesOf: async (orgId: string): Promise<string[]> =>
      (await prisma.enterprise.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id),

    // --- spaces ---
    boundOrg: async (roomId: string): Promise<string | null> => (await prisma.spaceOrg.findUnique({ where: { roomId } }))?.orgId ?? null,
    async bind(roomId: string, orgId: string, by: string): Promise<void> {
      await prisma.spaceOrg.upsert({ where: { roomId }, create: { roomId, orgId, boundBy: by }, update: { orgId, boundBy: by, boundAt: new Date() } });
    },
    async unbind(roomId: string): Promise<boolean> {
      return (await prisma.spaceOrg.deleteMany({ where: { roomId } })).count > 0;
    },

    // --- scoped admins ---
    orgsOfAdmin: async (email: string): Promise<string[]> =>
      (await prisma.orgAdmin.findMany({ where: { email: email.toLowerCase() }, select: { orgId: true } })).map((a) => a.orgId),
    /** True when the grant is new. */
    async grant(email: string, orgId: string, by: string): Promise<boolean> {
      const r = await prisma.$executeRaw`
        INSERT INTO "OrgAdmin" ("email", "orgId", "grantedBy") VALUES (${email.toLowerCase()}, ${orgId}, ${by}) ON CONFLICT DO NOTHING`;
      return r > 0;
    },
    async revoke(email: string, orgId?: string): Promise<number> {
      return (await prisma.orgAdmin.deleteMany({ where: { email: email.toLowerCase(), ...(orgId ? { orgId } : {}) } })).count;
    },
    admins: (orgIds?: readonly string[]) =>
      prisma.orgAdmin.findMany({ where: orgIds ? { orgId: { in: [...orgIds] } } : {}, orderBy: [{ orgId: 'asc' }, { email: 'asc' }], take: 200 }),
  };
}
export type OrgRepository = ReturnType<typeof orgRepository>;
