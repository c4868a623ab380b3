// Exactly-once alerts when a runner dies: the occurrence is finished by another instance, each
// space posted once. Real store (both databases), the real job, the fake Webex over HTTP. A
// "dead" runner is one whose run never continues while it holds the lease (its process is gone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlerts, createAlertScheduler, runAlerts, OCCURRENCE_KEY, RUN_LEASE, type AlertScheduler, type MessagePoster, type TickResult } from '../../src/alerts/index.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import type { FakeRoom } from '../../src/fake-webex/types.js';
import { WebexBotApi } from '../../src/webex/bot-api.js';
import { WebexClient } from '../../src/webex/http-client.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { silent, simService, testClock, type SimService } from './helpers.js';

const TTL = 15 * 60_000;
const ranAt = (r: TickResult) => (r.kind === 'ran' ? r.occurrences.map((d) => d.toISOString()) : []);

describe.each(DB_KINDS)('an alert occurrence whose runner dies, on the %s database', (kind) => {
  let t: TestDatabase;
  let fake: FakeWebex;
  let sim: SimService;
  let roomA: FakeRoom;
  let roomB: FakeRoom;
  const clock = testClock(new Date('2026-03-02T06:00:00Z'));
  const cleanups: (() => Promise<void>)[] = [];

  const posts = (room: FakeRoom) => [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId).length;
  const realPoster = () => new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken, logger: silent }));
  const healthy = (instanceId: string, poster?: MessagePoster): AlertScheduler => {
    const s = createAlerts({
      store: t.store, provisioning: sim.provisioning, logger: silent, instanceId, cron: '0 9 * * 1-5', timeZone: 'UTC', inactiveAfterDays: 7,
      bot: poster ? { poster } : { token: fake.botToken, apiUrl: fake.url }, now: clock.now, leaseTtlMs: TTL,
    });
    cleanups.push(() => s.stop());
    return s;
  };
  const deliveries = async (occurrence: string) =>
    Object.fromEntries((await t.store.alertDeliveries.forOccurrence(occurrence)).map((d) => [d.roomId === roomA.id ? 'A' : 'B', `${d.state} by ${d.instanceId}`]));

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    fake = await startFakeWebex();
    const admin = fake.seed.person({ email: 'admin@acme.example' });
    roomA = fake.seed.groupRoom({ title: 'Admins A', members: [admin] });
    roomB = fake.seed.groupRoom({ title: 'Admins B', members: [admin] });
    sim = await simService(t.db.prisma, t.store, clock);
    // A subscribed first, so every run posts to A before B.
    await t.store.alertSubscriptions.subscribe(roomA.id, 'admin@acme.example', new Date('2026-01-01T00:00:00Z'));
    await t.store.alertSubscriptions.subscribe(roomB.id, 'admin@acme.example', new Date('2026-01-02T00:00:00Z'));
  }, 60_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await fake?.close();
    await t?.dispose();
  });

  it('a runner that dies after posting to A: after its lease expires another instance posts to B only, and the occurrence is not run again', async () => {
    const occurrence = '2026-03-02T09:00:00.000Z';
    clock.set(new Date('2026-03-02T09:00:00Z'));
    await t.store.leases.claimOccurrence(OCCURRENCE_KEY, '2026-02-27T09:00:00.000Z');
    await t.store.leases.completeOccurrence(OCCURRENCE_KEY, '2026-02-27T09:00:00.000Z');
    const before = { A: posts(roomA), B: posts(roomB) };

    // The doomed instance runs the real job; its process "dies" at the first thing it does after
    // posting and recording A (the lease renewal before B): the run never continues, the lease
    // stays held and nothing more is written.
    let renewals = 0;
    let bury!: (err: Error) => void;
    const grave = new Promise<never>((_, reject) => (bury = reject));
    const deps = { store: t.store, provisioning: sim.provisioning, now: clock.now, inactiveAfterDays: 7, poster: realPoster(), logger: silent, instanceId: 'doomed' };
    const doomed = createAlertScheduler({
      cron: '0 9 * * 1-5', timeZone: 'UTC', leases: t.store.leases, instanceId: 'doomed', logger: silent, now: clock.now, leaseTtlMs: TTL,
      run: (o, control) => runAlerts(deps, o, { renewLease: () => (++renewals === 2 ? grave : control.renewLease()) }).then(() => {}),
    });
    void doomed.tick();
    while (renewals < 2) await new Promise((r) => setTimeout(r, 10));
    cleanups.push(async () => (bury(new Error('test over')), await doomed.stop()));
    expect(posts(roomA)).toBe(before.A + 1);
    expect(await deliveries(occurrence)).toEqual({ A: 'posted by doomed' });

    // The survivor finds the lease held until it expires, then finishes the occurrence.
    const survivor = healthy('survivor');
    clock.advance(60_000);
    expect(await survivor.tick()).toMatchObject({ kind: 'busy', holder: 'doomed' });
    expect(posts(roomB)).toBe(before.B);
    clock.set(new Date(Date.parse(occurrence) + TTL + 1_000));
    expect(ranAt(await survivor.tick())).toEqual([occurrence]);
    expect({ A: posts(roomA) - before.A, B: posts(roomB) - before.B }).toEqual({ A: 1, B: 1 });
    expect(await deliveries(occurrence)).toEqual({ A: 'posted by doomed', B: 'posted by survivor' });
    expect((await t.store.leases.get(OCCURRENCE_KEY))?.lastRunDoneAt).not.toBeNull();

    // Finished: later ticks, by anyone, post nothing more.
    const late = healthy('late');
    clock.advance(TTL);
    expect((await Promise.all([survivor.tick(), late.tick()])).flatMap(ranAt)).toEqual([]);
    expect({ A: posts(roomA) - before.A, B: posts(roomB) - before.B }).toEqual({ A: 1, B: 1 });
  });

  it('a runner that stalls past its lease after posting to A stops before B; the instance that took over posts B only', async () => {
    const occurrence = '2026-03-03T09:00:00.000Z';
    clock.set(new Date('2026-03-03T09:00:00Z'));
    const before = { A: posts(roomA), B: posts(roomB) };
    const real = realPoster();
    // Its POST to A takes longer than the lease (a paused VM, a long GC): the clock moves on.
    const stalling: MessagePoster = {
      async sendMessage(m) {
        const sent = await real.sendMessage(m);
        if ('roomId' in m && m.roomId === roomA.id) clock.advance(TTL + 60_000);
        return sent;
      },
    };
    const staller = healthy('staller', stalling);
    expect(ranAt(await staller.tick())).toEqual([]);
    expect(await deliveries(occurrence)).toEqual({ A: 'posted by staller' });
    expect((await t.store.leases.get(OCCURRENCE_KEY))?.lastRunDoneAt).toBeNull();

    const other = healthy('other');
    expect(ranAt(await other.tick())).toEqual([occurrence]);
    expect({ A: posts(roomA) - before.A, B: posts(roomB) - before.B }).toEqual({ A: 1, B: 1 });
    expect(await deliveries(occurrence)).toEqual({ A: 'posted by staller', B: 'posted by other' });
  });

  it('a runner that dies while posting to B: B is recorded unknown and not posted again; the run says so', async () => {
    const occurrence = '2026-03-04T09:00:00.000Z';
    clock.set(new Date('2026-03-04T09:00:00Z'));
    const before = { A: posts(roomA), B: posts(roomB) };
    const real = realPoster();
    let reachedB = false;
    // Dies with B's POST in flight: nobody can tell whether Webex got it (here it did not).
    const dying: MessagePoster = {
      sendMessage: (m) => ('roomId' in m && m.roomId === roomB.id ? ((reachedB = true), new Promise<never>(() => {})) : real.sendMessage(m)),
    };
    const createdAt = clock.now();
    void createAlerts({
      store: t.store, provisioning: sim.provisioning, logger: silent, instanceId: 'dying', cron: '0 9 * * 1-5', timeZone: 'UTC', inactiveAfterDays: 7,
      bot: { poster: dying }, now: clock.now, leaseTtlMs: TTL,
    }).tick(createdAt);
    while (!reachedB) await new Promise((r) => setTimeout(r, 10));
    expect(await deliveries(occurrence)).toEqual({ A: 'posted by dying', B: 'attempting by dying' });

    clock.advance(TTL + 1_000);
    const finisher = healthy('finisher');
    expect(ranAt(await finisher.tick())).toEqual([occurrence]);
    expect({ A: posts(roomA) - before.A, B: posts(roomB) - before.B }).toEqual({ A: 1, B: 0 });
    expect(await deliveries(occurrence)).toEqual({ A: 'posted by dying', B: 'unknown by dying' });
    const [audit] = await t.store.audit.latest(1);
    expect(audit).toMatchObject({ action: 'alerts.run', result: 'error', detail: { occurrence, alreadyHandled: 2, unknown: [roomB.id], posted: 0 } });
  });

  it('an unfinished occurrence is superseded by a later one that is due: one card per space, not two', async () => {
    // Thursday's runner died before posting anything; every instance was down until Friday.
    await t.store.leases.claimOccurrence(OCCURRENCE_KEY, '2026-03-05T09:00:00.000Z', new Date('2026-03-05T09:00:00Z'));
    await t.store.leases.acquire(RUN_LEASE, 'gone', TTL, new Date('2026-03-05T09:00:00Z'));
    clock.set(new Date('2026-03-06T10:00:00Z'));
    const before = { A: posts(roomA), B: posts(roomB) };
    expect(ranAt(await healthy('restarted').start())).toEqual(['2026-03-06T09:00:00.000Z']);
    expect({ A: posts(roomA) - before.A, B: posts(roomB) - before.B }).toEqual({ A: 1, B: 1 });
    expect(await t.store.leases.get(OCCURRENCE_KEY)).toMatchObject({ lastRunKey: '2026-03-06T09:00:00.000Z', lastRunDoneAt: expect.any(Date) });
  });
});
