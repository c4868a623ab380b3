// Subscribers mirrored from Webex for BroadWorks: the lists, filters, paging and export are
// served from here. Paging is keyset (lastStatusChange desc, id) so page N costs what page 1 does.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Prisma, type PrismaClient, type Subscriber } from '../generated/prisma/client.js';
import type { SubscriberStatus } from '../generated/prisma/enums.js';
import { PENDING_OR_ERROR, STUCK_STATUSES, SUBSCRIBER_STATUSES } from '../provisioning/types.js';
import { afterCursorSql, orgList, subscriberFilterSql, userIdOrEmailSql, type SubscriberCursor, type SubscriberFilter } from './subscriber-filter.js';

export { PENDING_OR_ERROR, SUBSCRIBER_STATUSES };
export type { SubscriberCursor, SubscriberFilter };

export type { Subscriber };

/** A mirrored row as the backends give it: its org follows from its enterprise (see writeRows). */
export type SubscriberInput = Omit<Subscriber, 'syncedAt' | 'orgId'>;

/** Failing subscribers of one raw cause, enterprise and status, counted (see causeRows). */
export interface CauseRow {
  status: SubscriberStatus;
  errorCode: number | null;
  errorText: string | null;
  spEnterpriseId: string;
  n: number;
  oldest: Date;
  newest: Date;
}

/** Which failing subscribers make one cause: a status, an error code, or exact error texts without a code. */
export type CauseSelector =
  | { kind: 'status'; status: SubscriberStatus }
  | { kind: 'code'; errorCode: number }
  | { kind: 'texts'; texts: readonly string[] };


/** In error, waiting for consent, or pending since before `stuckBefore`. */
function failingSql(stuckBefore: Date): Prisma.Sql {
  return Prisma.sql`("status" = 'error'::"SubscriberStatus" OR "status" = 'pending_user_migration'::"SubscriberStatus"
    OR ("status" IN (${Prisma.join(STUCK_STATUSES.map((st) => Prisma.sql`${st}::"SubscriberStatus"`))}) AND "lastStatusChange" <= ${stuckBefore}))`;
}

function causeSql(cause: CauseSelector): Prisma.Sql {
  switch (cause.kind) {
    case 'status':
      return Prisma.sql`"status" = ${cause.status}::"SubscriberStatus"`;
    case 'code':
      return Prisma.sql`"status" = 'error'::"SubscriberStatus" AND "errorCode" = ${cause.errorCode}`;
    case 'texts':
      return cause.texts.length === 0
        ? Prisma.sql`FALSE`
        : Prisma.sql`"status" = 'error'::"SubscriberStatus" AND "errorCode" IS NULL AND coalesce("errorText", '') IN (${Prisma.join([...cause.texts])})`;
    default:
      return cause satisfies never;
  }
}

/** List order: newest status change first, ties by id. */
const LIST_ORDER = Prisma.sql`ORDER BY "lastStatusChange" DESC, "id" ASC`;

/**
 * One CSV column: a Subscriber field and the header text above it, or a SQL expression over the
 * row (trusted text built by our code, never from input: e.g. the error explanation).
 */
export type CsvColumn = { key: keyof Subscriber; header: string } | { sql: string; header: string };

const DATE_COLUMNS = new Set<keyof Subscriber>(['created', 'lastStatusChange', 'syncedAt']);

/**
 * A cell as a spreadsheet should get it: dates as UTC ISO text (as toISOString() writes them), and
 * text a spreadsheet would run as a formula prefixed with a quote (CSV injection).
 */
