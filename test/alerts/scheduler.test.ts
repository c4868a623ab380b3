// The schedule: cron arithmetic in a time zone, ticks at injected times, and exactly-once across
// three instances — three schedulers over three Prisma clients (three pools) on ONE throw-away
// PostgreSQL database, running the real alert job against the fake Webex.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlerts, createAlertScheduler, nextOccurrences, latestOccurrence, RUN_LEASE, OCCURRENCE_KEY, type AlertScheduler, type TickResult } from '../../src/alerts/index.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import type { FakeRoom } from '../../src/fake-webex/types.js';
import { createStore, type Store } from '../../src/store/index.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';
import { silent, simService, testClock } from './helpers.js';
import { WebexBotApi } from '../../src/webex/bot-api.js';
import { WebexClient } from '../../src/webex/http-client.js';

const WEEKDAYS_9 = { cron: '0 9 * * 1-5', timeZone: 'Europe/Bucharest' };
const iso = (d: Date) => d.toISOString();
const ranAt = (r: TickResult) => (r.kind === 'ran' ? r.occurrences.map(iso) : []);

describe('cron occurrences', () => {
  it('weekdays at 09:00 Bucharest time, across the change to summer time', () => {
    // Thursday 26 March 2026 → Friday 09:00 EET (07:00Z); summer time from Sunday 29: 06:00Z.
    expect(nextOccurrences(WEEKDAYS_9, new Date('2026-03-26T12:00:00Z'), 3).map(iso)).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
    ]);
    // The latest due occurrence includes one exactly at the instant; weekends have none.
    expect(iso(latestOccurrence(WEEKDAYS_9, new Date('2026-03-27T07:00:00Z'))!)).toBe('2026-03-27T07:00:00.000Z');
    expect(iso(latestOccurrence(WEEKDAYS_9, new Date('2026-03-27T06:59:59Z'))!)).toBe('2026-03-26T07:00:00.000Z');
    expect(iso(latestOccurrence(WEEKDAYS_9, new Date('2026-03-29T20:00:00Z'))!)).toBe('2026-03-27T07:00:00.000Z');
  });
});

