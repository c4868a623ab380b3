// The `users` list under load: the first page (10) of pending + errored subscribers of one
// enterprise, out of 100,000, through the provisioning service (store → Prisma → pg pool), next
// to the same query as bare SQL on the same pool, on the embedded database and on the server.
// Target (issue 3): under 20 ms, and within 3× of the bare query.
import { openDatabase, type Database } from '../src/db/database.js';
import { createProvisioningService } from '../src/provisioning/service.js';
import { createSimulatorBackend } from '../src/provisioning/simulator/index.js';
import { createStore } from '../src/store/index.js';
import { PENDING_OR_ERROR } from '../src/store/subscribers.js';
import { createServerDatabase } from '../test/support/postgres.js';
import { enterpriseId, subscriberBatches } from './subscriber-rows.js';

const TOTAL = 100_000;
const BATCH = 5_000;
const PAGE_SIZE = 10;
const WARM_UP = 10;
const RUNS = 50;
const TARGET_MS = 20;
const TARGET_RATIO = 3;
/** The largest enterprise: the most matching rows, so the worst case for this query. */
const ENTERPRISE = enterpriseId(0);

// What the store's page() asks for, written by hand: same filter, order, and one extra row for hasMore.
const statusList = PENDING_OR_ERROR.map((_, i) => `$${i + 1}::"SubscriberStatus"`).join(', ');
const BARE_SQL =
  `SELECT * FROM "Subscriber" WHERE "status" IN (${statusList}) AND "spEnterpriseId" = $${PENDING_OR_ERROR.length + 1} ` +
  `ORDER BY "lastStatusChange" DESC, "id" ASC LIMIT ${PAGE_SIZE + 1}`;
const BARE_PARAMS = [...PENDING_OR_ERROR, ENTERPRISE];

interface Stats {
  median: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

interface KindResult {
  kind: string;
  insertSeconds: number;
  matching: number;
  service: Stats;
  bare: Stats;
  indexUsed: string;
  plan: string[];
}

async function measure(kind: string, db: Database): Promise<KindResult> {
  const store = createStore(db.prisma, db.pool);
  // page() reads only the store; the backend is never called here.
  const service = createProvisioningService({ backend: createSimulatorBackend({ prisma: db.prisma }), store, orgId: 'bench', instanceId: 'bench' });

  const insertStart = performance.now();
  for (const batch of subscriberBatches(TOTAL, BATCH)) await store.subscribers.insertMany(batch);
  const insertSeconds = (performance.now() - insertStart) / 1000;
  // As autovacuum would after such a load; done here so every run plans with fresh statistics.
  await db.pool.query('ANALYZE "Subscriber"');

  const filter = { statuses: PENDING_OR_ERROR, enterpriseId: ENTERPRISE };
  const viaService = () => service.page(filter, PAGE_SIZE);
  const bare = () => db.pool.query(BARE_SQL, BARE_PARAMS);

  // Same answer both ways, or the comparison means nothing.
  const [page, rows] = [await viaService(), (await bare()).rows as { id: string }[]];
  const same = JSON.stringify(page.rows.map((r) => r.id)) === JSON.stringify(rows.slice(0, PAGE_SIZE).map((r) => r.id));
  if (!same || page.rows.length !== PAGE_SIZE) throw new Error(`bench: service page and bare query disagree on ${kind}`);

  for (let i = 0; i < WARM_UP; i++) {
    await viaService();
    await bare();
  }
  const serviceTimes: number[] = [];
  const bareTimes: number[] = [];
  // Interleaved, so drift (other load, caches) hits both alike.
  for (let i = 0; i < RUNS; i++) {
    serviceTimes.push(await timed(viaService));
    bareTimes.push(await timed(bare));
  }

  const explain = await db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${BARE_SQL}`, BARE_PARAMS);
  const plan = explain.rows.map((r) => r['QUERY PLAN']);
  const indexes = [...new Set(plan.flatMap((line) => /Index (?:Only )?Scan(?: Backward)? using (\S+)|Bitmap Index Scan on (\S+)/.exec(line)?.slice(1).filter(Boolean) ?? []))];
  const matching = await store.subscribers.count(filter);
  return {
    kind,
    insertSeconds,
    matching,
    service: stats(serviceTimes),
    bare: stats(bareTimes),
    indexUsed: indexes.length ? `yes: ${indexes.join(', ')}` : 'no (sequential scan)',
    plan,
  };
}

async function onEmbedded(): Promise<KindResult> {
  const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  try {
    return await measure('embedded (PGlite)', db);
  } finally {
    await db.close();
  }
}

async function onServer(): Promise<KindResult> {
  const pg = await createServerDatabase('bench');
  const db = await openDatabase({ kind: 'server', url: pg.url });
  try {
    const version = (await db.pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v.split(' ')[0];
    return await measure(`server (PostgreSQL ${version})`, db);
  } finally {
    await db.close();
    await pg.drop();
  }
}

const ms = (n: number) => n.toFixed(2);

export async function run(): Promise<string> {
  const results = [await onEmbedded(), await onServer()];
  const lines = [
    '### Subscriber list: first page of pending + errored users of one enterprise',
    '',
    `Method: ${TOTAL.toLocaleString('en')} subscribers inserted with \`store.subscribers.insertMany\` in batches of ${BATCH.toLocaleString('en')} ` +
      `(20 enterprises of uneven size, the simulator's status mix, changes spread over 180 days), then \`ANALYZE\`. ` +
      `Measured: \`service.page({ statuses: pending + error, enterpriseId: '${ENTERPRISE}' } /* the largest */, ${PAGE_SIZE})\` ` +
      `against the same query as bare SQL on the same pg pool (\`db.pool.query\`), ${WARM_UP} warm-up runs, then ${RUNS} interleaved runs each; ` +
      `median and p95 wall time in this process. Ratio = service median / bare median.`,
    '',
    `Target: under ${TARGET_MS} ms and within ${TARGET_RATIO}× of the bare query.`,
    '',
    '| database | matching rows | service median | service p95 | bare SQL median | bare SQL p95 | ratio (median) | target met | index used | insert 100k |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const ratio = r.service.median / r.bare.median;
      const met = r.service.median < TARGET_MS && ratio <= TARGET_RATIO;
      return `| ${r.kind} | ${r.matching.toLocaleString('en')} | ${ms(r.service.median)} ms | ${ms(r.service.p95)} ms | ${ms(r.bare.median)} ms | ${ms(r.bare.p95)} ms | ${ratio.toFixed(2)}× | ${met ? 'yes' : '**no**'} | ${r.indexUsed} | ${r.insertSeconds.toFixed(1)} s |`;
    }),
    '',
    ...results.flatMap((r) => [`Plan on ${r.kind} (EXPLAIN ANALYZE of the bare query):`, '', '```', ...r.plan, '```', '']),
  ];
  return lines.join('\n');
}