function csvCell(c: CsvColumn): string {
  const { header } = c;
  if ('sql' in c) return `${c.sql} AS ${pg.escapeIdentifier(header)}`;
  const { key } = c;
  const column = pg.escapeIdentifier(key);
  const cell = DATE_COLUMNS.has(key)
    ? `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `CASE WHEN left(${column}::text, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${column}::text ELSE ${column}::text END`;
  return `${cell} AS ${pg.escapeIdentifier(header)}`;
}

/** COPY takes no parameters: the filter's values go in as escaped literals. */
function inlineLiterals(sql: Prisma.Sql): string {
  return sql.strings.reduce((text, part, i) => {
    const value: unknown = sql.values[i - 1];
    // Dates as the UTC ISO text Prisma stores; numbers (an error code) as their digits.
    const literal = value instanceof Date ? value.toISOString() : typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
    if (typeof literal !== 'string') throw new Error(`unexpected ${typeof value} in an export filter`);
    return text + pg.escapeLiteral(literal) + part;
  });
}

/** Narrows an export to the failing subscribers of one cause (see causeRows). */
export interface CauseScope {
  cause: CauseSelector;
  stuckBefore: Date;
}

const COLUMNS = [
  'id', 'personId', 'userId', 'spEnterpriseId', 'firstName', 'lastName', 'email', 'primaryPhoneNumber', 'mobilePhoneNumber',
  'extension', 'package', 'status', 'errorCode', 'errorText', 'created', 'lastStatusChange', 'provisioningId', 'selfActivated',
] as const satisfies readonly (keyof SubscriberInput)[];
// A column added to the model but not listed above would be silently dropped: fail to compile.
const EVERY_COLUMN_LISTED: Exclude<keyof SubscriberInput, (typeof COLUMNS)[number]> extends never ? true : never = true;
void EVERY_COLUMN_LISTED;
const SQL_TYPES: Partial<Record<(typeof COLUMNS)[number], string>> = {
  package: '"SubscriberPackage"',
  status: '"SubscriberStatus"',
  errorCode: 'integer',
  created: 'timestamp(3)',
  lastStatusChange: 'timestamp(3)',
  selfActivated: 'boolean',
};
const quoted = (c: string) => `"${c}"`;
const UPDATE_ALL = [...COLUMNS.filter((c) => c !== 'id'), 'syncedAt', 'orgId'].map((c) => `${quoted(c)} = EXCLUDED.${quoted(c)}`).join(', ');

/**
 * Writes rows in one statement (one array parameter per column, unnested), where Prisma's
 * createMany / per-row upserts cost about a millisecond per row: a 100,000-subscriber sync or
 * seed took minutes. Dates go as UTC ISO text, as Prisma stores them. Returns the rows written.
 */
async function writeRows(pool: pg.Pool, rows: SubscriberInput[], syncedAt: Date, onConflict: 'update' | 'skip', placement: OrgPlacement): Promise<number> {
  if (rows.length === 0) return 0;
  // One statement may not update a row twice: a listing that shifted between pages can repeat one.
  // Sorted by id: writers that lock overlapping rows in one order cannot deadlock one another
  // (two instances upserting overlapping pages did, now and then).
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const arrays = COLUMNS.map((c) => unique.map((r) => (r[c] instanceof Date ? r[c].toISOString() : r[c])));
  const unnest = COLUMNS.map((c, i) => `$${i + 1}::${SQL_TYPES[c] ?? 'text'}[]`).join(', ');
  // The org comes from the enterprise's (partner mode), else the one configured org. A lookup per
  // row, not a join: a join may reorder the rows, and concurrent writers that lock overlapping rows
  // in different orders deadlock; unnest's order is the batch's, as before orgs existed.
  const sql =
    `INSERT INTO "Subscriber" (${COLUMNS.map(quoted).join(', ')}, "syncedAt", "orgId") ` +
    `SELECT u.*, $${COLUMNS.length + 1}::timestamp(3), ` +
    `coalesce((SELECT e."orgId" FROM "Enterprise" e WHERE e."id" = u."spEnterpriseId"), $${COLUMNS.length + 2}::text) ` +
    `FROM unnest(${unnest}) AS u(${COLUMNS.map(quoted).join(', ')}) ` +
    `ON CONFLICT ("id") DO ${onConflict === 'update' ? `UPDATE SET ${UPDATE_ALL}` : 'NOTHING'}`;
  // Straight to the pool (the one Prisma's adapter uses): Prisma's raw path adds about a
  // millisecond to every write, and an answer waiting on a refresh waits on this one.
  return (await pool.query(sql, [...arrays, syncedAt.toISOString(), placement.singleOrgId ?? null])).rowCount ?? 0;
}

/** Where rows without a known enterprise go: the configured org in single-org mode, else nowhere yet. */
export interface OrgPlacement {
  singleOrgId?: string;
}

export function subscriberRepository(prisma: PrismaClient, pool: pg.Pool, placement: OrgPlacement = {}) {
  return {
    async upsertMany(rows: SubscriberInput[]): Promise<void> {
      // syncedAt from this process's clock, the same clock removeNotSyncedSince is given.
      await writeRows(pool, rows, new Date(), 'update', placement);
    },

    /** Bulk insert for seeding and benchmarks (existing ids are skipped). */
    insertMany(rows: SubscriberInput[]): Promise<number> {
      return writeRows(pool, rows, new Date(), 'skip', placement);
    },

    get(id: string): Promise<Subscriber | null> {
      return prisma.subscriber.findUnique({ where: { id } });
    },

    /** By BroadWorks user id or email, exactly but for case, newest first. */
    findByUserIdOrEmail(key: string): Promise<Subscriber[]> {
      return prisma.$queryRaw<Subscriber[]>`SELECT * FROM "Subscriber" WHERE ${userIdOrEmailSql(key)} ${LIST_ORDER} LIMIT 10`;
    },

    /**
     * One page in list order. `direction: 'prev'` returns the page before `cursor`, still in list
     * order. `hasMore` says whether another page exists beyond this one in that direction.
     */
    async page(
      filter: SubscriberFilter,
      size: number,
      cursor?: SubscriberCursor,
      direction: 'next' | 'prev' = 'next',
    ): Promise<{ rows: Subscriber[]; hasMore: boolean }> {
      const desc = direction === 'next';
      const order = desc ? LIST_ORDER : Prisma.sql`ORDER BY "lastStatusChange" ASC, "id" DESC`;
      const rows = await prisma.$queryRaw<Subscriber[]>`
        SELECT * FROM "Subscriber" WHERE ${subscriberFilterSql(filter)} AND ${afterCursorSql(cursor, direction)} ${order} LIMIT ${size + 1}`;
      const hasMore = rows.length > size;
      const pageRows = rows.slice(0, size);
      return { rows: desc ? pageRows : pageRows.reverse(), hasMore };
    },

    /** Page by position, for a jump that no adjacent page's cursor can serve. */
    pageAt(filter: SubscriberFilter, size: number, offset: number): Promise<Subscriber[]> {
      return prisma.$queryRaw<Subscriber[]>`
        SELECT * FROM "Subscriber" WHERE ${subscriberFilterSql(filter)} ${LIST_ORDER} LIMIT ${size} OFFSET ${offset}`;
    },

    /**
     * Subscribers per status. Without a text filter they are read from the counts the database
     * keeps (SubscriberStatusCount): a few rows, however large the mirror; a text search counts
     * the matching rows themselves.
     */
    async countByStatus(filter: Omit<SubscriberFilter, 'statuses'>): Promise<Record<SubscriberStatus, number>> {
      const groups = filter.text?.trim()
        ? await prisma.$queryRaw<{ status: SubscriberStatus; n: number }[]>`
            SELECT "status"::text AS "status", count(*)::int AS "n" FROM "Subscriber" WHERE ${subscriberFilterSql(filter)} GROUP BY "status"`
        : await prisma.$queryRaw<{ status: SubscriberStatus; n: number }[]>`
            SELECT "status"::text AS "status", sum("n")::int AS "n" FROM "SubscriberStatusCount"
            WHERE ${filter.enterpriseId ? Prisma.sql`"spEnterpriseId" = ${filter.enterpriseId}` : Prisma.sql`TRUE`}
              AND ${filter.orgIds ? Prisma.sql`"orgId" IN (${orgList(filter.orgIds)})` : Prisma.sql`TRUE`}
            GROUP BY "status"`;
      const counts = Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, 0])) as Record<SubscriberStatus, number>;
      for (const g of groups) counts[g.status] = g.n;
      return counts;
    },

    /**
     * Failing subscribers (errored, or pending since before `stuckBefore`; waiting for a user's
     * consent at any age) counted per raw cause and enterprise: the database does the grouping,
     * so 5,000 errors come back as a few rows (the error-intelligence service merges them).
     */
    causeRows(filter: Omit<SubscriberFilter, 'statuses'>, stuckBefore: Date): Promise<CauseRow[]> {
      return prisma.$queryRaw<CauseRow[]>`
        SELECT "status"::text AS "status", "errorCode", "errorText", "spEnterpriseId", count(*)::int AS "n",
               min("lastStatusChange") AS "oldest", max("lastStatusChange") AS "newest"
        FROM "Subscriber"
        WHERE ${subscriberFilterSql(filter)} AND ${failingSql(stuckBefore)}
        GROUP BY 1, 2, 3, 4`;
    },

    /** The failing subscribers of one cause, newest first (at most `limit`). */
    ofCause(filter: Omit<SubscriberFilter, 'statuses'>, cause: CauseSelector, stuckBefore: Date, limit: number): Promise<Subscriber[]> {
      return prisma.$queryRaw<Subscriber[]>`
        SELECT * FROM "Subscriber"
        WHERE ${subscriberFilterSql(filter)} AND ${failingSql(stuckBefore)} AND ${causeSql(cause)}
        ${LIST_ORDER} LIMIT ${limit}`;
    },

    async count(filter: SubscriberFilter): Promise<number> {
      const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Subscriber" WHERE ${subscriberFilterSql(filter)}`;
      return rows[0]?.n ?? 0;
    },

    /**
     * Every matching row in list order as CSV (header first) into `out`; returns the row count.
     * PostgreSQL writes the CSV itself (COPY … TO STDOUT): no row becomes a JavaScript object, so
     * 100,000 rows take a fraction of the time and memory of reading them through a client.
     */
    async copyCsv(filter: SubscriberFilter, columns: readonly CsvColumn[], out: Writable, scope?: CauseScope): Promise<number> {
      const where = scope ? Prisma.sql`${subscriberFilterSql(filter)} AND ${failingSql(scope.stuckBefore)} AND ${causeSql(scope.cause)}` : subscriberFilterSql(filter);
      const sql =
        `COPY (SELECT ${columns.map(csvCell).join(', ')} FROM "Subscriber" WHERE ${inlineLiterals(where)} ` +
        `${LIST_ORDER.sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
      const client = await pool.connect();
      // A checked-out client that loses its server emits 'error': unheard, that would end the
      // process. The COPY stream fails with it, which is what the caller hears.
      let lost: Error | undefined;
      const onLost = (err: Error) => (lost = err);
      client.on('error', onLost);
      try {
        const copy = client.query(copyTo(sql));
        await pipeline(copy, out);
        client.release();
        return copy.rowCount;
      } catch (err) {
        // A COPY stopped half-way leaves the connection mid-protocol: it is closed, not reused.
        client.release((lost ?? err) as Error);
        throw err;
      } finally {
        client.off('error', onLost);
      }
    },

    /** After a full sync: drops rows the sync did not touch (gone from Webex). */
    /**
     * Folds the rows of changes the count triggers wrote into one row per enterprise and status.
     * One statement: rows another transaction adds meanwhile are not seen, so they stay as they are.
     */
    async compactCounts(): Promise<void> {
      await prisma.$executeRaw`
        WITH gone AS (DELETE FROM "SubscriberStatusCount" RETURNING "spEnterpriseId", "orgId", "status", "n")
        INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "orgId", "status", "n")
        SELECT "spEnterpriseId", "orgId", "status", sum("n")::int FROM gone GROUP BY 1, 2, 3 HAVING sum("n") <> 0`;
      // Each fold leaves the old rows dead. The embedded database has no autovacuum, so they would
      // pile up and every count would read through them (30 ms instead of 1 for 500 orgs): the
      // table is small, so vacuuming it now costs a few milliseconds.
      await prisma.$executeRaw`VACUUM "SubscriberStatusCount"`;
    },

    /**
     * Fresh planner statistics for the mirror's tables. A PostgreSQL server's autovacuum does this
     * by itself; the embedded database has none, so the prune schedule runs it (a sample, not a scan).
     */
    async analyze(): Promise<void> {
      await prisma.$executeRaw`ANALYZE "Subscriber", "SubscriberStatusCount", "Enterprise", "CustomerOrg", "Person"`;
    },

    async removeNotSyncedSince(startedAt: Date): Promise<number> {
      return (await prisma.subscriber.deleteMany({ where: { syncedAt: { lt: startedAt } } })).count;
    },

    async remove(id: string): Promise<void> {
      await prisma.subscriber.deleteMany({ where: { id } });
    },

    /** Newest lastStatusChange mirrored: the start of the next incremental sync. */
    async latestStatusChange(): Promise<Date | null> {
      const row = await prisma.subscriber.findFirst({ orderBy: { lastStatusChange: 'desc' }, select: { lastStatusChange: true } });
      return row?.lastStatusChange ?? null;
    },

    async enterprises(): Promise<string[]> {
      const rows = await prisma.subscriber.findMany({ distinct: ['spEnterpriseId'], select: { spEnterpriseId: true }, orderBy: { spEnterpriseId: 'asc' } });
      return rows.map((r) => r.spEnterpriseId);
    },
  };
}
export type SubscriberRepository = ReturnType<typeof subscriberRepository>;
