// Daily history on both databases: a day-by-day replay of a simulated history (the mirror as it
// was at the end of each day, snapshotted that night) gives the same counts as the backfill that
// reconstructs every day at once from the final mirror; the snapshot counts removals; pruning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { addDays, ORG_SCOPE, type DayStats } from '../../src/store/daily-stats.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';

const DAY = 86_400_000;
const START = '2026-01-01';
const DAYS = 30;
const STATUSES = ['provisioned', 'error', 'provisioning', 'pending_email_validation'] as const;
const at = (day: string, hours: number) => new Date(Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000);
const endOf = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY - 1);

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface SimSubscriber {
  id: string;
  enterprise: string;
  created: Date;
  /** The one status change the history has, if any (the mirror keeps only the last one). */
  change?: { at: Date; status: (typeof STATUSES)[number] };
}
interface SimPerson {
  id: string;
  created: Date;
  pending: boolean;
}
interface SimReminder {
  personId: string;
  at: Date;
  outcome: 'sent' | 'suppressed' | 'error';
}

/** A history that starts before the first replayed day (so the first day folds in the past). */
export function simulatedHistory(seed: number, subscribers = 160, people = 80) {
  const r = random(seed);
  const first = Date.parse(`${addDays(START, -5)}T00:00:00Z`);
  const span = (DAYS + 5) * DAY;
  const subs: SimSubscriber[] = Array.from({ length: subscribers }, (_, i) => {
    const created = new Date(first + Math.floor(r() * span));
    const change = r() < 0.75 ? { at: new Date(created.getTime() + Math.floor(r() * 12 * DAY)), status: STATUSES[Math.floor(r() * STATUSES.length)]! } : undefined;
    return { id: `sub-${i}`, enterprise: ['SP1+acme', 'SP1+globex', 'SP2+initech'][i % 3]!, created, change };
  });
  const ppl: SimPerson[] = Array.from({ length: people }, (_, i) => ({ id: `p-${i}`, created: new Date(first + Math.floor(r() * span)), pending: r() < 0.4 }));
  const reminders: SimReminder[] = Array.from({ length: ppl.length ? 60 : 0 }, () => {
    const p = ppl[Math.floor(r() * ppl.length)]!;
    return { personId: p.id, at: new Date(p.created.getTime() + Math.floor(r() * 5 * DAY)), outcome: (['sent', 'suppressed', 'error'] as const)[Math.floor(r() * 3)]! };
  });
  return { subs, people: ppl, reminders };
}

/** Makes the mirror what it was at `when`: the history's rows as of then, and nothing else. */
export async function mirrorAsOf(prisma: PrismaClient, h: ReturnType<typeof simulatedHistory>, when: Date): Promise<void> {
  await prisma.subscriber.deleteMany();
  await prisma.person.deleteMany();
  await prisma.reminder.deleteMany();
  const subs = h.subs.filter((s) => s.created <= when);
  await prisma.subscriber.createMany({
    data: subs.map((s) => {
      const changed = s.change && s.change.at <= when ? s.change : undefined;
      return {
        id: s.id, userId: `${s.id}@sp.example`, spEnterpriseId: s.enterprise, package: 'standard' as const,
        status: changed?.status ?? 'pending_email_input', created: s.created, lastStatusChange: changed?.at ?? s.created, provisioningId: 'prov-1',
      };
    }),
  });
  await prisma.person.createMany({
    data: h.people.filter((p) => p.created <= when).map((p) => ({ id: p.id, email: `${p.id}@acme.example`, created: p.created, invitePending: p.pending })),
  });
  await prisma.reminder.createMany({
    data: h.reminders.filter((x) => x.at <= when).map((x) => ({ personId: x.personId, email: `${x.personId}@acme.example`, requestedBy: 'admin@acme.example', requestedAt: x.at, outcome: x.outcome })),
  });
}

/** The counts a replay and a backfill must agree on (not when or how they were taken). */
const counts = ({ reconstructed: _r, takenAt: _t, live: _l, removed: _x, activationHoursMedian, ...rest }: DayStats) => ({
  ...rest,
  activationHoursMedian: activationHoursMedian === null ? null : Math.round(activationHoursMedian * 1000) / 1000,
});

