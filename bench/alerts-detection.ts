// Benchmark: inactive-user detection (what an alert run and `inactive` do: totals + age bands,
// the first page oldest first, each row's latest reminder) over 100,000 people in the store, on
// the embedded database and on the PostgreSQL server, next to the same SQL sent bare through
// the pg pool in the same run. Target: under 1 s. `run()` returns a markdown section;
// `tsx bench/alerts-detection.ts` prints it.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ALERT_PAGE_SIZE } from '../src/cards/index.js';
import { bandStarts, DAY_MS, detectInactive, invitedBefore } from '../src/alerts/detection.js';
import { openDatabase, type Database, type DatabaseLocation } from '../src/db/database.js';
import { createStore } from '../src/store/index.js';

const PEOPLE = 100_000;
const RUNS = 15;
const TARGET_MS = 1_000;
const NOW = new Date('2026-03-10T09:00:00.000Z');
const AFTER_DAYS = 7;
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** 100k people in one statement: a third pending, invited 0–364 days ago, some snoozed or handled, some reminded. */
export async function fill(pool: pg.Pool): Promise<void> {
  const at = NOW.toISOString();
  await pool.query(
    `INSERT INTO "Person" ("id","email","displayName","invitePending","loginEnabled","created","licenses","plan","followUpSnoozedUntil","followUpHandledAt","syncedAt")
     SELECT 'bench-' || g, 'user' || g || '@bench.example', 'Bench User ' || g, g % 3 = 0, true,
            $1::timestamp - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute', ARRAY['lic'], 'paid',
            CASE WHEN g % 50 = 0 THEN $1::timestamp + interval '5 days' END,
            CASE WHEN g % 97 = 0 THEN $1::timestamp END, $1::timestamp
     FROM generate_series(1, $2::int) AS g`,
    [at, PEOPLE],
  );
  await pool.query(
    `INSERT INTO "Reminder" ("id","personId","email","requestedBy","requestedAt","outcome")
     SELECT 'r-' || g || '-' || k, 'bench-' || g, 'user' || g || '@bench.example', 'admin@bench.example',
            $1::timestamp - (k * 3 + g % 5) * interval '1 day', CASE WHEN k = 1 THEN 'suppressed' ELSE 'sent' END
     FROM generate_series(3, $2::int, 9) AS g, generate_series(1, 2) AS k`,
    [at, PEOPLE],
  );
  await pool.query('ANALYZE "Person"; ANALYZE "Reminder"');
}

/** The statements detection issues, written by hand and sent straight through the pool. */
async function bareSql(pool: pg.Pool): Promise<number> {
  const cutoffs = bandStarts(AFTER_DAYS).slice(1).map((d) => new Date(NOW.getTime() - d * DAY_MS));
  const where = `"invitePending" AND "created" < $1 AND "followUpHandledAt" IS NULL AND ("followUpSnoozedUntil" IS NULL OR "followUpSnoozedUntil" <= $2)`;
  const bands = cutoffs.map((_, i) => `count(*) FILTER (WHERE "created" <= $${i + 3})::int`).join(', ');
  const params = [invitedBefore(NOW, AFTER_DAYS), NOW];
  const counts = await pool.query(`SELECT count(*)::int AS total, ARRAY[${bands}] AS older FROM "Person" WHERE ${where}`, [...params, ...cutoffs]);
  const page = await pool.query(`SELECT * FROM "Person" WHERE ${where} ORDER BY "created", "id" LIMIT ${ALERT_PAGE_SIZE}`, params);
  await pool.query(`SELECT DISTINCT ON ("personId") * FROM "Reminder" WHERE "personId" = ANY($1) ORDER BY "personId", "requestedAt" DESC`, [
    page.rows.map((r: { id: string }) => r.id),
  ]);
  return (counts.rows[0] as { total: number }).total;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm caches and prepared plans
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

interface Row {
  database: string;
  inactive: number;
  detectionMs: number;
  deepPageMs: number;
  bareMs: number;
  fillMs: number;
}

async function measure(name: string, location: DatabaseLocation): Promise<Row> {
  const db: Database = await openDatabase(location);
  try {
    const store = createStore(db.prisma, db.pool);
    const fillStart = performance.now();
    await fill(db.pool);
    const fillMs = performance.now() - fillStart;
    const options = { now: NOW, inactiveAfterDays: AFTER_DAYS, pageSize: ALERT_PAGE_SIZE };
    const inactive = (await detectInactive(store, options)).total;
    if ((await bareSql(db.pool)) !== inactive) throw new Error('bare SQL and detection disagree');
    return {
      database: name,
      inactive,
      detectionMs: await median(() => detectInactive(store, options)),
      deepPageMs: await median(() => detectInactive(store, { ...options, page: 1_000 })),
      bareMs: await median(() => bareSql(db.pool)),
      fillMs,
    };
  } finally {
    await db.close();
  }
}

async function withServerDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function run(): Promise<string> {
  const rows: (Row | { database: string; error: string })[] = [];
  rows.push(await measure('embedded (PGlite)', { kind: 'embedded', dataDir: 'memory://' }));
  rows.push(
    await withServerDatabase((url) => measure('PostgreSQL server', { kind: 'server', url })).catch((err: Error) => ({ database: 'PostgreSQL server', error: err.message })),
  );
  const lines = [
    '## Inactive-user detection',
    '',
    `${PEOPLE.toLocaleString('en')} people in the store (a third pending, invited up to a year ago, some snoozed or handled, ${(Math.floor((PEOPLE - 3) / 9) + 1) * 2} reminders); ` +
      `INACTIVE_AFTER_DAYS=${AFTER_DAYS}. Detection = totals + age bands, the first page of ${ALERT_PAGE_SIZE} oldest first, and their latest reminders ` +
      `(what an alert run does after the mirror refresh). Bare SQL = the same three statements sent by hand through the pg pool. Median of ${RUNS} runs. Target: under ${TARGET_MS} ms.`,
    '',
    '| database | inactive | detection | page 1000 | bare SQL | detection / bare | target |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if ('error' in r) {
      lines.push(`| ${r.database} | skipped: ${r.error} | | | | | |`);
      continue;
    }
    const ok = r.detectionMs < TARGET_MS && r.deepPageMs < TARGET_MS ? '✅ met' : '❌ missed';
    lines.push(`| ${r.database} | ${r.inactive} | ${ms(r.detectionMs)} | ${ms(r.deepPageMs)} | ${ms(r.bareMs)} | ${(r.detectionMs / r.bareMs).toFixed(2)}× | ${ok} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await run());
}
