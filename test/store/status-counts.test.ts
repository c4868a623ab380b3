// The per-status counts the database keeps (triggers on "Subscriber" → SubscriberStatusCount):
// after every kind of write — insert, upsert that changes status or enterprise, removal, a full
// sync's sweep, a truncate, writes from three instances at once — they equal a count of the rows
// themselves, before and after compaction. Both databases; three instances on one PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '../../src/provisioning/types.js';
import { createStore, type Store } from '../../src/store/index.js';
import type { SubscriberFilter, SubscriberInput } from '../../src/store/subscribers.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createServerDatabase } from '../support/postgres.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const ENTERPRISES = ['SP1+acme', 'SP1+globex', 'SP1+initech'];

function subscriber(i: number, status: SubscriberStatus, enterprise = ENTERPRISES[i % ENTERPRISES.length]!): SubscriberInput {
  return {
    id: `sub-${i}`, personId: null, userId: `user${i}@sp.example`, spEnterpriseId: enterprise, firstName: `First${i}`, lastName: `Last${i}`,
    email: `user${i}@acme.example`, primaryPhoneNumber: null, mobilePhoneNumber: null, extension: null, package: 'standard', status,
    errorCode: null, errorText: null, created: T0, lastStatusChange: new Date(T0.getTime() + i * 1000), provisioningId: 'prov-1', selfActivated: false,
  };
}
const statusOf = (i: number, round = 0) => SUBSCRIBER_STATUSES[(i * 7 + round) % SUBSCRIBER_STATUSES.length]!;

/** What a count of the rows themselves says, per status. */
async function counted(db: Database, filter: Omit<SubscriberFilter, 'statuses'>): Promise<Record<string, number>> {
  const rows = await db.pool.query<{ status: string; n: number }>(
    `SELECT "status"::text AS status, count(*)::int AS n FROM "Subscriber" WHERE $1::text IS NULL OR "spEnterpriseId" = $1 GROUP BY 1`,
    [filter.enterpriseId ?? null],
  );
  const out = Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, 0]));
  for (const r of rows.rows) out[r.status] = r.n;
  return out;
}

async function expectCountsMatch(store: Store, db: Database): Promise<void> {
  for (const filter of [{}, ...ENTERPRISES.map((enterpriseId) => ({ enterpriseId })), { enterpriseId: 'SP1+nobody' }]) {
    expect(await store.subscribers.countByStatus(filter), JSON.stringify(filter)).toEqual(await counted(db, filter));
  }
}

describe.each(DB_KINDS)('kept status counts on the %s database', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => t?.dispose());

  it('equal a count of the rows after inserts, status and enterprise changes, removals and a sweep, before and after compaction', async () => {
    await t.store.subscribers.insertMany(Array.from({ length: 60 }, (_, i) => subscriber(i, statusOf(i))));
    await expectCountsMatch(t.store, t.db);
    // An upsert that changes some statuses, moves some to another enterprise and adds new ones.
    const syncStart = new Date();
    await t.store.subscribers.upsertMany([
      ...Array.from({ length: 30 }, (_, i) => subscriber(i, statusOf(i, 1))),
      subscriber(40, 'error', 'SP1+initech'),
      ...Array.from({ length: 10 }, (_, i) => subscriber(100 + i, 'pending_email_input')),
    ]);
    await expectCountsMatch(t.store, t.db);
    await t.store.subscribers.remove('sub-3');
    await expectCountsMatch(t.store, t.db);
    await t.store.subscribers.compactCounts();
    await expectCountsMatch(t.store, t.db);
    // A full sync's sweep removes every row it did not see.
    await t.store.subscribers.removeNotSyncedSince(syncStart);
    await expectCountsMatch(t.store, t.db);
    await t.store.subscribers.compactCounts();
    expect(Number((await t.db.pool.query(`SELECT count(*) AS n FROM "SubscriberStatusCount"`)).rows[0].n)).toBeLessThanOrEqual(
      ENTERPRISES.length * SUBSCRIBER_STATUSES.length,
    );
    await expectCountsMatch(t.store, t.db);
    // A text search counts the matching rows themselves.
    const found = await t.store.subscribers.countByStatus({ text: 'user10' });
    expect(Object.values(found).reduce((a, b) => a + b, 0)).toBe(await t.store.subscribers.count({ text: 'user10' }));
  });

  it('are emptied with the table', async () => {
    await t.db.pool.query('TRUNCATE "Subscriber"');
    await expectCountsMatch(t.store, t.db);
    expect(Object.values(await t.store.subscribers.countByStatus({})).every((n) => n === 0)).toBe(true);
  });
});

describe('kept status counts with three instances writing at once on one PostgreSQL', () => {
  const dbs: Database[] = [];
  const stores: Store[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const pg = await createServerDatabase('counts');
    drop = pg.drop;
    for (let i = 0; i < 3; i++) {
      const db = await openDatabase({ kind: 'server', url: pg.url });
      dbs.push(db);
      stores.push(createStore(db.prisma, db.pool));
    }
  }, 60_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await drop?.();
  });

  it('stay exact through overlapping upserts and compactions, without a deadlock', async () => {
    await stores[0]!.subscribers.insertMany(Array.from({ length: 300 }, (_, i) => subscriber(i, statusOf(i))));
    // Each instance rewrites overlapping ranges with its own statuses, compacting in between.
    await Promise.all(
      stores.map(async (store, k) => {
        for (let round = 0; round < 5; round++) {
          await store.subscribers.upsertMany(Array.from({ length: 200 }, (_, i) => subscriber((i + 50 * k + round * 13) % 300, statusOf(i, k + round))));
          if (round % 2 === k % 2) await store.subscribers.compactCounts();
        }
      }),
    );
    await expectCountsMatch(stores[1]!, dbs[1]!);
    await stores[2]!.subscribers.compactCounts();
    await expectCountsMatch(stores[2]!, dbs[2]!);
  });
});
