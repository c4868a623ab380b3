// Runs the alert job on ALERT_CRON, exactly once per occurrence across every instance on the
// database.
//
// - Each tick works out the latest occurrence due (cron.ts) and claims it in the store with
//   leases.claimOccurrence('alerts', <occurrence ISO time>): a single conditional upsert that
//   succeeds only if that key is newer than the last one claimed, so with N instances exactly one
//   starts it. The occurrence is marked finished (completeOccurrence) only when the run returns.
// - Runs are serialised by the `alerts.run` lease (atomic, with expiry), renewed before each
//   space is posted. A runner that died leaves its occurrence unfinished and its lease to expire;
//   the next instance to take the lease (a busy instance's retry, a later tick, the next start)
//   runs the same occurrence again, and the run skips every space already handled (the job is
//   resumable: see poster.ts). A runner that stalled past its lease stops at its next renewal.
// - An unfinished occurrence is superseded when a later one is due (all instances down over a
//   slot): the later run posts the current digest, so a space gets one card, not two in a row.
// - At start the latest past occurrence is claimed too: an occurrence missed while every
//   instance was down runs once at the next start (however many instances start, and however
//   many occurrences were missed).
// Time comes from the injected clock; tick(at) lets tests fire an occurrence without waiting.
import { Cron } from 'croner';
import type { Logger } from '../logger.js';
import type { LeaseRepository } from '../store/leases.js';
import { latestOccurrence, nextOccurrence, type CronSpec } from './cron.js';

export const OCCURRENCE_KEY = 'alerts';
export const RUN_LEASE = 'alerts.run';
const DEFAULT_LEASE_TTL_MS = 15 * 60_000;
/** croner may wake a hair before the slot; an occurrence this close ahead counts as due. */
const EARLY_WAKE_TOLERANCE_MS = 1_000;
/** A busy instance looks again this soon (or when the lease expires, if sooner). */
const BUSY_RETRY_MS = 30_000;
/** After a run, occurrences that came due meanwhile are caught up, at most this many times. */
const MAX_CATCH_UP = 3;
/** A run that failed part way (e.g. the database went away) is resumed this soon. */
const RESUME_RETRY_MS = 60_000;

export type TickResult =
  | { kind: 'ran'; occurrences: Date[] }
  /** Nothing due that has not already run (here or on another instance). */
  | { kind: 'idle'; due: Date | null }
  /** Another instance holds the run lease; this one retries when it expires. */
  | { kind: 'busy'; holder: string | null; retryAt: Date | null };

export interface RunControl {
  /** Extends this instance's run lease; false once it expired (another may have taken over). */
  renewLease(): Promise<boolean>;
}

export interface AlertSchedulerOptions extends CronSpec {
  leases: LeaseRepository;
  instanceId: string;
  /**
   * Does the work of one occurrence. It must be resumable: it may be called again for the same
   * occurrence after a runner died or it threw, and must then do only what is left. It calls
   * control.renewLease() before each step that must not be done twice, and stops if false.
   */
  run: (occurrence: Date, control: RunControl) => Promise<void>;
  logger: Logger;
  now?: () => Date;
  leaseTtlMs?: number;
}

export interface AlertScheduler {
  /** Starts the cron timer and catches up a missed occurrence (resolves when that is done). */
  start(): Promise<TickResult>;
  /** One scheduling decision as of `at` (default: the clock's now). */
  tick(at?: Date): Promise<TickResult>;
  nextRun(after?: Date): Date | null;
  /** Runs the job now, outside the schedule (the emulator's "Run follow-up now"); claims nothing. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function createAlertScheduler(o: AlertSchedulerOptions): AlertScheduler {
  const now = o.now ?? (() => new Date());
  const ttl = o.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const log = o.logger;
  let job: Cron | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();

  // Ticks of one instance (cron, retry, start, tests) run one after another: the lease is
  // re-entrant for its holder, so it alone would not keep them apart.
  let queue: Promise<unknown> = Promise.resolve();
  function serial(at?: Date): Promise<TickResult> {
    const next = queue.then(() => tick(at));
    queue = next.catch(() => {});
    return track(next);
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  }

  /** True if the run returned; false if it threw (the occurrence stays unfinished). */
  async function runOnce(occurrence: Date): Promise<boolean> {
    log.info({ occurrence: occurrence.toISOString() }, 'alert run');
    const control: RunControl = { renewLease: () => o.leases.renew(RUN_LEASE, o.instanceId, ttl, now()) };
    try {
      await o.run(occurrence, control);
      return true;
    } catch (err) {
      log.error({ err: (err as Error).message, occurrence: occurrence.toISOString() }, 'alert run stopped; it will be resumed');
      return false;
    }
  }

