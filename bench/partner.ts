// Partner mode (issue 14): a partner with 500 customer orgs (4 enterprises each, of uneven size)
// and 1,000,000 mirrored subscribers, on each database. Measured in process, through the same
// service and store calls the commands make (the transport adds the same constant to each; see
// the errors suite's `help` floor):
//   1. `orgs` first page: the overview query and the card built from it. Goal ≤ 300 ms.
//   2. `users` in one org (its page and its counts) against the same in single-org mode, i.e. a
//      mirror holding only that org's subscribers. Goal ≤ 1.2×.
//   3. partner-wide `users` first page (page and counts, every org). Goal ≤ 50 ms for the query.
// `run()` returns the markdown section for bench/results.md; `tsx bench/partner.ts` prints it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderOrgs } from '../src/cards/index.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { seededRandom } from '../src/provisioning/simulator/index.js';
import { STATUS_WEIGHTS, weighted } from '../src/provisioning/simulator/seed-data.js';
import { PENDING_OR_ERROR, SUBSCRIBER_PACKAGES } from '../src/provisioning/types.js';
import { createStore, type Store } from '../src/store/index.js';
import type { SubscriberInput } from '../src/store/subscribers.js';
import { createServerDatabase, serverIsUp, type ThrowAwayDatabase } from '../test/support/postgres.js';
import { runIfMain } from './run-if-main.js';

const ORGS = Number(process.env.BENCH_PARTNER_ORGS ?? 500);
const ENTERPRISES_PER_ORG = 4;
const SUBSCRIBERS = Number(process.env.BENCH_PARTNER_SUBSCRIBERS ?? 1_000_000);
/** The embedded database's size, when it differs (PGlite holds the whole database in memory). */
const EMBEDDED_SUBSCRIBERS = Number(process.env.BENCH_PARTNER_EMBEDDED_SUBSCRIBERS ?? SUBSCRIBERS);
const ROUNDS = Number(process.env.BENCH_PARTNER_ROUNDS ?? 15);
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-02T09:00:00.000Z');

const orgId = (o: number) => `bench-org-${String(o).padStart(4, '0')}`;
const enterpriseId = (e: number) => `SP1+bench-enterprise-${String(e).padStart(5, '0')}`;
const ENTERPRISES = ORGS * ENTERPRISES_PER_ORG;
/** Uneven sizes, as a real book: weight 1/√(rank). */
const ENTERPRISE_WEIGHTS: [number, number][] = Array.from({ length: ENTERPRISES }, (_, i) => [i, 1 / Math.sqrt(i + 1)]);
/** The org measured alone: one of middling size. */
const MEASURED_ORG = Math.floor(ORGS / 10);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');

