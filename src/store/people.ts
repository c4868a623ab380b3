// Webex users mirrored for the inactive-user follow-up.
import { Prisma, type Person, type PrismaClient } from '../generated/prisma/client.js';

export type { Person };
/** What Webex tells us about a person; follow-up state (snooze, handled) is ours and kept. */
export type PersonInput = Omit<Person, 'syncedAt' | 'followUpSnoozedUntil' | 'followUpHandledAt' | 'followUpHandledBy' | 'orgId'> & { orgId?: string | null };

export interface InactiveQuery {
  /** Invited before this instant. */
  invitedBefore: Date;
  now: Date;
  /** Include snoozed and handled people too. */
  includeDismissed?: boolean;
  skip?: number;
  take?: number;
  /** Partner mode, one customer org: its people only. */
  orgId?: string;
}

/**
 * The one definition of "inactive" (lists, counts, bulk ids and the digest's numbers all use it):
 * invited before the threshold, still pending, and unless asked otherwise not snoozed or handled.
 * "invitePending" and "created" lead, as the (invitePending, created) index does.
 */
function inactiveSql(q: InactiveQuery): Prisma.Sql {
  const dismissed = q.includeDismissed
    ? Prisma.empty
    : Prisma.sql` AND "followUpHandledAt" IS NULL AND ("followUpSnoozedUntil" IS NULL OR "followUpSnoozedUntil" <= ${q.now})`;
  const org = q.orgId ? Prisma.sql` AND "orgId" = ${q.orgId}` : Prisma.empty;
  return Prisma.sql`"invitePending" AND "created" < ${q.invitedBefore}${dismissed}${org}`;
}

/** Oldest invitation first; OFFSET / LIMIT only when asked. */
function inactivePage(q: InactiveQuery): Prisma.Sql {
  return Prisma.sql`ORDER BY "created" ASC, "id" ASC${q.take !== undefined ? Prisma.sql` LIMIT ${q.take}` : Prisma.empty}${q.skip ? Prisma.sql` OFFSET ${q.skip}` : Prisma.empty}`;
}

/** SQL type of each column Webex tells us (PersonInput), in the order the batch upsert writes them. */
const PERSON_TYPES = {
  id: 'text',
  email: 'text',
  displayName: 'text',
  firstName: 'text',
  lastName: 'text',
  invitePending: 'boolean',
  loginEnabled: 'boolean',
  created: 'timestamp(3)',
  lastActivity: 'timestamp(3)',
  licenses: 'text[]',
  plan: 'text',
  convertedToPaidAt: 'timestamp(3)',
  orgId: 'text',
} as const satisfies Record<keyof PersonInput, string>;
const PERSON_COLUMNS = Object.keys(PERSON_TYPES) as (keyof typeof PERSON_TYPES)[];
const quoted = (c: string) => `"${c}"`;
/** The batch's rows from its JSON parameter ($1); dates are UTC ISO text, as Prisma stores them. */
const PERSON_RECORDS = `jsonb_to_recordset($1::jsonb) AS r(${PERSON_COLUMNS.map((c) => `${quoted(c)} ${PERSON_TYPES[c]}`).join(', ')})`;
const PERSON_UPDATE = [...PERSON_COLUMNS.filter((c) => c !== 'id'), 'syncedAt'].map((c) => `${quoted(c)} = EXCLUDED.${quoted(c)}`).join(', ');

