// Trends (issue 15): the daily snapshot over 100,000 subscribers and 100,000 people on each
// database, and `stats` for 400 days of history end to end (report query + chart render + upload
// to the fake Webex), with the PNG's size. Goals: snapshot ≤ 2 s on PostgreSQL and ≤ 5 s embedded;
// `stats` ≤ 1 s p50; PNG ≤ 150 KB. `run()` returns the markdown section; `tsx bench/stats.ts` prints it.
import { openDatabase, type DatabaseLocation } from '../src/db/database.js';
import { startFakeWebex } from '../src/fake-webex/index.js';
import { createLogger } from '../src/logger.js';
import { createStatsService } from '../src/stats/index.js';
import { createStore } from '../src/store/index.js';
import { WebexBotApi } from '../src/webex/bot-api.js';
import { WebexClient } from '../src/webex/http-client.js';
import { createServerDatabase, serverIsUp } from '../test/support/postgres.js';
import { fill as fillPeople } from './alerts-detection.js';
import { subscriberBatches } from './subscriber-rows.js';
import { helpLoad, start } from './webhook-throughput.js';
import type { Store } from './webhook-report.js';
import { runIfMain } from './run-if-main.js';

const SUBSCRIBERS = 100_000;
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 5);
const HISTORY_DAYS = 399;
const DAY = 86_400_000;

interface Measured {
  database: string;
  snapshotMs: number;
  /** The reconstruction of 400 days on a first start (one statement). */
  backfillMs: number;
  statsP50: number;
  pngBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

async function measure(database: string, location: DatabaseLocation): Promise<Measured> {
  const db = await openDatabase(location);
  const fake = await startFakeWebex();
  try {
    const store = createStore(db.prisma, db.pool);
    for (const batch of subscriberBatches(SUBSCRIBERS, 5_000)) await store.subscribers.insertMany(batch);
    await fillPeople(db.pool);
    await db.pool.query('ANALYZE');
    // The snapshot of a day that just ended, each run a day of its own (a day is recorded once).
    const now = new Date();
    const snapshots: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await store.dailyStats.snapshot(dayOf(new Date(now.getTime() - (i + 1) * DAY)), now);
      snapshots.push(performance.now() - t0);
    }
    // 400 days of history, then `stats` over all of them: query, chart, upload.
    const b0 = performance.now();
    await store.dailyStats.backfill(dayOf(new Date(now.getTime() - HISTORY_DAYS * DAY)), dayOf(new Date(now.getTime() - (RUNS + 1) * DAY)), now);
    const backfillMs = performance.now() - b0;
    const stats = createStatsService({ stats: store.dailyStats, now: () => now });
    const admin = fake.seed.person({ email: 'bench-admin@acme.example' });
    const room = fake.seed.directRoom(admin);
    const api = new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken, logger: createLogger('silent') }));
    const times: number[] = [];
    let pngBytes = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      const report = await stats.report({ days: HISTORY_DAYS });
      if (report.kind === 'empty') throw new Error('bench: no history');
      const chart = await stats.chart(report);
      await api.sendFile({ roomId: room.id, markdown: 'chart' }, chart);
      if (i > 0) times.push(performance.now() - t0); // the first warms the renderer and its font
      pngBytes = chart.data.length;
    }
    return { database, snapshotMs: median(snapshots), backfillMs, statsP50: median(times), pngBytes };
  } finally {
    await fake.close();
    await db.close();
  }
}

interface DuringSnapshot {
  database: string;
  quiet: { p50: number; p99: number };
  during: { p50: number; p99: number };
  snapshotsMs: number;
}

/** Webhook latency (`help`, 16 admins) alone, then while the bot records days of history. */
async function webhookDuringSnapshot(store: Store): Promise<DuringSnapshot> {
  const s = await start('ours', store);
  try {
    await s.sut.seedSubscribers(SUBSCRIBERS);
    await helpLoad(s, 300); // warm-up
    const quiet = await helpLoad(s, 1_500);
    const [during, snapshotsMs] = await Promise.all([helpLoad(s, 1_500), s.sut.snapshots(3)]);
    return { database: store === 'embedded' ? 'embedded (PGlite)' : 'server (PostgreSQL)', quiet, during, snapshotsMs };
  } finally {
    await s.close();
  }
}

export async function run(): Promise<string> {
  const t0 = Date.now();
  const rows: Measured[] = [await measure('embedded (PGlite)', { kind: 'embedded', dataDir: 'memory://' })];
  if (await serverIsUp()) {
    const pg = await createServerDatabase('bench-stats');
    try {
      rows.push(await measure('server (PostgreSQL)', { kind: 'server', url: pg.url }));
    } finally {
      await pg.drop();
    }
  }
  const webhooks: DuringSnapshot[] = [await webhookDuringSnapshot('embedded')];
  if (await serverIsUp()) webhooks.push(await webhookDuringSnapshot('postgres'));
  const goal = (r: Measured) => r.snapshotMs <= (r.database.startsWith('embedded') ? 5_000 : 2_000) && r.statsP50 <= 1_000 && r.pngBytes <= 150 * 1024;
  return [
    `### Trends: the daily snapshot and \`stats\` over ${HISTORY_DAYS + 1} days`,
    '',
    `Method: ${SUBSCRIBERS.toLocaleString('en')} subscribers (bench/subscriber-rows.ts) and 100,000 people (bench/alerts-detection.ts) in the store. Snapshot: one day recorded from the mirror (the org and every enterprise, in statements of ~5,000 subscribers), the median of ${RUNS}; the reconstruction of the history a first start does (one statement). \`stats\`: ${HISTORY_DAYS} days of history (reconstructed), then the report for all of them, the chart rendered to PNG and uploaded to the fake Webex (\`POST /messages\`, multipart), the median of ${RUNS} after one warm-up. Goals: snapshot ≤ 2 s on PostgreSQL and ≤ 5 s embedded; \`stats\` ≤ 1 s; PNG ≤ 150 KB.`,
    '',
    '| database | snapshot | first-start reconstruction of 400 days | `stats` end to end (p50) | PNG | goals met |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.database} | ${(r.snapshotMs / 1000).toFixed(2)} s | ${(r.backfillMs / 1000).toFixed(2)} s | ${r.statsP50.toFixed(0)} ms | ${(r.pngBytes / 1024).toFixed(0)} KB | ${goal(r) ? 'yes' : '**no**'} |`),
    '',
    `Webhooks during a snapshot: 16 admins send \`help\` (closed loop, end to end as in the throughput section) over ${SUBSCRIBERS.toLocaleString('en')} subscribers mirrored, 1,500 events alone, then 1,500 while the bot records three days of history one after the other.`,
    '',
    '| database | alone p50 / p99 | during the snapshots p50 / p99 | the three snapshots took |',
    '|---|---|---|---|',
    ...webhooks.map((w) => `| ${w.database} | ${w.quiet.p50.toFixed(0)} / ${w.quiet.p99.toFixed(0)} ms | ${w.during.p50.toFixed(0)} / ${w.during.p99.toFixed(0)} ms | ${(w.snapshotsMs / 1000).toFixed(2)} s |`),
    '',
    `_Trends section: ${((Date.now() - t0) / 1000).toFixed(0)} s._`,
  ].join('\n');
}

runIfMain(import.meta.url, run);
