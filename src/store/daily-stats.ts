// Daily activation history (DailyStat): the snapshot of one day, the reconstruction of past days
// from the mirror, the series a chart reads, and pruning. Each write is one set-based statement
// (PostgreSQL does the counting; no row becomes a JavaScript object), so a snapshot over 100k
// subscribers takes a fraction of a second and never holds up webhook handling.
//
// Days are UTC calendar days, passed as 'YYYY-MM-DD'. A subscriber's status group on day D:
// - live (snapshot): its status now, for every subscriber created by the end of D;
// - reconstructed: `pending` from its `created` day until its `lastStatusChange` day, then its
//   current group. The mirror keeps only the last change, so a subscriber that went
//   pending → error → provisioned is reconstructed as pending → provisioned; people count as
//   activated from the day they were invited (the mirror has no activation time); removed
//   subscribers are gone from the mirror (removed = 0). Rows built this way are `reconstructed`.
import { Prisma, type DailyStat, type PrismaClient } from '../generated/prisma/client.js';

export type { DailyStat };

/** The whole org's rows; every other scope is an enterprise id. */
export const ORG_SCOPE = '*';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of the UTC day that contains `at`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
/** The day `n` days after `day` (negative: before). */
export const addDays = (day: string, n: number): string => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));

/** One day's counts as the chart and the card read them (a DailyStat row, or today's live one). */
export type DayStats = Omit<DailyStat, 'day' | 'takenAt'> & { day: string; takenAt: Date; live?: boolean };

// Every subscriber once for the org and once for its enterprise, with its status group, the day
// of its last change (never before its creation) and how long it took to get there.
const GROUP = Prisma.sql`CASE WHEN s."status" = 'provisioned' THEN 'provisioned'
              WHEN s."status" = 'error' THEN 'errored'
              WHEN s."status" IN ('provisioning', 'updating') THEN 'provisioning'
              ELSE 'pending' END`;
const HOURS = Prisma.sql`GREATEST(0, EXTRACT(EPOCH FROM (s."lastStatusChange" - s."created")) / 3600.0)::float8`;
const SUBSCRIBERS = Prisma.sql`
  SELECT sc.scope,
         s."created"::date AS c,
         GREATEST(s."lastStatusChange", s."created")::date AS l,
         ${GROUP} AS grp,
         ${HOURS} AS hours
  FROM "Subscriber" s CROSS JOIN LATERAL (VALUES (${ORG_SCOPE}), (s."spEnterpriseId")) AS sc(scope)`;

/**
 * Subscribers per statement of a snapshot. The embedded database runs one statement at a time: a
 * snapshot in one statement over 100,000 subscribers held every webhook arriving meanwhile for
 * half a second; in statements of this size each waits a few tens of milliseconds at most.
 */
export const SNAPSHOT_CHUNK_SUBSCRIBERS = 5_000;

/**
 * COLUMNS summed over several enterprise rows of one day (a customer org's): counts add up; a
 * median does not (null: the report computes the org's from the mirror); people are org-wide only.
 */
const SUMMED = Prisma.raw(`'org' AS "scope", "day", bool_or("reconstructed") AS "reconstructed", max("takenAt") AS "takenAt",
  sum("pending")::int AS "pending", sum("provisioning")::int AS "provisioning", sum("provisioned")::int AS "provisioned",
  sum("errored")::int AS "errored", sum("newlyErrored")::int AS "newlyErrored", sum("newlyProvisioned")::int AS "newlyProvisioned",
  sum("removed")::int AS "removed", NULL::float8 AS "activationHoursMedian", NULL::int AS "peopleInvited", NULL::int AS "peoplePending",
  NULL::int AS "peopleActivated", NULL::int AS "remindersSent", NULL::int AS "remindersSuppressed", NULL::int AS "remindersFailed"`);

const COLUMNS = Prisma.raw(`"scope", "day", "reconstructed", "takenAt", "pending", "provisioning", "provisioned", "errored",
  "newlyErrored", "newlyProvisioned", "removed", "activationHoursMedian", "peopleInvited", "peoplePending",
  "peopleActivated", "remindersSent", "remindersSuppressed", "remindersFailed"`);

