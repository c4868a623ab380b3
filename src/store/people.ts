// Webex users mirrored for the inactive-user follow-up.
import { Prisma, type Person, type PrismaClient } from '../generated/prisma/client.js';

export type { Person };
/** What Webex tells us about a person; follow-up state (snooze, handled) is ours and kept. */
export type PersonInput = Omit<Person, 'syncedAt' | 'followUpSnoozedUntil' | 'followUpHandledAt' | 'followUpHandledBy'>;

export interface InactiveQuery {
  /** Invited before this instant. */
  invitedBefore: Date;
  now: Date;
  /** Include snoozed and handled people too. */
  includeDismissed?: boolean;
  skip?: number;
  take?: number;
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
  return Prisma.sql`"invitePending" AND "created" < ${q.invitedBefore}${dismissed}`;
}

/** Oldest invitation first; OFFSET / LIMIT only when asked. */
function inactivePage(q: InactiveQuery): Prisma.Sql {
  return Prisma.sql`ORDER BY "created" ASC, "id" ASC${q.take !== undefined ? Prisma.sql` LIMIT ${q.take}` : Prisma.empty}${q.skip ? Prisma.sql` OFFSET ${q.skip}` : Prisma.empty}`;
}

export function personRepository(prisma: PrismaClient) {
  return {
    async upsertMany(rows: PersonInput[]): Promise<void> {
      if (rows.length === 0) return;
      await prisma.$transaction(rows.map((row) => prisma.person.upsert({ where: { id: row.id }, create: row, update: row })));
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
    async removeNotSyncedSince(startedAt: Date): Promise<number> {
      return (await prisma.person.deleteMany({ where: { syncedAt: { lt: startedAt } } })).count;
    },

    async remove(id: string): Promise<void> {
      await prisma.person.deleteMany({ where: { id } });
    },
  };
}
export type PersonRepository = ReturnType<typeof personRepository>;
