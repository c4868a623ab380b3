// Daily history on both databases: a day-by-day replay of a simulated history (the mirror as it
// was at the end of each day, snapshotted that night) gives the same counts as the backfill that
// reconstructs every day at once from the final mirror; the snapshot counts removals; pruning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, ORG_SCOPE, type DayStats } from '../../src/store/daily-stats.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { DAYS, endOf, mirrorAsOf, simulatedHistory, START } from '../support/history.js';

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
      // Two subscribers a statement: every enterprise on its own, several statements a day.
      expect(await t.store.dailyStats.snapshot(day, endOf(day), { chunkSubscribers: 2 })).toBe(true);
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
    // An enterprise whose every subscriber is gone still gets its day: all of them removed.
    const [emptied] = await t.db.prisma.subscriber.groupBy({ by: ['spEnterpriseId'], _count: true, orderBy: { spEnterpriseId: 'asc' } });
    await t.db.prisma.subscriber.deleteMany({ where: { spEnterpriseId: emptied!.spEnterpriseId } });
    await t.store.dailyStats.snapshot(addDays(START, 42), endOf(addDays(START, 42)), { chunkSubscribers: 1 });
    const [gone42] = await t.store.dailyStats.series(emptied!.spEnterpriseId, addDays(START, 42), addDays(START, 42));
    expect(gone42).toMatchObject({ pending: 0, provisioning: 0, provisioned: 0, errored: 0, removed: emptied!._count });
    const [org42] = await t.store.dailyStats.series(ORG_SCOPE, addDays(START, 42), addDays(START, 42));
    expect(org42!.removed).toBe(emptied!._count);
    expect(org42!.pending + org42!.provisioning + org42!.provisioned + org42!.errored).toBe(16 - emptied!._count);
    expect(await t.store.dailyStats.prune(addDays(START, 41))).toBeGreaterThan(0);
    expect((await t.store.dailyStats.series(ORG_SCOPE, START, addDays(START, 50))).map((d) => d.day)).toEqual([addDays(START, 41), addDays(START, 42)]);
  });
});