/** Per scope, from the CTE `subs`: subscribers by group on `day`, what changed that day, the median. */
function countsOf(day: string): Prisma.Sql {
  return Prisma.sql`
      SELECT scope,
             count(*) FILTER (WHERE grp = 'pending')::int AS pending,
             count(*) FILTER (WHERE grp = 'provisioning')::int AS provisioning,
             count(*) FILTER (WHERE grp = 'provisioned')::int AS provisioned,
             count(*) FILTER (WHERE grp = 'errored')::int AS errored,
             count(*) FILTER (WHERE grp = 'errored' AND l = ${day}::date)::int AS new_err,
             count(*) FILTER (WHERE grp = 'provisioned' AND l = ${day}::date)::int AS new_prov,
             count(*) FILTER (WHERE c = ${day}::date)::int AS created_today,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE grp = 'provisioned' AND l = ${day}::date) AS median
      FROM subs GROUP BY scope`;
}

/** The org-wide CTEs `people` and `reminders` of `day`. */
function peopleAndReminders(day: string): Prisma.Sql {
  return Prisma.sql`people AS (
      SELECT count(*) FILTER (WHERE "created"::date = ${day}::date)::int AS invited,
             count(*) FILTER (WHERE "invitePending")::int AS pending,
             count(*) FILTER (WHERE NOT "invitePending")::int AS activated
      FROM "Person" WHERE "created"::date <= ${day}::date),
    reminders AS (
      SELECT count(*) FILTER (WHERE "outcome" = 'sent')::int AS sent,
             count(*) FILTER (WHERE "outcome" = 'suppressed')::int AS suppressed,
             count(*) FILTER (WHERE "outcome" = 'error')::int AS failed
      FROM "Reminder" WHERE "requestedAt"::date = ${day}::date)`;
}

/**
 * Live counts for `day` of some enterprises, one row per enterprise, in COLUMNS order (people and
 * reminders are org-wide: null here). `removed` compares with the day before.
 */