describe('the scheduler on one database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('server');
  });
  afterAll(() => t?.dispose());

  function counting(store: Store, clock: { now: () => Date }, instanceId = 'solo', cron = WEEKDAYS_9) {
    const runs: string[] = [];
    const scheduler = createAlertScheduler({ ...cron, leases: store.leases, instanceId, logger: silent, now: clock.now, run: async (o) => void runs.push(iso(o)) });
    return { scheduler, runs };
  }

  it('fires each occurrence once when its time comes (tick with an injected time)', async () => {
    await t.db.prisma.jobLease.deleteMany();
    const clock = testClock(new Date('2026-03-02T08:00:00Z'));
    const { scheduler, runs } = counting(t.store, clock);
    // First tick on a fresh store: the latest past occurrence (Friday) is caught up.
    expect(ranAt(await scheduler.tick(new Date('2026-03-02T06:59:59Z')))).toEqual(['2026-02-27T07:00:00.000Z']);
    expect((await scheduler.tick(new Date('2026-03-02T06:59:59Z'))).kind).toBe('idle');
    expect(ranAt(await scheduler.tick(new Date('2026-03-02T07:00:00Z')))).toEqual(['2026-03-02T07:00:00.000Z']);
    expect((await scheduler.tick(new Date('2026-03-02T07:00:30Z'))).kind).toBe('idle');
    expect((await scheduler.tick(new Date('2026-03-02T15:00:00Z'))).kind).toBe('idle');
    expect(ranAt(await scheduler.tick(new Date('2026-03-03T07:00:00.400Z')))).toEqual(['2026-03-03T07:00:00.000Z']);
    expect(runs).toEqual(['2026-02-27T07:00:00.000Z', '2026-03-02T07:00:00.000Z', '2026-03-03T07:00:00.000Z']);
    expect(scheduler.nextRun(new Date('2026-03-03T07:00:00Z'))?.toISOString()).toBe('2026-03-04T07:00:00.000Z');
    await scheduler.stop();
  });

  it('croner really fires on its own (every second, real clock)', async () => {
    await t.db.prisma.jobLease.deleteMany();
    // Waits for the runs themselves (the test's own timeout is the only limit): a busy machine
    // may delay a second's firing, which must not fail the test.
    let wake = () => {};
    const runs: string[] = [];
    const scheduler = createAlertScheduler({
      cron: '* * * * * *', timeZone: 'UTC', leases: t.store.leases, instanceId: 'real', logger: silent,
      run: async (o) => void (runs.push(iso(o)), wake()),
    });
    await scheduler.start();
    const startedWith = runs.length;
    while (runs.length < startedWith + 2) await new Promise<void>((resolve) => (wake = resolve));
    await scheduler.stop();
    expect(runs.length).toBeGreaterThanOrEqual(startedWith + 2);
    // Only croner's timer ticked after start: each of its firings was a new occurrence, run once.
    expect(new Set(runs).size).toBe(runs.length);
  }, 60_000);

  it('a stale lease (crashed holder) delays a run only until it expires', async () => {
    await t.db.prisma.jobLease.deleteMany();
    const at = new Date('2026-03-02T07:00:00Z');
    const { scheduler, runs } = counting(t.store, testClock(at), 'survivor');
    // Another instance took the lease at 06:59 and died without releasing it.
    await t.store.leases.acquire(RUN_LEASE, 'crashed-instance', 15 * 60_000, new Date('2026-03-02T06:59:00Z'));
    const busy = await scheduler.tick(at);
    expect(busy).toMatchObject({ kind: 'busy', holder: 'crashed-instance' });
    expect(runs).toEqual([]);
    expect(ranAt(await scheduler.tick(new Date('2026-03-02T07:14:30Z')))).toEqual(['2026-03-02T07:00:00.000Z']);
    expect((await t.store.leases.get(RUN_LEASE))?.holder).toBeNull();
    await scheduler.stop();
  });

  it('an occurrence whose runner died is run again once its lease expires, then never again', async () => {
    await t.db.prisma.jobLease.deleteMany();
    // The crashed instance claimed Monday's occurrence and died while running it, lease held.
    await t.store.leases.claimOccurrence(OCCURRENCE_KEY, '2026-03-02T07:00:00.000Z', new Date('2026-03-02T07:00:00Z'));
    await t.store.leases.acquire(RUN_LEASE, 'crashed-instance', 15 * 60_000, new Date('2026-03-02T07:00:00Z'));
    const { scheduler, runs } = counting(t.store, testClock(new Date('2026-03-02T07:20:00Z')));
    expect(await scheduler.tick(new Date('2026-03-02T07:10:00Z'))).toMatchObject({ kind: 'busy', holder: 'crashed-instance' });
    expect(ranAt(await scheduler.tick(new Date('2026-03-02T07:20:00Z')))).toEqual(['2026-03-02T07:00:00.000Z']);
    expect((await scheduler.tick(new Date('2026-03-02T08:00:00Z'))).kind).toBe('idle');
    expect(ranAt(await scheduler.tick(new Date('2026-03-03T07:00:00Z')))).toEqual(['2026-03-03T07:00:00.000Z']);
    expect(runs).toEqual(['2026-03-02T07:00:00.000Z', '2026-03-03T07:00:00.000Z']);
    await scheduler.stop();
  });

  it('a run that throws part way is resumed by the next tick, and finished once', async () => {
    await t.db.prisma.jobLease.deleteMany();
    const clock = testClock(new Date('2026-03-02T07:00:00Z'));
    const runs: string[] = [];
    let failures = 1;
    const scheduler = createAlertScheduler({
      ...WEEKDAYS_9, leases: t.store.leases, instanceId: 'solo', logger: silent, now: clock.now,
      run: async (o) => {
        runs.push(iso(o));
        if (failures-- > 0) throw new Error('database went away');
      },
    });
    expect(ranAt(await scheduler.tick(new Date('2026-03-02T07:00:00Z')))).toEqual([]);
    expect((await t.store.leases.get(OCCURRENCE_KEY))?.lastRunDoneAt).toBeNull();
    expect(ranAt(await scheduler.tick(new Date('2026-03-02T07:01:00Z')))).toEqual(['2026-03-02T07:00:00.000Z']);
    expect((await scheduler.tick(new Date('2026-03-02T07:02:00Z'))).kind).toBe('idle');
    expect(runs).toEqual(['2026-03-02T07:00:00.000Z', '2026-03-02T07:00:00.000Z']);
    await scheduler.stop();
  });
});

