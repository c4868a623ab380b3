// Reminders through provisioning.emails.sendOne over the seeded simulator, on a clock the test
// moves: the 24-hour rule, the free→paid exception, per-user outcomes, the remind-all lease, and
// snooze / handled with their audit entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPeopleHandled, remindAllInactive, remindAllPreview, remindPeople, REMIND_ALL_LEASE, snoozePeople, type ReminderDeps } from '../../src/alerts/index.js';
import { createProvisioningService } from '../../src/provisioning/service.js';
import type { Person } from '../../src/store/people.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { DAY, HOUR, simService, testClock, type SimService } from './helpers.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const ADMIN = 'admin@acme.example';
const ROOM = 'room-admins';

describe('reminders to inactive users', () => {
  let t: TestDatabase;
  let sim: SimService;
  const clock = testClock(T0);
  let deps: ReminderDeps;
  let pending: Person[];

  beforeAll(async () => {
    t = await openTestDatabase('server');
    sim = await simService(t.db.prisma, t.store, clock);
    await sim.provisioning.sync.people();
    deps = { store: t.store, provisioning: sim.provisioning, now: clock.now, inactiveAfterDays: 7 };
    // Pending, able to sign in, not a conversion, and not emailed by Webex in the last day.
    const candidates = await t.store.people.inactive({ invitedBefore: new Date(T0.getTime() - 7 * DAY), now: T0 });
    pending = [];
    for (const p of candidates) {
      const emails = await sim.backend.simulator.emailsTo(p.id);
      const recent = emails.some((e) => T0.getTime() - e.sentAt.getTime() < DAY);
      if (p.loginEnabled && !p.convertedToPaidAt && !recent) pending.push(p);
    }
    expect(pending.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
  afterAll(() => t?.dispose());

  it('sends once, then says "already reminded in the last 24 hours" until a day has passed', async () => {
    const [p] = pending;
    clock.set(T0);
    const first = await remindPeople(deps, [p!.id], ADMIN, ROOM);
    expect(first.sent).toEqual([p!.email]);
    clock.advance(23 * HOUR);
    const second = await remindPeople(deps, [p!.id], ADMIN, ROOM);
    expect(second.sent).toEqual([]);
    expect(second.suppressed).toHaveLength(1);
    expect(second.suppressed[0]!.description).toMatch(/Already emailed in the last 24 hours.*1 more hour/);
    clock.advance(2 * HOUR);
    expect((await remindPeople(deps, [p!.id], ADMIN, ROOM)).sent).toEqual([p!.email]);

    // Each one recorded, with who asked, where, the outcome and the Webex code.
    const history = await t.store.reminders.history(p!.id);
    expect(history.map((r) => r.outcome)).toEqual(['sent', 'suppressed', 'sent']);
    expect(history[1]).toMatchObject({ requestedBy: ADMIN, roomId: ROOM, errorCode: 'ATLAS-600199' });
    expect(await t.store.audit.count({ action: 'emails.sendOne' })).toBeGreaterThanOrEqual(3);
  });

  it('always notifies users converted from a free to a paid plan, even twice within the hour', async () => {
    clock.set(T0);
    const free = (await t.db.prisma.person.findFirst({ where: { plan: 'free' } }))!;
    await sim.backend.simulator.convertToPaid(free.id);
    await sim.provisioning.sync.people();
    const converted = (await t.store.people.get(free.id))!;
    expect(converted).toMatchObject({ plan: 'paid', invitePending: true });
    expect(converted.convertedToPaidAt).not.toBeNull();
    expect((await remindPeople(deps, [free.id], ADMIN, ROOM)).sent).toEqual([free.email]);
    clock.advance(HOUR);
    expect((await remindPeople(deps, [free.id], ADMIN, ROOM)).sent).toEqual([free.email]);
    // A non-converted person reminded at the same pace is suppressed the second time.
    const other = pending[1]!;
    clock.set(T0);
    await remindPeople(deps, [other.id], ADMIN, ROOM);
    clock.advance(HOUR);
    expect((await remindPeople(deps, [other.id], ADMIN, ROOM)).suppressed).toHaveLength(1);
  });

  it('re-reads every id: unknown and already-activated people are skipped, not sent', async () => {
    clock.set(new Date(T0.getTime() + 3 * DAY));
    const activated = pending[2]!;
    await sim.backend.simulator.activate(activated.id);
    await sim.provisioning.sync.people();
    const summary = await remindPeople(deps, ['no-such-person', activated.id], ADMIN, ROOM);
    expect(summary.sent).toEqual([]);
    expect(summary.skipped.map((s) => s.description)).toEqual(['No longer in the organization.', 'Already activated.']);
  });

  it('remind all: previews, reminds everyone inactive once, and never runs twice at a time', async () => {
    clock.set(new Date(T0.getTime() + 10 * DAY));
    const preview = await remindAllPreview(deps);
    expect(preview.count).toBeGreaterThan(3);
    // Someone else's run holds the lease: this one is refused, and nothing is sent.
    await t.store.leases.acquire(REMIND_ALL_LEASE, 'ana@acme.example#1', 15 * 60_000, clock.now());
    expect(await remindAllInactive(deps, ADMIN, ROOM)).toEqual({ kind: 'busy', by: 'ana@acme.example' });
    // That run crashed: its lease expires and the next click goes ahead.
    clock.advance(16 * 60_000);
    const outcome = await remindAllInactive(deps, ADMIN, ROOM);
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    const { sent, suppressed, failed } = outcome.summary;
    expect(sent.length + suppressed.length + failed.length).toBe(preview.count);
    expect(sent.length).toBeGreaterThan(0);
    // Deactivated users fail with Webex's reason, and say so.
    expect(failed.every((f) => f.description.length > 0)).toBe(true);
    // The lease was given back; and everyone just reminded now counts as recently emailed,
    // except free→paid conversions, which are never held back.
    expect((await t.store.leases.get(REMIND_ALL_LEASE))?.holder).toBeNull();
    const conversions = await t.db.prisma.person.count({ where: { email: { in: sent }, convertedToPaidAt: { not: null } } });
    expect(conversions).toBeGreaterThan(0);
    expect((await remindAllPreview(deps)).recentlyEmailed).toBe(sent.length - conversions);
  });

  it('snooze hides people for N days and handled for good, each audited', async () => {
    clock.set(new Date(T0.getTime() + 20 * DAY));
    const q = () => ({ invitedBefore: new Date(clock.now().getTime() - 7 * DAY), now: clock.now() });
    const before = await t.store.people.inactiveIds(q());
    const [a, b] = before;
    const snoozed = await snoozePeople(deps, [a!], 5, ADMIN, ROOM);
    expect(snoozed.changed).toHaveLength(1);
    const handled = await markPeopleHandled(deps, [b!], ADMIN, ROOM);
    expect(handled.changed).toHaveLength(1);
    expect(await t.store.people.inactiveIds(q())).toEqual(before.filter((id) => id !== a && id !== b));
    clock.advance(5 * DAY);
    expect(await t.store.people.inactiveIds(q())).toContain(a);
    expect(await t.store.people.inactiveIds(q())).not.toContain(b);
    expect((await t.store.people.get(b!))?.followUpHandledBy).toBe(ADMIN);
    const audit = await t.store.audit.latest(5);
    expect(audit.find((e) => e.action === 'alerts.snooze')).toMatchObject({ actor: ADMIN, roomId: ROOM, result: 'ok' });
    expect(audit.find((e) => e.action === 'alerts.handled')).toMatchObject({ actor: ADMIN, roomId: ROOM, result: 'ok' });
  });
  it('two concurrent sends to one person (a double click, two instances) email them once', async () => {
    const p = pending.at(-1)!;
    clock.set(new Date(T0.getTime() + 30 * DAY));
    // Count what reaches Webex: the simulator would itself suppress a second email, hiding a race.
    let sends = 0;
    const counted = new Proxy(sim.backend, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'sendActivationEmail' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          sends++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const provisioning = createProvisioningService({ backend: counted, store: t.store, orgId: 'simulator', instanceId: 'test', now: clock.now, sleep: async () => {} });
    const both = { ...deps, provisioning };
    const [a, b] = await Promise.all([remindPeople(both, [p.id], ADMIN, ROOM), remindPeople(both, [p.id], 'other@acme.example', ROOM)]);
    expect(sends).toBe(1);
    expect([...a.sent, ...b.sent]).toEqual([p.email]);
    expect([...a.suppressed, ...b.suppressed]).toHaveLength(1);
  });
});