export function personRepository(prisma: PrismaClient) {
  return {
    /**
     * Writes a batch in two statements (the rows go as one JSON parameter), where per-row upserts
     * cost a round trip each. Follow-up state (snooze, handled) is ours and kept. An email now held
     * by a different id (deleted and invited again in Webex) frees it from the old row first.
     */
    async upsertMany(rows: PersonInput[]): Promise<void> {
      if (rows.length === 0) return;
      // One statement may not write a row (or an email) twice: keep each one's last occurrence.
      const byId = [...new Map(rows.map((r) => [r.id, r])).values()];
      const unique = [...new Map(byId.map((r) => [r.email, r])).values()];
      const json = JSON.stringify(unique.map((r) => Object.fromEntries(PERSON_COLUMNS.map((c) => [c, r[c]]))));
      // syncedAt from this process's clock, the same clock removeNotSyncedSince is given.
      const syncedAt = new Date().toISOString();
      await prisma.$transaction([
        prisma.$executeRawUnsafe(`DELETE FROM "Person" p USING ${PERSON_RECORDS} WHERE p."email" = r."email" AND p."id" <> r."id"`, json),
        prisma.$executeRawUnsafe(
          `INSERT INTO "Person" (${PERSON_COLUMNS.map(quoted).join(', ')}, "syncedAt") SELECT r.*, $2::timestamp(3) FROM ${PERSON_RECORDS} ` +
            `ON CONFLICT ("id") DO UPDATE SET ${PERSON_UPDATE}`,
          json,
          syncedAt,
        ),
      ]);
    },

    async insertMany(rows: PersonInput[]): Promise<number> {
      return (await prisma.person.createMany({ data: rows, skipDuplicates: true })).count;
    },

    /** The mirrored plan of each of these people (to detect a free → paid conversion). */
    async plans(ids: string[]): Promise<Map<string, { plan: string; convertedToPaidAt: Date | null }>> {
      const rows = await prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, plan: true, convertedToPaidAt: true } });
      return new Map(rows.map((r) => [r.id, { plan: r.plan, convertedToPaidAt: r.convertedToPaidAt }]));
    },

    get(id: string): Promise<Person | null> {
      return prisma.person.findUnique({ where: { id } });
    },

    byEmail(email: string): Promise<Person | null> {
      return prisma.person.findUnique({ where: { email: email.toLowerCase() } });
    },

    /** People whose invitation is still pending, oldest invitation first. */
    inactive(q: InactiveQuery): Promise<Person[]> {
      return prisma.$queryRaw<Person[]>`SELECT * FROM "Person" WHERE ${inactiveSql(q)} ${inactivePage(q)}`;
    },

    async countInactive(q: InactiveQuery): Promise<number> {
      const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Person" WHERE ${inactiveSql(q)}`;
      return rows[0]?.n ?? 0;
    },

    /**
     * One statement for the digest's numbers: how many are inactive, and for each cut-off how many
     * of them were invited at or before it (age bands are the differences).
     */
    async countInactiveOlderThan(q: InactiveQuery, cutoffs: Date[]): Promise<{ total: number; olderThan: number[] }> {
      const older = cutoffs.length
        ? Prisma.sql`ARRAY[${Prisma.join(cutoffs.map((c) => Prisma.sql`count(*) FILTER (WHERE "created" <= ${c})::int`))}]`
        : Prisma.sql`ARRAY[]::int[]`;
      const rows = await prisma.$queryRaw<{ total: number; older: number[] }[]>`
        SELECT count(*)::int AS "total", ${older} AS "older" FROM "Person" WHERE ${inactiveSql(q)}`;
      return { total: rows[0]?.total ?? 0, olderThan: rows[0]?.older ?? [] };
    },

    /** Ids of everyone inactive, oldest invitation first (bulk reminders re-read each person). */
    async inactiveIds(q: InactiveQuery): Promise<string[]> {
      const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Person" WHERE ${inactiveSql(q)} ${inactivePage({ ...q, skip: undefined })}`;
      return rows.map((r) => r.id);
    },

    /** Inactive people we reminded successfully since `since` and who are not free→paid conversions. */
    async countInactiveRemindedSince(q: InactiveQuery, since: Date): Promise<number> {
      const rows = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS "n" FROM "Person" p WHERE ${inactiveSql(q)} AND p."convertedToPaidAt" IS NULL
          AND EXISTS (SELECT 1 FROM "Reminder" r WHERE r."personId" = p."id" AND r."outcome" = 'sent' AND r."requestedAt" >= ${since})`;
      return rows[0]?.n ?? 0;
    },

    async snooze(id: string, until: Date): Promise<void> {
      await prisma.person.update({ where: { id }, data: { followUpSnoozedUntil: until } });
    },

    async markHandled(id: string, by: string, at: Date): Promise<void> {
      await prisma.person.update({ where: { id }, data: { followUpHandledAt: at, followUpHandledBy: by } });
    },

    /** After a full sync: drops people the sync did not list (deleted from the org in Webex). */
    async removeNotSyncedSince(startedAt: Date, orgId?: string): Promise<number> {
      return (await prisma.person.deleteMany({ where: { syncedAt: { lt: startedAt }, ...(orgId ? { orgId } : {}) } })).count;
    },
  };
}
export type PersonRepository = ReturnType<typeof personRepository>;
