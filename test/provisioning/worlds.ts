// A "world" per backend kind: the fixture seeded into the simulator (on the test database) or into
// the fake Webex (reached by the real `webex` backend over HTTP), a clock that moves only when a
// test moves it, and a store on a fresh embedded database. reset() goes back to the fixture at T0.
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { subscriberRow } from '../../src/provisioning/mirror.js';
import { createProvisioningService, type ProvisioningService } from '../../src/provisioning/service.js';
import { createSimulatorBackend, seededRandom, type SimulatorBackend } from '../../src/provisioning/simulator/index.js';
import type { ProvisioningBackend } from '../../src/provisioning/types.js';
import { createWebexBackend } from '../../src/provisioning/webex-backend.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { expectedRemote, MINUTE, ORG_ID, SECOND, SUBSCRIBERS, T0 } from './fixture.js';
import { seedFakeFixture, seedSimulatorFixture } from './seed-backends.js';

export const BACKEND_KINDS = ['simulator', 'webex'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** The fake's timings, chosen so that both backends agree at the instants the tests look at. */
export const FAKE_TIMINGS = {
  // Settles provisioning/updating a minute after the change: the simulator takes 20–60 s / 10–30 s.
  provisioningMs: MINUTE,
  // Completes a job 3 s after it started, whatever the polls: the simulator takes 3 s + 10 ms per user.
  jobDurationMs: 3 * SECOND,
  jobPollsToComplete: 1_000,
};

export interface World {
  readonly kind: BackendKind;
  readonly db: TestDatabase;
  /** The backend as of the last reset. */
  readonly backend: ProvisioningBackend;
  /** Set for the simulator world. */
  readonly sim?: SimulatorBackend;
  /** Set for the webex world. */
  readonly fake?: FakeWebex;
  now(): Date;
  advance(ms: number): void;
  /** The provisioning service over `backend` and the store. */
  service(instanceId?: string, backend?: ProvisioningBackend): ProvisioningService;
  /** Puts the fixture's subscribers into the store's mirror, as a full sync would (in one statement). */
  mirrorFixture(): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const COPY_PREFIX = '_fixture_';

async function tables(db: TestDatabase): Promise<string[]> {
  const { rows } = await db.db.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  return rows.map((r) => r.tablename).filter((t) => t !== '_prisma_migrations' && !t.startsWith(COPY_PREFIX));
}

/**
 * Empties every table but the migration bookkeeping, then puts back the rows saved by
 * saveFixtureRows: much faster than a new database, or the seeder, per test.
 */
async function restoreDatabase(db: TestDatabase, saved: string[] = []): Promise<void> {
  await db.db.pool.query(`TRUNCATE ${(await tables(db)).map((t) => `"${t}"`).join(', ')}`);
  for (const t of saved) await db.db.pool.query(`INSERT INTO "${t}" SELECT * FROM "${COPY_PREFIX}${t}"`);
}

/** Keeps a copy of every non-empty table; returns their names. */
async function saveFixtureRows(db: TestDatabase): Promise<string[]> {
  const saved: string[] = [];
  for (const t of await tables(db)) {
    const { rows } = await db.db.pool.query(`SELECT 1 FROM "${t}" LIMIT 1`);
    if (rows.length === 0) continue;
    await db.db.pool.query(`CREATE TABLE "${COPY_PREFIX}${t}" AS SELECT * FROM "${t}"`);
    saved.push(t);
  }
  return saved;
}

export async function openWorld(kind: BackendKind): Promise<World> {
  const db = await openTestDatabase('embedded');
  const mirrorFixture = async () => {
    await db.store.subscribers.insertMany(SUBSCRIBERS.map((s) => subscriberRow(expectedRemote(s))));
  };
  const service = (backend: ProvisioningBackend, now: () => Date, instanceId: string) =>
    createProvisioningService({ backend, store: db.store, orgId: ORG_ID, instanceId, now, sleep: async () => {} });

  if (kind === 'simulator') {
    // Seeded once through the simulator's repository, then restored from a copy before each test.
    await seedSimulatorFixture(db.db.prisma);
    const saved = await saveFixtureRows(db);
    let sim!: SimulatorBackend;
    const world: World = {
      kind,
      db,
      get backend() {
        return sim;
      },
      get sim() {
        return sim;
      },
      now: () => sim.simulator.now(),
      advance: (ms) => sim.simulator.advance(ms),
      service: (instanceId = 'instance-a', backend = sim) => service(backend, world.now, instanceId),
      mirrorFixture,
      async reset() {
        await restoreDatabase(db, saved);
        // A new backend each time: its clock offset starts again at T0. failureRate 0: no random failures.
        sim = createSimulatorBackend({ prisma: db.db.prisma, now: () => T0, random: seededRandom(42), failureRate: 0 });
      },
      close: () => db.dispose(),
    };
    await world.reset();
    return world;
  }

  let clock = T0;
  const fake = await startFakeWebex({ now: () => clock, orgId: ORG_ID, ...FAKE_TIMINGS });
  let backend!: ProvisioningBackend;
  const world: World = {
    kind,
    db,
    fake,
    get backend() {
      return backend;
    },
    now: () => clock,
    advance: (ms) => (clock = new Date(clock.getTime() + ms)),
    service: (instanceId = 'instance-a', b = backend) => service(b, world.now, instanceId),
    mirrorFixture,
    async reset() {
      await restoreDatabase(db);
      clock = T0;
      fake.reset();
      seedFakeFixture(fake);
      // No real waiting between retries of 429/5xx; two attempts keep fault tests short.
      backend = createWebexBackend({ apiUrl: fake.url, adminToken: fake.adminToken, orgId: ORG_ID, client: { sleep: async () => {}, maxAttempts: 2 } });
    },
    async close() {
      await fake.close();
      await db.dispose();
    },
  };
  await world.reset();
  return world;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