function enterpriseLiveSelect(day: string, takenAt: Date, enterprises: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    WITH subs AS (
      SELECT s."spEnterpriseId" AS scope, s."created"::date AS c,
             GREATEST(s."lastStatusChange", s."created")::date AS l, ${GROUP} AS grp, ${HOURS} AS hours
      FROM "Subscriber" s
      WHERE s."spEnterpriseId" IN (${Prisma.join([...enterprises])}) AND s."created"::date <= ${day}::date),
    counts AS (${countsOf(day)}),
    prev AS (
      SELECT scope, ("pending" + "provisioning" + "provisioned" + "errored") AS total
      FROM "DailyStat" WHERE "day" = ${day}::date - 1 AND scope IN (${Prisma.join([...enterprises])})),
    scopes AS (SELECT scope FROM counts UNION SELECT scope FROM prev),
    written AS (
      INSERT INTO "DailyStat" (${COLUMNS})
      SELECT x.scope, ${day}::date, false, ${takenAt}::timestamp,
             COALESCE(k.pending, 0), COALESCE(k.provisioning, 0), COALESCE(k.provisioned, 0), COALESCE(k.errored, 0),
             COALESCE(k.new_err, 0), COALESCE(k.new_prov, 0),
             -- what was there yesterday plus what arrived today, less what is there now, left
             CASE WHEN p.total IS NULL THEN 0
                  ELSE GREATEST(0, p.total + COALESCE(k.created_today, 0) - COALESCE(k.pending + k.provisioning + k.provisioned + k.errored, 0))::int END,
             k.median, NULL, NULL, NULL, NULL, NULL, NULL
      FROM scopes x LEFT JOIN counts k ON k.scope = x.scope LEFT JOIN prev p ON p.scope = x.scope
      ON CONFLICT ("scope", "day") DO NOTHING)
    -- what the org's row needs and the enterprise rows do not keep (the INSERT above runs all the same)
    SELECT (SELECT COALESCE(sum(created_today), 0) FROM counts)::int AS "createdToday",
           (SELECT array_agg(hours) FROM subs WHERE grp = 'provisioned' AND l = ${day}::date) AS "hours"`;
}

/**
 * The org's row for `day`: the sums of its enterprises' rows of that day (written just before),
 * the median over all of them, and the org-wide people and reminders.
 */
function orgLiveInsert(day: string, takenAt: Date, createdToday: number, median: number | null): Prisma.Sql {
  return Prisma.sql`
    WITH e AS (
      SELECT COALESCE(sum("pending"), 0)::int AS pending, COALESCE(sum("provisioning"), 0)::int AS provisioning,
             COALESCE(sum("provisioned"), 0)::int AS provisioned, COALESCE(sum("errored"), 0)::int AS errored,
             COALESCE(sum("newlyErrored"), 0)::int AS new_err, COALESCE(sum("newlyProvisioned"), 0)::int AS new_prov
      FROM "DailyStat" WHERE "day" = ${day}::date AND "scope" <> ${ORG_SCOPE}),
    prev AS (
      SELECT ("pending" + "provisioning" + "provisioned" + "errored") AS total
      FROM "DailyStat" WHERE "day" = ${day}::date - 1 AND "scope" = ${ORG_SCOPE}),
    ${peopleAndReminders(day)}
    INSERT INTO "DailyStat" (${COLUMNS})
    SELECT ${ORG_SCOPE}, ${day}::date, false, ${takenAt}::timestamp, e.pending, e.provisioning, e.provisioned, e.errored,
           e.new_err, e.new_prov,
           CASE WHEN p.total IS NULL THEN 0
                ELSE GREATEST(0, p.total + ${createdToday} - (e.pending + e.provisioning + e.provisioned + e.errored))::int END,
           ${median}::float8, pe.invited, pe.pending, pe.activated, r.sent, r.suppressed, r.failed
    FROM e LEFT JOIN prev p ON true CROSS JOIN people pe CROSS JOIN reminders r
    ON CONFLICT ("scope", "day") DO NOTHING`;
}

/** The median as percentile_cont(0.5) computes it (the mean of the middle two of an even count). */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Enterprises in groups of about `size` subscribers (an enterprise larger than that is a group of
 * its own): one snapshot statement each.
 */
function chunksOf(enterprises: readonly { scope: string; n: number }[], size: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let filled = 0;
  for (const e of enterprises) {
    if (current.length > 0 && filled + e.n > size) {
      chunks.push(current);
      current = [];
      filled = 0;
    }
    current.push(e.scope);
    filled += e.n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Live counts for `day`, one row per scope, in COLUMNS order, written by nothing (today's chart point). */
function liveSelect(day: string, takenAt: Date): Prisma.Sql {
  return Prisma.sql`
    WITH subs AS (${SUBSCRIBERS} WHERE s."created"::date <= ${day}::date),
    counts AS (${countsOf(day)}),
    prev AS (
      SELECT scope, ("pending" + "provisioning" + "provisioned" + "errored") AS total
      FROM "DailyStat" WHERE "day" = ${day}::date - 1),
    scopes AS (SELECT scope FROM counts UNION SELECT scope FROM prev UNION SELECT ${ORG_SCOPE}),
    ${peopleAndReminders(day)}
    SELECT x.scope, ${day}::date, false, ${takenAt}::timestamp,
           COALESCE(k.pending, 0), COALESCE(k.provisioning, 0), COALESCE(k.provisioned, 0), COALESCE(k.errored, 0),
           COALESCE(k.new_err, 0), COALESCE(k.new_prov, 0),
           CASE WHEN p.total IS NULL THEN 0
                ELSE GREATEST(0, p.total + COALESCE(k.created_today, 0) - COALESCE(k.pending + k.provisioning + k.provisioned + k.errored, 0))::int END,
           k.median,
           CASE WHEN x.scope = ${ORG_SCOPE} THEN pe.invited END, CASE WHEN x.scope = ${ORG_SCOPE} THEN pe.pending END,
           CASE WHEN x.scope = ${ORG_SCOPE} THEN pe.activated END, CASE WHEN x.scope = ${ORG_SCOPE} THEN r.sent END,
           CASE WHEN x.scope = ${ORG_SCOPE} THEN r.suppressed END, CASE WHEN x.scope = ${ORG_SCOPE} THEN r.failed END
    FROM scopes x LEFT JOIN counts k ON k.scope = x.scope LEFT JOIN prev p ON p.scope = x.scope
    CROSS JOIN people pe CROSS JOIN reminders r`;
}

/** Reconstructed counts for every day in [from, to], one row per scope and day, in COLUMNS order. */
function reconstructedSelect(from: string, to: string, takenAt: Date): Prisma.Sql {
  return Prisma.sql`
    WITH subs AS (${SUBSCRIBERS}),
    -- a subscriber enters on its created day (as pending) and moves to its group on day l;
    -- earlier days are folded into the first day of the range
    deltas AS (
      SELECT scope, day, sum(created)::int AS created, sum(prov)::int AS prov, sum(busy)::int AS busy, sum(err)::int AS err
      FROM (
        SELECT scope, GREATEST(c, ${from}::date) AS day, 1 AS created, 0 AS prov, 0 AS busy, 0 AS err FROM subs WHERE c <= ${to}::date
        UNION ALL
        SELECT scope, GREATEST(l, ${from}::date), 0, (grp = 'provisioned')::int, (grp = 'provisioning')::int, (grp = 'errored')::int
        FROM subs WHERE grp <> 'pending' AND l <= ${to}::date
      ) e GROUP BY scope, day),
    fresh AS (
      SELECT scope, l AS day,
             count(*) FILTER (WHERE grp = 'errored')::int AS new_err,
             count(*) FILTER (WHERE grp = 'provisioned')::int AS new_prov,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE grp = 'provisioned') AS median
      FROM subs WHERE l BETWEEN ${from}::date AND ${to}::date AND grp IN ('errored', 'provisioned') GROUP BY scope, l),
    grid AS (
      SELECT sc.scope, d::date AS day
      FROM (SELECT DISTINCT scope FROM subs UNION SELECT ${ORG_SCOPE}) sc
      CROSS JOIN generate_series(${from}::date, ${to}::date, interval '1 day') d),
    cum AS (
      SELECT g.scope, g.day,
             sum(COALESCE(d.created, 0)) OVER w AS created, sum(COALESCE(d.prov, 0)) OVER w AS prov,
             sum(COALESCE(d.busy, 0)) OVER w AS busy, sum(COALESCE(d.err, 0)) OVER w AS err
      FROM grid g LEFT JOIN deltas d ON d.scope = g.scope AND d.day = g.day
      WINDOW w AS (PARTITION BY g.scope ORDER BY g.day)),
    people AS (
      SELECT day, invited, sum(pend) OVER w AS pending, sum(act) OVER w AS activated
      FROM (
        SELECT g.day, COALESCE(sum(p.invited), 0) AS invited, COALESCE(sum(p.pend), 0) AS pend, COALESCE(sum(p.act), 0) AS act
        FROM generate_series(${from}::date, ${to}::date, interval '1 day') g(day)
        LEFT JOIN (
          SELECT GREATEST("created"::date, ${from}::date) AS day,
                 count(*) FILTER (WHERE "created"::date >= ${from}::date) AS invited,
                 count(*) FILTER (WHERE "invitePending") AS pend, count(*) FILTER (WHERE NOT "invitePending") AS act
          FROM "Person" WHERE "created"::date <= ${to}::date GROUP BY 1
        ) p ON p.day = g.day GROUP BY g.day
      ) x WINDOW w AS (ORDER BY day)),
    reminders AS (
      SELECT "requestedAt"::date AS day,
             count(*) FILTER (WHERE "outcome" = 'sent')::int AS sent,
             count(*) FILTER (WHERE "outcome" = 'suppressed')::int AS suppressed,
             count(*) FILTER (WHERE "outcome" = 'error')::int AS failed
      FROM "Reminder" WHERE "requestedAt"::date BETWEEN ${from}::date AND ${to}::date GROUP BY 1)
    SELECT c.scope, c.day, true, ${takenAt}::timestamp,
           (c.created - c.prov - c.busy - c.err)::int, c.busy::int, c.prov::int, c.err::int,
           COALESCE(f.new_err, 0), COALESCE(f.new_prov, 0), 0, f.median,
           CASE WHEN c.scope = ${ORG_SCOPE} THEN pe.invited::int END, CASE WHEN c.scope = ${ORG_SCOPE} THEN pe.pending::int END,
           CASE WHEN c.scope = ${ORG_SCOPE} THEN pe.activated::int END,
           CASE WHEN c.scope = ${ORG_SCOPE} THEN COALESCE(r.sent, 0) END, CASE WHEN c.scope = ${ORG_SCOPE} THEN COALESCE(r.suppressed, 0) END,
           CASE WHEN c.scope = ${ORG_SCOPE} THEN COALESCE(r.failed, 0) END
    FROM cum c LEFT JOIN fresh f ON f.scope = c.scope AND f.day = c.day
    LEFT JOIN people pe ON pe.day = c.day LEFT JOIN reminders r ON r.day = c.day
    -- an enterprise's days before its first subscriber are not history
    WHERE c.scope = ${ORG_SCOPE} OR c.created > 0`;
}

interface RawDay {
  scope: string;
  day: Date | string;
  reconstructed: boolean;
  takenAt: Date;
  pending: number;
  provisioning: number;
  provisioned: number;
  errored: number;
  newlyErrored: number;
  newlyProvisioned: number;
  removed: number;
  activationHoursMedian: number | null;
  peopleInvited: number | null;
  peoplePending: number | null;
  peopleActivated: number | null;
  remindersSent: number | null;
  remindersSuppressed: number | null;
  remindersFailed: number | null;
}

const toDay = (d: Date | string): string => (typeof d === 'string' ? d.slice(0, 10) : utcDay(d));
const asDayStats = (r: RawDay): DayStats => ({ ...r, day: toDay(r.day) });

export function dailyStatRepository(prisma: PrismaClient) {
  return {
    /**
     * Records `day` as the mirror has it now; false if that day was already recorded. One statement
     * per group of enterprises (see SNAPSHOT_CHUNK_SUBSCRIBERS), then the org's row from theirs:
     * the other work of the bot goes on in between. A snapshot cut short is completed by the next
     * (rows already written are kept; the org's row, written last, says the day is recorded).
     */
    async snapshot(day: string, takenAt: Date, options: { chunkSubscribers?: number } = {}): Promise<boolean> {
      // The enterprises that have subscribers (from the kept counts: a few rows), and those that
      // had some the day before (all removed since: their row says so).
      const enterprises = await prisma.$queryRaw<{ scope: string; n: number }[]>`
        SELECT scope, max(n)::int AS n FROM (
          SELECT "spEnterpriseId" AS scope, sum("n") AS n FROM "SubscriberStatusCount" GROUP BY 1 HAVING sum("n") > 0
          UNION ALL
          SELECT "scope", 0 FROM "DailyStat" WHERE "day" = ${day}::date - 1 AND "scope" <> ${ORG_SCOPE}
        ) e GROUP BY scope ORDER BY scope`;
      let createdToday = 0;
      const hours: number[] = [];
      for (const chunk of chunksOf(enterprises, options.chunkSubscribers ?? SNAPSHOT_CHUNK_SUBSCRIBERS)) {
        const [part] = await prisma.$queryRaw<{ createdToday: number; hours: number[] | null }[]>(enterpriseLiveSelect(day, takenAt, chunk));
        createdToday += part?.createdToday ?? 0;
        hours.push(...(part?.hours ?? []));
      }
      return (await prisma.$executeRaw(orgLiveInsert(day, takenAt, createdToday, median(hours)))) > 0;
    },

    /** Reconstructs [from, to] from the mirror; days already recorded are kept. Rows written. */
    async backfill(from: string, to: string, takenAt: Date): Promise<number> {
      if (from > to) return 0;
      return prisma.$executeRaw`
        INSERT INTO "DailyStat" (${COLUMNS}) ${reconstructedSelect(from, to, takenAt)}
        ON CONFLICT ("scope", "day") DO NOTHING`;
    },

    /** `day`'s counts as they are now, without recording them (today's point of a chart). */
    async live(day: string, takenAt: Date, scope: string): Promise<DayStats | null> {
      const rows = await prisma.$queryRaw<RawDay[]>`
        SELECT * FROM (${liveSelect(day, takenAt)}) AS t(${COLUMNS}) WHERE scope = ${scope}`;
      return rows[0] ? { ...asDayStats(rows[0]), live: true } : null;
    },

    /** Today's live counts of several enterprises (a customer org's), added together. */
    async liveOf(day: string, takenAt: Date, scopes: readonly string[]): Promise<DayStats | null> {
      const rows = await prisma.$queryRaw<RawDay[]>`
        SELECT ${SUMMED} FROM (${liveSelect(day, takenAt)}) AS t(${COLUMNS}) WHERE scope = ANY(${[...scopes]}::text[]) GROUP BY "day"`;
      return rows[0] ? { ...asDayStats(rows[0]), live: true } : null;
    },

    /** The recorded days of several enterprises (a customer org's) in [from, to], added together per day. */
    async seriesOf(scopes: readonly string[], from: string, to: string): Promise<DayStats[]> {
      const rows = await prisma.$queryRaw<RawDay[]>`
        SELECT ${SUMMED} FROM "DailyStat"
        WHERE scope = ANY(${[...scopes]}::text[]) AND "day" BETWEEN ${from}::date AND ${to}::date GROUP BY "day" ORDER BY "day"`;
      return rows.map(asDayStats);
    },

    /** Reconstructed counts without recording them (tests compare them with the recorded ones). */
    async reconstruct(from: string, to: string, takenAt: Date): Promise<DayStats[]> {
      const rows = await prisma.$queryRaw<RawDay[]>`
        SELECT * FROM (${reconstructedSelect(from, to, takenAt)}) AS t(${COLUMNS}) ORDER BY scope, day`;
      return rows.map(asDayStats);
    },

    /** The recorded days of `scope` in [from, to], oldest first. */
    async series(scope: string, from: string, to: string): Promise<DayStats[]> {
      const rows = await prisma.$queryRaw<RawDay[]>`
        SELECT ${COLUMNS} FROM "DailyStat"
        WHERE scope = ${scope} AND "day" BETWEEN ${from}::date AND ${to}::date ORDER BY "day"`;
      return rows.map(asDayStats);
    },

    /** The latest recorded day of `scope` before `before`, if any. */
    async latestDay(scope: string, before: string): Promise<string | null> {
      const rows = await prisma.$queryRaw<{ day: Date | string }[]>`
        SELECT max("day") AS day FROM "DailyStat" WHERE scope = ${scope} AND "day" < ${before}::date`;
      return rows[0]?.day ? toDay(rows[0].day) : null;
    },

    /** The first day the mirror knows anything about (a subscriber, a person or a reminder). */
    async earliestKnownDay(): Promise<string | null> {
      const rows = await prisma.$queryRaw<{ first: Date | string | null }[]>`
        SELECT LEAST((SELECT min("created") FROM "Subscriber"), (SELECT min("created") FROM "Person"),
                     (SELECT min("requestedAt") FROM "Reminder"))::date AS first`;
      const first = rows[0]?.first;
      return first ? toDay(first) : null;
    },

    /** Median hours from created to provisioned of the subscribers provisioned in [from, to]. */
    async activationMedianHours(scope: string | readonly string[], from: string, to: string): Promise<{ hours: number | null; count: number }> {
      const scopes = typeof scope === 'string' ? [scope] : [...scope];
      const rows = await prisma.$queryRaw<{ hours: number | null; count: number }[]>`
        WITH subs AS (${SUBSCRIBERS})
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS hours, count(*)::int AS count
        FROM subs WHERE scope = ANY(${scopes}::text[]) AND grp = 'provisioned' AND l BETWEEN ${from}::date AND ${to}::date`;
      return rows[0] ?? { hours: null, count: 0 };
    },

    /** The enterprises with history (for the help of `stats enterprise`). */
    async scopes(): Promise<string[]> {
      const rows = await prisma.$queryRaw<{ scope: string }[]>`SELECT DISTINCT scope FROM "DailyStat" WHERE scope <> ${ORG_SCOPE} ORDER BY scope`;
      return rows.map((r) => r.scope);
    },

    async prune(beforeDay: string): Promise<number> {
      return prisma.$executeRaw`DELETE FROM "DailyStat" WHERE "day" < ${beforeDay}::date`;
    },
  };
}
export type DailyStatRepository = ReturnType<typeof dailyStatRepository>;
