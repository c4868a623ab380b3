// Read-through freshness of the subscriber mirror: before a command answers from the mirror, it
// catches up with Webex (an incremental listing), unless a refresh younger than FRESHNESS_SECONDS
// stands (on any instance: the watermark is in the store). Concurrent commands on one instance
// share one refresh in flight. The wait is bounded: when Webex is slow or failing, the answer comes
// from the mirror and says how old it is and why; a slow refresh finishes in the background.
import { t } from '../i18n/translate.js';
import { isAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { describeFailure, failureDetail, httpStatusOf } from './errors.js';
import { SUBSCRIBERS_SYNC_JOB, type MirrorSync } from './sync.js';

/** What Webex said when it did not answer as it should. */
export interface WebexProblem {
  /** Our wording of it (with Webex's message where Webex answered). */
  description: string;
  status?: number;
  trackingId?: string;
  /** Webex did not answer within the wait (the refresh goes on in the background). */
  slow?: boolean;
}

/** How current the mirror is for an answer: caught up with Webex, or not (and why). */
export type Freshness = { kind: 'fresh'; asOf: Date } | { kind: 'stale'; asOf: Date | null; problem: WebexProblem };

/** How long a lease read by warm() that found the mirror fresh stands for the next messages. */
const WARM_REREAD_MS = 1_000;

export interface FreshnessDeps {
  sync: MirrorSync;
  store: Store;
  now: () => Date;
  freshForMs: number;
  waitMs: number;
  logger?: Logger;
}

function problemOf(err: unknown): WebexProblem {
  const details = isAppError(err) ? err.details : undefined;
  const trackingId = typeof details?.trackingId === 'string' ? details.trackingId : undefined;
  const status = httpStatusOf(err);
  return { description: describeFailure(err), ...(status ? { status } : {}), ...(trackingId ? { trackingId } : {}) };
}

export function subscriberFreshness(deps: FreshnessDeps) {
  const { store, now } = deps;
  let inFlight: Promise<Freshness> | null = null;
  /** The last refresh this instance finished, and when (process clock): see ensure(). */
  let finished: { at: number; result: Freshness } | null = null;

  const lastCaughtUp = async (): Promise<Date | null> => (await store.leases.get(SUBSCRIBERS_SYNC_JOB))?.lastRunAt ?? null;

  async function refresh(): Promise<Freshness> {
    try {
      // The refresh holds every change made before it started: that is the answer's "as of" (the
      // watermark it records is a moment later; not read back, to spare the answer a query).
      const started = now();
      await deps.sync.subscribers();
      const result: Freshness = { kind: 'fresh', asOf: started };
      finished = { at: performance.now(), result };
      return result;
    } catch (err) {
      deps.logger?.warn({ err: failureDetail(err) }, 'subscriber refresh failed; answering from the mirror');
      // The store may be what failed (a database restart): the answer still comes, saying so.
      return { kind: 'stale', asOf: await lastCaughtUp().catch(() => null), problem: problemOf(err) };
    }
  }

  /** The last lease read by warm() that found the mirror fresh: when, and until when it stands. */
  let freshSeen: { at: number; until: number } | null = null;

  return {
    /** Forgets what warm() last read (the watermark was moved back by hand: tests, the bench). */
    forget(): void {
      freshSeen = null;
    },

    /**
     * Starts a refresh if one is due, without waiting for it: called as an admin's message or click
     * arrives, so the listing runs while the message itself is fetched from Webex, and the answer
     * that needs the mirror joins it in flight (or finds it done).
     */
    warm(): void {
      if (inFlight) return;
      // A burst of messages asks the store once: a lease read this instance made in the last
      // moment that found the mirror fresh stands (the answer's own ensure() still reads it).
      if (freshSeen && performance.now() - freshSeen.at < WARM_REREAD_MS && now().getTime() < freshSeen.until) return;
      void lastCaughtUp()
        .then((last) => {
          if (last && now().getTime() - last.getTime() < deps.freshForMs) freshSeen = { at: performance.now(), until: last.getTime() + deps.freshForMs };
          if (inFlight || (last && now().getTime() - last.getTime() < deps.freshForMs)) return;
          inFlight = refresh().finally(() => (inFlight = null));
          inFlight.catch(() => {}); // nobody may wait for it (help needs no mirror): never an unhandled rejection
        })
        .catch(() => {}); // the answer's own ensure() will say what is wrong
    },

    /** The mirror brought up to date for an answer, within the wait; never throws for Webex's sake. */
    async ensure(): Promise<Freshness> {
      const askedAt = performance.now();
      const last = await lastCaughtUp();
      if (last && now().getTime() - last.getTime() < deps.freshForMs) return { kind: 'fresh', asOf: last };
      // A refresh that finished on this instance while the lease was being read is as good as one
      // joined in flight: starting another would list Webex twice for one burst of commands.
      if (!inFlight && finished && finished.at >= askedAt) return finished.result;
      // One refresh per instance at a time; the others wait for the same one.
      inFlight ??= refresh().finally(() => (inFlight = null));
      let timer: NodeJS.Timeout | undefined;
      const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), deps.waitMs)));
      try {
        const result = await Promise.race([inFlight, slow]);
        if (result !== 'slow') return result;
        const seconds = Math.round(deps.waitMs / 100) / 10;
        return { kind: 'stale', asOf: last, problem: { description: t('domain.slow', { seconds }), slow: true } };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
export type SubscriberFreshness = ReturnType<typeof subscriberFreshness>;