describe.each(DB_KINDS)('daily history on the %s database', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.dispose());

  it('backfill gives the same counts as a day-by-day replay of a simulated history', async () => {
    const h = simulatedHistory(7);
    const last = addDays(START, DAYS - 1);
    for (let i = 0; i < DAYS; i++) {
      const day = addDays(START, i);
      await mirrorAsOf(t.db.prisma, h, endOf(day));
      expect(await t.store.dailyStats.snapshot(day, endOf(day))).toBe(true);
    }
    // The mirror now holds the whole history as of the last day; rebuild every day from it.
    const replayed = (await t.db.prisma.dailyStat.findMany({ select: { scope: true }, distinct: ['scope'] })).map((r) => r.scope).sort();
    const rebuilt = await t.store.dailyStats.reconstruct(START, last, new Date());
    expect([...new Set(rebuilt.map((r) => r.scope))].sort()).toEqual(replayed);
    for (const scope of replayed) {
      const recorded = await t.store.dailyStats.series(scope, START, last);
      const fromMirror = rebuilt.filter((r) => r.scope === scope);
      // An enterprise's replay starts the day its first subscriber arrived, like its backfill.
      expect(fromMirror.map(counts)).toEqual(recorded.map(counts));
    }
    const org = await t.store.dailyStats.series(ORG_SCOPE, START, last);
    // The history is not trivial: every group, new errors and reminders occur.
    const total = (f: (d: DayStats) => number) => org.reduce((n, d) => n + f(d), 0);
    expect(org).toHaveLength(DAYS);
    expect(org.at(-1)!.provisioned).toBeGreaterThan(10);
    expect(org.at(-1)!.errored).toBeGreaterThan(5);
    expect(total((d) => d.newlyErrored)).toBeGreaterThan(5);
    expect(total((d) => d.remindersSent ?? 0)).toBeGreaterThan(3);
    expect(org.at(-1)!.peoplePending! + org.at(-1)!.peopleActivated!).toBe(h.people.filter((p) => p.created <= endOf(last)).length);

    // The backfill writes nothing over the days already recorded.
    expect(await t.store.dailyStats.backfill(START, last, new Date())).toBe(0);
    expect(await t.store.dailyStats.backfill(addDays(START, -3), addDays(START, -1), new Date())).toBeGreaterThan(0);
    const before = await t.store.dailyStats.series(ORG_SCOPE, addDays(START, -3), addDays(START, -1));
    expect(before.every((d) => d.reconstructed)).toBe(true);
  });

  it('counts subscribers removed since the day before; prunes days older than asked', async () => {
    await t.db.prisma.dailyStat.deleteMany();
    const h = simulatedHistory(3, 20, 0);
    await mirrorAsOf(t.db.prisma, h, endOf(addDays(START, 40)));
    await t.store.dailyStats.snapshot(addDays(START, 40), endOf(addDays(START, 40)));
    const gone = await t.db.prisma.subscriber.findMany({ take: 4, orderBy: { id: 'asc' } });
    await t.db.prisma.subscriber.deleteMany({ where: { id: { in: gone.map((s) => s.id) } } });
    await t.store.dailyStats.snapshot(addDays(START, 41), endOf(addDays(START, 41)));
    const [d1, d2] = await t.store.dailyStats.series(ORG_SCOPE, addDays(START, 40), addDays(START, 41));
    expect(d1!.removed).toBe(0);
    expect(d2!.removed).toBe(4);
    expect(d2!.pending + d2!.provisioning + d2!.provisioned + d2!.errored).toBe(16);
    // A second snapshot of a recorded day changes nothing.
    expect(await t.store.dailyStats.snapshot(addDays(START, 41), new Date())).toBe(false);
    expect(await t.store.dailyStats.prune(addDays(START, 41))).toBeGreaterThan(0);
    expect((await t.store.dailyStats.series(ORG_SCOPE, START, addDays(START, 50))).map((d) => d.day)).toEqual([addDays(START, 41)]);
  });
});
