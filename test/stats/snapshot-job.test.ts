// The daily snapshot, exactly once across three instances — three jobs over three Prisma
// clients (three pools) on ONE throw-away PostgreSQL database, racing at each decision: the
// first start of a new install (backfill, reconstructed), the nightly snapshot (live), an
// instance that died after claiming a day, and days every instance missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createSnapshotJob, SNAPSHOT_KEY, type SnapshotJob, type SnapshotTick } from '../../src/stats/index.js';
import { addDays, ORG_SCOPE } from '../../src/store/daily-stats.js';
import { createStore, type Store } from '../../src/store/index.js';
import { silent, testClock } from '../alerts/helpers.js';
import { mirrorAsOf, simulatedHistory, START } from '../support/history.js';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';

const recorded = (results: SnapshotTick[]) => results.filter((r) => r.kind === 'recorded');

describe('the daily snapshot on three instances', () => {
  let server: ThrowAwayDatabase;
  const databases: Database[] = [];
  const first = () => databases[0]!;
  const stores: Store[] = [];
  let jobs: SnapshotJob[] = [];
  const history = simulatedHistory(5, 300, 100);
  const clock = testClock(new Date(`${START}T00:00:00Z`));

  beforeAll(async () => {
    server = await createServerDatabase('stats');
    // Opened as three instances open it: the first migrates, the others find it up to date.
    for (let i = 0; i < 3; i++) databases.push(await openDatabase({ kind: 'server', url: server.url }, { poolSize: 3 }));
    stores.push(...databases.map((d) => createStore(d.prisma, d.pool)));
    jobs = stores.map((store) => createSnapshotJob({ stats: store.dailyStats, leases: store.leases, logger: silent, now: clock.now }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(jobs.map((j) => j.stop()));
    for (const d of databases) await d.close();
    await server?.drop();
  });

  const rowsOf = async (day: string) => first().prisma.dailyStat.findMany({ where: { day: new Date(`${day}T00:00:00Z`) } });
  const tickAll = (at: Date) => Promise.all(jobs.map((j) => j.tick(at)));

  it('a new install: the first start backfills the history once, marked reconstructed', async () => {
    // Installed on 20 January in the afternoon: too late to count the 19th live.
    const at = new Date(`${addDays(START, 19)}T15:00:00Z`);
    await mirrorAsOf(first().prisma, history, at);
    const results = await tickAll(at);
    expect(recorded(results)).toEqual([{ kind: 'recorded', day: addDays(START, 18), live: false, reconstructedRows: expect.any(Number) }]);
    const org = await stores[0]!.dailyStats.series(ORG_SCOPE, addDays(START, -30), addDays(START, 30));
    // From the first day the mirror knows (the history starts 5 days before START) to the 19th.
    expect(org.map((d) => d.day)).toEqual(Array.from({ length: 24 }, (_, i) => addDays(START, i - 5)));
    expect(org.every((d) => d.reconstructed)).toBe(true);
    expect((await tickAll(at)).every((r) => r.kind === 'idle')).toBe(true);
  });

  it('each night the day that ended is recorded live, once, however the three race', async () => {
    for (let i = 19; i < 23; i++) {
      const day = addDays(START, i);
      await mirrorAsOf(first().prisma, history, new Date(`${day}T23:59:59.999Z`));
      // The three cron timers fire within a few milliseconds of each other, just after 00:10 UTC.
      const results = await tickAll(new Date(`${addDays(day, 1)}T00:10:00.300Z`));
      expect(recorded(results)).toEqual([{ kind: 'recorded', day, live: true, reconstructedRows: 0 }]);
      const rows = await rowsOf(day);
      expect(rows.filter((r) => r.scope === ORG_SCOPE)).toHaveLength(1);
      expect(rows.every((r) => !r.reconstructed)).toBe(true);
      expect(rows.map((r) => r.scope).sort()).toEqual([ORG_SCOPE, 'SP1+acme', 'SP1+globex', 'SP2+initech']);
      // Later ticks that day find it done.
      expect((await tickAll(new Date(`${addDays(day, 1)}T13:00:00Z`))).every((r) => r.kind === 'idle')).toBe(true);
    }
  });

  it('a day claimed by an instance that died is finished by the others (once), after a grace period', async () => {
    const day = addDays(START, 23);
    await mirrorAsOf(first().prisma, history, new Date(`${day}T23:59:59.999Z`));
    const slot = new Date(`${addDays(day, 1)}T00:10:00Z`);
    // The dead instance claimed the day and never wrote it.
    expect(await stores[2]!.leases.claimOccurrence(SNAPSHOT_KEY, day, slot)).toBe(true);
    expect((await tickAll(new Date(slot.getTime() + 60_000))).every((r) => r.kind === 'idle')).toBe(true);
    expect(await rowsOf(day)).toHaveLength(0);
    const results = await tickAll(new Date(slot.getTime() + 11 * 60_000));
    expect(recorded(results).length).toBeGreaterThanOrEqual(1);
    expect((await rowsOf(day)).filter((r) => r.scope === ORG_SCOPE)).toHaveLength(1);
    expect((await stores[0]!.leases.get(SNAPSHOT_KEY))?.lastRunDoneAt).not.toBeNull();
    expect((await tickAll(new Date(slot.getTime() + 20 * 60_000))).every((r) => r.kind === 'idle')).toBe(true);
  });

  it('days every instance missed are reconstructed at the next start; the start day is live if in time', async () => {
    // Down from the 25th to the 28th; all three start at 00:30 on the 29th.
    const at = new Date(`${addDays(START, 28)}T00:30:00Z`);
    await mirrorAsOf(first().prisma, history, at);
    clock.set(at);
    const results = await Promise.all(jobs.map((j) => j.start()));
    expect(recorded(results)).toEqual([{ kind: 'recorded', day: addDays(START, 27), live: true, reconstructedRows: expect.any(Number) }]);
    const org = await stores[1]!.dailyStats.series(ORG_SCOPE, addDays(START, 24), addDays(START, 27));
    expect(org.map((d) => [d.day, d.reconstructed])).toEqual([
      [addDays(START, 24), true],
      [addDays(START, 25), true],
      [addDays(START, 26), true],
      [addDays(START, 27), false],
    ]);
    // Every day of the history has exactly one org row.
    const all = await first().prisma.dailyStat.groupBy({ by: ['day'], where: { scope: ORG_SCOPE }, _count: true });
    expect(all).toHaveLength(33);
    expect(all.every((g) => g._count === 1)).toBe(true);
  });
});