describe('three instances on one PostgreSQL database', () => {
  let pg: ThrowAwayDatabase;
  let fake: FakeWebex;
  let subscribed: FakeRoom;
  let second: FakeRoom;
  let other: FakeRoom;
  const databases: Database[] = [];
  const stores: Store[] = [];
  const clock = testClock(new Date('2026-03-02T06:00:00Z'));
  let instances: AlertScheduler[] = [];

  const botPosts = (room: FakeRoom) => [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId);

  beforeAll(async () => {
    pg = await createServerDatabase('alerts');
    // Opened as three instances open it: the first migrates, the others find it up to date.
    for (let i = 0; i < 3; i++) databases.push(await openDatabase({ kind: 'server', url: pg.url }, { poolSize: 3 }));
    stores.push(...databases.map((d) => createStore(d.prisma, d.pool)));
    fake = await startFakeWebex();
    const admin = fake.seed.person({ email: 'admin@acme.example' });
    subscribed = fake.seed.groupRoom({ title: 'Admins', members: [admin] });
    second = fake.seed.groupRoom({ title: 'Admins too', members: [admin] });
    other = fake.seed.groupRoom({ title: 'Elsewhere', members: [admin] });
    const services = [];
    for (let i = 0; i < 3; i++) services.push(await simService(databases[i]!.prisma, stores[i]!, clock, `instance-${i}`));
    await stores[0]!.alertSubscriptions.subscribe(subscribed.id, 'admin@acme.example', clock.now());
    await stores[0]!.alertSubscriptions.subscribe(second.id, 'admin@acme.example', new Date(clock.now().getTime() + 1));
    // Pretend the deployment has been running: Friday's 09:00 (UTC) already ran.
    await stores[0]!.leases.claimOccurrence(OCCURRENCE_KEY, '2026-02-27T09:00:00.000Z');
    instances = services.map((s, i) =>
      createAlerts({
        store: stores[i]!,
        provisioning: s.provisioning,
        logger: silent,
        instanceId: `instance-${i}`,
        cron: '0 9 * * 1-5',
        timeZone: 'UTC',
        inactiveAfterDays: 7,
        bot: { token: fake.botToken, apiUrl: fake.url },
        now: clock.now,
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((s) => s.stop()));
    for (const d of databases) await d.close();
    await fake?.close();
    await pg?.drop();
  });

  it('a missed occurrence (all instances down) runs once at the next start', async () => {
    // Down over Monday, Tuesday and Wednesday 09:00; all three start on Wednesday afternoon.
    clock.set(new Date('2026-03-04T15:00:00Z'));
    const results = await Promise.all(instances.map((s) => s.start()));
    expect(results.flatMap(ranAt)).toEqual(['2026-03-04T09:00:00.000Z']);
    expect(botPosts(subscribed)).toHaveLength(1);
    expect(botPosts(second)).toHaveLength(1);
    expect(botPosts(other)).toHaveLength(0);
    // Restarting again does not repeat it.
    clock.set(new Date('2026-03-04T16:00:00Z'));
    expect((await Promise.all(instances.map((s) => s.tick()))).flatMap(ranAt)).toEqual([]);
    expect(botPosts(subscribed)).toHaveLength(1);
  });

  it('each occurrence runs exactly once, however the three race', async () => {
    const days = ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'];
    for (const [n, day] of days.entries()) {
      // The three cron timers fire within a few milliseconds of each other.
      clock.set(new Date(`${day}T09:00:00.00${n}Z`));
      const results = await Promise.all(instances.map((s, i) => s.tick(new Date(clock.now().getTime() + i))));
      expect(results.flatMap(ranAt)).toEqual([`${day}T09:00:00.000Z`]);
      // Later ticks of the same occurrence (retries, a late instance) do nothing.
      expect((await Promise.all(instances.map((s) => s.tick(new Date(`${day}T09:05:00Z`))))).flatMap(ranAt)).toEqual([]);
    }
    expect(botPosts(subscribed)).toHaveLength(1 + days.length);
    expect(botPosts(second)).toHaveLength(1 + days.length);
    expect(botPosts(other)).toHaveLength(0);
    const runs = await stores[1]!.audit.count({ action: 'alerts.run' });
    expect(runs).toBe(1 + days.length);
    expect((await stores[2]!.leases.get(OCCURRENCE_KEY))?.lastRunKey).toBe('2026-03-10T09:00:00.000Z');
  });

  it('an occurrence left half done by a dead runner is finished once when the three race to resume it', async () => {
    // A runner (a fourth instance, now gone) claimed Wednesday's occurrence, posted to the first
    // space, recorded it, and died holding the lease.
    const occurrence = '2026-03-11T09:00:00.000Z';
    clock.set(new Date('2026-03-11T09:00:00Z'));
    await stores[0]!.leases.claimOccurrence(OCCURRENCE_KEY, occurrence, clock.now());
    await stores[0]!.leases.acquire(RUN_LEASE, 'gone', 15 * 60_000, clock.now());
    await stores[0]!.alertDeliveries.begin(occurrence, subscribed.id, 'gone', clock.now());
    const sent = await new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken, logger: silent })).sendMessage({ roomId: subscribed.id, markdown: 'the alert card' });
    await stores[0]!.alertDeliveries.finish(occurrence, subscribed.id, { state: 'posted', messageId: sent.id }, clock.now());
    const before = { first: botPosts(subscribed).length, second: botPosts(second).length };

    clock.set(new Date('2026-03-11T09:16:00Z'));
    const results = await Promise.all(instances.map((s, i) => s.tick(new Date(clock.now().getTime() + i))));
    expect(results.flatMap(ranAt)).toEqual([occurrence]);
    expect({ first: botPosts(subscribed).length - before.first, second: botPosts(second).length - before.second }).toEqual({ first: 0, second: 1 });
    expect((await Promise.all(instances.map((s) => s.tick(new Date('2026-03-11T09:30:00Z'))))).flatMap(ranAt)).toEqual([]);
    expect(botPosts(second).length - before.second).toBe(1);
    expect((await stores[1]!.alertDeliveries.forOccurrence(occurrence)).map((d) => d.state)).toEqual(['posted', 'posted']);
  });
});