function* rows(total: number, onlyOrg?: number): Generator<SubscriberInput[]> {
  const r = seededRandom(14);
  let batch: SubscriberInput[] = [];
  for (let i = 0; i < total; i++) {
    const e = weighted(r(), ENTERPRISE_WEIGHTS);
    const status = weighted(r(), STATUS_WEIGHTS);
    const lastStatusChange = new Date(NOW - Math.floor(r() * 180 * DAY));
    if (onlyOrg !== undefined && Math.floor(e / ENTERPRISES_PER_ORG) !== onlyOrg) continue;
    batch.push({
      id: `bench-partner-${String(i).padStart(7, '0')}`,
      personId: null,
      userId: `${50_000_000 + i}@voip.example`,
      spEnterpriseId: enterpriseId(e),
      firstName: `First${i % 997}`,
      lastName: `Last${i % 991}`,
      email: status === 'pending_email_input' ? null : `user${i}@e${e}.example`,
      primaryPhoneNumber: null,
      mobilePhoneNumber: null,
      extension: null,
      package: SUBSCRIBER_PACKAGES[i % SUBSCRIBER_PACKAGES.length]!,
      status,
      errorCode: status === 'error' ? 10022 : null,
      errorText: status === 'error' ? 'The BroadWorks UserID is already associated with an existing user' : null,
      created: new Date(lastStatusChange.getTime() - 5 * DAY),
      lastStatusChange,
      provisioningId: `bench-template-${e}`,
      selfActivated: false,
    });
    if (batch.length >= 10_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

type Kind = 'embedded' | 'server';

async function open(kind: Kind): Promise<{ db: Database; close(): Promise<void> }> {
  if (kind === 'server') {
    const pg: ThrowAwayDatabase = await createServerDatabase('bench');
    const db = await openDatabase({ kind: 'server', url: pg.url });
    return { db, close: async () => (await db.close(), await pg.drop()) };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-partner-'));
  const db = await openDatabase({ kind: 'embedded', dataDir: dir });
  return { db, close: async () => (await db.close(), await rm(dir, { recursive: true, force: true })) };
}

export async function fillPartner(store: Store, total: number): Promise<number> {
  const at = new Date(NOW);
  await store.orgs.upsertOrgs(Array.from({ length: ORGS }, (_, o) => ({ id: orgId(o), name: `Customer ${o}`, source: 'organizations' as const })), at);
  await store.orgs.upsertEnterprises(Array.from({ length: ENTERPRISES }, (_, e) => ({ id: enterpriseId(e), orgId: orgId(Math.floor(e / ENTERPRISES_PER_ORG)) })), at);
  const t0 = performance.now();
  for (const batch of rows(total)) await store.subscribers.insertMany(batch);
  await store.subscribers.compactCounts();
  // As the app's prune schedule leaves it (see store.subscribers.analyze).
  await store.subscribers.analyze();
  return performance.now() - t0;
}

async function timeIt(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await work(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** A users answer's queries: the first page and the counts per status. */
const usersQueries = (store: Store, orgIds?: string[]) => () =>
  Promise.all([store.subscribers.page({ statuses: PENDING_OR_ERROR, orgIds }, 10), store.subscribers.countByStatus({ orgIds })]);

interface Result {
  kind: Kind;
  subscribers: number;
  seedSeconds: number;
  orgsPage: number;
  orgUsers: number;
  orgSize: number;
  singleOrgUsers: number;
  partnerUsers: number;
  rssMiB: number;
}

async function measure(kind: Kind, total: number): Promise<Result> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const partner = await open(kind);
  let result: Omit<Result, 'singleOrgUsers'>;
  try {
    const store = createStore(partner.db.prisma, partner.db.pool);
    const seedMs = await fillPartner(store, total);
    const now = new Date(NOW);
    const orgsPage = await timeIt(async () => {
      const { rows: lines, total: n } = await store.orgs.overview({ offset: 0, size: 10, stuckBefore: new Date(NOW - DAY), inactiveBefore: new Date(NOW - 7 * DAY) });
      renderOrgs({ cardId: 'bench', orgs: lines, page: 0, pageSize: 10, total: n, text: null, freshness: { asOf: now }, discoveredAt: now, now });
    });
    const measured = orgId(MEASURED_ORG);
    const orgSize = await partner.db.prisma.subscriber.count({ where: { orgId: measured } });
    const orgUsers = await timeIt(usersQueries(store, [measured]));
    const partnerUsers = await timeIt(usersQueries(store));
    // The embedded database lives in this process (its worker thread): what it added is its footprint.
    result = { kind, subscribers: total, seedSeconds: seedMs / 1000, orgsPage, orgUsers, orgSize, partnerUsers, rssMiB: (process.memoryUsage().rss - rssBefore) / 2 ** 20 };
  } finally {
    await partner.close();
  }
  // The same org alone, in single-org mode: its subscribers are the whole mirror.
  const single = await open(kind);
  try {
    const store = createStore(single.db.prisma, single.db.pool, { singleOrgId: orgId(MEASURED_ORG) });
    for (const batch of rows(total, MEASURED_ORG)) await store.subscribers.insertMany(batch);
    await store.subscribers.compactCounts();
    await store.subscribers.analyze();
    return { ...result, singleOrgUsers: await timeIt(usersQueries(store)) };
  } finally {
    await single.close();
  }
}

export async function run(): Promise<string> {
  const t0 = Date.now();
  const results: Result[] = [];
  results.push(await measure('embedded', EMBEDDED_SUBSCRIBERS));
  if (await serverIsUp()) results.push(await measure('server', SUBSCRIBERS));
  const name = (k: Kind) => (k === 'embedded' ? 'embedded (PGlite)' : 'server (PostgreSQL)');
  return [
    `### Partner mode: ${ORGS.toLocaleString('en')} customer orgs, ${SUBSCRIBERS.toLocaleString('en')} subscribers`,
    '',
    `Method: ${ORGS} orgs of ${ENTERPRISES_PER_ORG} enterprises each (sizes 1/√rank), the simulator's status mix, written through the store (orgs from the enterprise map). Median of ${ROUNDS} runs after 2 warm-ups, in process, of the calls the commands make: \`orgs\` = the overview query + the card; \`users\` = its first page + its per-status counts. "Single-org" is the same org's subscribers alone in a single-org mirror.`,
    '',
    '| database | subscribers | seeding | `orgs` first page (goal ≤ 300 ms) | `users` in one org (its size) | same org, single-org mode | ratio (goal ≤ 1.2×) | partner-wide `users` (goal ≤ 50 ms) | resident memory added (the embedded database is in this process) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${name(r.kind)} | ${r.subscribers.toLocaleString('en')} | ${r.seedSeconds.toFixed(0)} s | ${r.orgsPage.toFixed(1)} ms ${yes(r.orgsPage <= 300)} | ${r.orgUsers.toFixed(1)} ms (${r.orgSize.toLocaleString('en')}) | ${r.singleOrgUsers.toFixed(1)} ms | ${(r.orgUsers / r.singleOrgUsers).toFixed(2)}× ${yes(r.orgUsers <= r.singleOrgUsers * 1.2)} | ${r.partnerUsers.toFixed(1)} ms ${yes(r.partnerUsers <= 50)} | ${r.rssMiB.toFixed(0)} MiB |`,
    ),
    '',
    `_Suite: ${((Date.now() - t0) / 1000).toFixed(0)} s._`,
    '',
  ].join('\n');
}

runIfMain(import.meta.url, run);
