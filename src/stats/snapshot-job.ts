// Records each UTC day of history once, across every instance on the database.
//
// Shortly after midnight UTC (SNAPSHOT_CRON) every instance ticks; the day that just ended is
// claimed with leases.claimOccurrence('stats.snapshot', <day>) — one conditional upsert, so of N
// instances exactly one does the work — and recorded with one set-based statement. The rows'
// primary key (scope, day) and ON CONFLICT DO NOTHING make a second write of a day a no-op, so a
// claimer that died before finishing is simply finished by the next tick after RESUME_AFTER_MS.
//
// Days nobody recorded (a new install, or every instance down) are reconstructed from the mirror
// and marked so. A day is counted live only within LIVE_WINDOW_MS of its end: later, the
// mirror has moved on, and the reconstruction (which uses lastStatusChange) is the better guess.
import { Cron } from 'croner';
import type { Logger } from '../logger.js';
import { addDays, ORG_SCOPE, utcDay, type DailyStatRepository } from '../store/daily-stats.js';
import type { LeaseRepository } from '../store/leases.js';
import { latestOccurrence } from '../alerts/cron.js';

export const SNAPSHOT_KEY = 'stats.snapshot';
/** Ten past midnight UTC: the day before has ended everywhere the mirror's clock is concerned. */
export const SNAPSHOT_CRON = '10 0 * * *';
/** History is kept this long (the backfill reaches no further back either). */
export const HISTORY_DAYS = 400;
const LIVE_WINDOW_MS = 2 * 3_600_000;
const RESUME_AFTER_MS = 10 * 60_000;

export type SnapshotTick =
  | { kind: 'recorded'; day: string; live: boolean; reconstructedRows: number }
  /** That day is recorded already (here or by another instance), or another instance is on it. */
  | { kind: 'idle'; day: string };

export interface SnapshotJobOptions {
  stats: DailyStatRepository;
  leases: LeaseRepository;
  logger: Logger;
  now?: () => Date;
}

export interface SnapshotJob {
  /** Starts the daily timer and records what is missing now (resolves when that is done). */
  start(): Promise<SnapshotTick>;
  /** One decision as of `at` (tests fire a day without waiting). */
  tick(at?: Date): Promise<SnapshotTick>;
  stop(): Promise<void>;
}

export function createSnapshotJob(o: SnapshotJobOptions): SnapshotJob {
  const now = o.now ?? (() => new Date());
  const log = o.logger;
  let job: Cron | undefined;
  let stopped = false;
  // One instance's ticks (timer, start, tests) run one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (at?: Date): Promise<SnapshotTick> => {
    const next = queue.then(() => tick(at ?? now()));
    queue = next.catch(() => {});
    return next;
  };

  async function tick(at: Date): Promise<SnapshotTick> {
    const slot = latestOccurrence({ cron: SNAPSHOT_CRON, timeZone: 'UTC' }, at);
    const day = addDays(utcDay(slot ?? at), -1);
    const state = await o.leases.get(SNAPSHOT_KEY);
    const done = state?.lastRunKey && state.lastRunKey >= day;
    const stalled = state?.lastRunKey === day && !state.lastRunDoneAt && (state.lastRunAt?.getTime() ?? 0) + RESUME_AFTER_MS <= at.getTime();
    if (done && !stalled) return { kind: 'idle', day };
    if (!stalled && !(await o.leases.claimOccurrence(SNAPSHOT_KEY, day, at))) return { kind: 'idle', day };
    if (stalled) log.warn({ day }, 'finishing a daily snapshot whose instance did not');
    const result = await record(day, at);
    await o.leases.completeOccurrence(SNAPSHOT_KEY, day, now());
    return result;
  }

  async function record(day: string, at: Date): Promise<SnapshotTick> {
    const live = slot(day) + LIVE_WINDOW_MS >= at.getTime();
    const lastLive = live ? day : addDays(day, 1);
    const from = await firstMissingDay(lastLive);
    const reconstructedRows = from ? await o.stats.backfill(from, addDays(lastLive, -1), at) : 0;
    if (live) await o.stats.snapshot(day, at);
    log.info({ day, live, reconstructedRows }, 'daily history recorded');
    return { kind: 'recorded', day, live, reconstructedRows };
  }

  /** The end of `day` (when its snapshot is due). */
  const slot = (day: string) => Date.parse(`${addDays(day, 1)}T00:00:00Z`);

  /** The first day before `until` with no record, within the kept history; null if none. */
  async function firstMissingDay(until: string): Promise<string | null> {
    const oldest = addDays(until, -(HISTORY_DAYS - 1));
    const latest = await o.stats.latestDay(ORG_SCOPE, until);
    if (latest) return addDays(latest, 1);
    const known = await o.stats.earliestKnownDay();
    if (!known) return null;
    return known > oldest ? known : oldest;
  }

  return {
    async start() {
      // Stopped before the first sync finished (a quick shutdown): start nothing.
      if (stopped) return { kind: 'idle', day: addDays(utcDay(now()), -1) };
      job = new Cron(SNAPSHOT_CRON, { timezone: 'UTC', protect: true }, async () => {
        await serial().catch((err: Error) => log.error({ err: err.message }, 'daily snapshot failed; the next tick tries again'));
      });
      return serial();
    },
    tick: (at) => serial(at),
    async stop() {
      stopped = true;
      job?.stop();
      await queue;
    },
  };
}
