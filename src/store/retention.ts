// Tables that would otherwise only grow are pruned on a timer on every instance: the deletes are
// idempotent, so instances need not agree on who does it.
import type { Logger } from '../logger.js';
import { utcDay } from './daily-stats.js';
import type { Store } from './index.js';

const DAY_MS = 86_400_000;

/** How long rows are kept, and why that is long enough. */
export const RETENTION = {
  /** Webex redelivers a webhook for minutes, not days: a week is well past any redelivery. */
  eventsMs: 7 * DAY_MS,
  /** A card is valid 7 days (SentCard.expiresAt); a click on it after that is refused anyway. */
  sentCardsAfterExpiryMs: 0,
  /** An occurrence is finished or superseded within a day; a month keeps them for inspection. */
  alertDeliveriesMs: 30 * DAY_MS,
  /** Daily history: a year and a bit, so a year-on-year comparison has its first day. */
  dailyStatsDays: 400,
  /** A preview nobody confirmed: its card expired after 7 days, so it can never start. */
  bulkPreviewsMs: 7 * DAY_MS,
  /** Finished bulk jobs and their items (the audit keeps every item for good). */
  bulkJobsMs: 90 * DAY_MS,
};

export interface PruneReport {
  events: number;
  sentCards: number;
  alertDeliveries: number;
  dailyStats: number;
  bulkJobs: number;
}

export async function pruneOldRows(store: Store, now: Date): Promise<PruneReport> {
  const t = now.getTime();
  return {
    events: await store.events.prune(new Date(t - RETENTION.eventsMs)),
    sentCards: await store.sentCards.prune(new Date(t - RETENTION.sentCardsAfterExpiryMs)),
    alertDeliveries: await store.alertDeliveries.prune(new Date(t - RETENTION.alertDeliveriesMs)),
    dailyStats: await store.dailyStats.prune(utcDay(new Date(t - (RETENTION.dailyStatsDays - 1) * DAY_MS))),
    bulkJobs: await store.bulkJobs.prune(new Date(t - RETENTION.bulkPreviewsMs), new Date(t - RETENTION.bulkJobsMs)),
  };
}

export interface PruneSchedule {
  /** Settles when the first prune (at start) has run. */
  firstRun: Promise<void>;
  stop(): Promise<void>;
}

/** Prunes once now, then every `everyMs`; a failure is logged and the next run tries again. */
export function schedulePrune(store: Store, logger: Logger, options: { everyMs?: number; now?: () => Date } = {}): PruneSchedule {
  const now = options.now ?? (() => new Date());
  let stopped = false;
  const run = async (): Promise<void> => {
    if (stopped) return;
    try {
      const pruned = await pruneOldRows(store, now());
      logger.info({ pruned }, 'old rows pruned');
      await store.subscribers.analyze();
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'pruning old rows failed; the next run will try again');
    }
  };
  let current = run();
  const firstRun = current;
  const timer = setInterval(() => (current = current.then(run)), options.everyMs ?? 6 * 3_600_000);
  timer.unref();
  return {
    firstRun,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