  function retryAfter(ms: number): void {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void serial().catch(() => {}), ms);
    retryTimer.unref();
  }

  function retryWhenFree(retryAt: Date | null): void {
    if (!retryAt) return;
    const untilExpiry = Math.max(0, retryAt.getTime() - now().getTime()) + 1_000;
    retryAfter(Math.min(untilExpiry, BUSY_RETRY_MS));
  }

  /** The occurrence claimed but not finished (its runner died, or stopped part way), if any. */
  const unfinished = (state: { lastRunKey: string | null; lastRunDoneAt: Date | null } | null) =>
    state?.lastRunKey && !state.lastRunDoneAt ? state.lastRunKey : null;

  async function tick(at: Date = now()): Promise<TickResult> {
    const due = latestOccurrence(o, at);
    if (!due) return { kind: 'idle', due: null };
    const state = await o.leases.get(OCCURRENCE_KEY);
    if (!unfinished(state) && state?.lastRunKey && state.lastRunKey >= due.toISOString()) return { kind: 'idle', due };
    if (!(await o.leases.acquire(RUN_LEASE, o.instanceId, ttl, at))) {
      const lease = await o.leases.get(RUN_LEASE);
      const retryAt = lease?.expiresAt ?? null;
      retryWhenFree(retryAt);
      return { kind: 'busy', holder: lease?.holder ?? null, retryAt };
    }
    const ran: Date[] = [];
    const startedAt = now().getTime();
    try {
      let next: Date | null = due;
      for (let i = 0; next && i < MAX_CATCH_UP; i++) {
        const occurrence = await startOrResume(next, at);
        if (!occurrence) break;
        if (!(await runOnce(occurrence))) {
          retryAfter(RESUME_RETRY_MS);
          break;
        }
        await o.leases.completeOccurrence(OCCURRENCE_KEY, occurrence.toISOString(), now());
        ran.push(occurrence);
        // A long run may outlast the next slot, which the others skipped while we held the lease.
        const later = latestOccurrence(o, new Date(at.getTime() + Math.max(0, now().getTime() - startedAt)));
        next = later && later > occurrence ? later : null;
      }
    } finally {
      await o.leases.release(RUN_LEASE, o.instanceId).catch((err: Error) => log.warn({ err: err.message }, 'could not release the alert lease'));
    }
    return ran.length ? { kind: 'ran', occurrences: ran } : { kind: 'idle', due };
  }

  /** Under the lease: the unfinished occurrence to resume, or `due` newly claimed, or null. */
  async function startOrResume(due: Date, at: Date): Promise<Date | null> {
    const state = await o.leases.get(OCCURRENCE_KEY);
    const open = unfinished(state);
    if (open && open >= due.toISOString()) {
      log.warn({ occurrence: open }, 'resuming an alert occurrence that did not finish');
      return new Date(open);
    }
    if (!(await o.leases.claimOccurrence(OCCURRENCE_KEY, due.toISOString(), at))) return null;
    if (open) log.warn({ superseded: open, by: due.toISOString() }, 'an unfinished alert occurrence is superseded by a later one');
    return due;
  }

  return {
    start() {
      stopped = false;
      job = new Cron(o.cron, { timezone: o.timeZone, protect: true }, async () => {
        await serial(new Date(now().getTime() + EARLY_WAKE_TOLERANCE_MS)).catch((err: Error) => log.error({ err: err.message }, 'alert tick failed'));
      });
      log.info({ cron: o.cron, timeZone: o.timeZone, next: job.nextRun()?.toISOString() }, 'alert schedule started');
      return serial();
    },
    tick: (at) => serial(at),
    nextRun: (after) => nextOccurrence(o, after ?? now()),
    runNow: () => track(o.run(now(), { renewLease: async () => true })),
    async stop() {
      stopped = true;
      job?.stop();
      clearTimeout(retryTimer);
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
