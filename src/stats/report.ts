// What `stats` says: the series of a period (recorded days plus today's live counts) and the
// headline numbers with their change over it. The card's text and the chart are both drawn from
// one report, so they cannot disagree.
import { addDays, ORG_SCOPE, utcDay, type DailyStatRepository, type DayStats } from '../store/daily-stats.js';

export interface StatsQuery {
  /** Length of the period in days (today included as its last point). */
  days: number;
  /** An enterprise id; absent for the whole org. */
  enterprise?: string;
  /** Partner mode, one customer org: its enterprises, added together (the card's header names the org). */
  enterprises?: readonly string[];
}

export interface StatsSeries {
  scope: string;
  /** Oldest first; the last day is today, counted live. */
  days: DayStats[];
}

/** A count now and how it moved since the first day of the period. */
export interface Change {
  now: number;
  change: number;
}

export interface StatsHeadline {
  provisioned: Change;
  errored: Change;
  pending: Change;
  provisioning: Change;
  newlyProvisioned: number;
  newlyErrored: number;
  removed: number;
  /** Median time from created to provisioned, of the subscribers provisioned in the period. */
  activation: { medianDays: number | null; count: number };
  /** Org-wide only (people have no enterprise). */
  people?: { pending: Change; activated: Change; invited: number };
  reminders?: { sent: number; suppressed: number; failed: number };
}

export type StatsReport =
  | { kind: 'empty'; query: StatsQuery; asOf: Date }
  | {
      kind: 'ok';
      query: StatsQuery;
      asOf: Date;
      series: StatsSeries;
      /** Days actually covered: the period, or less when history is shorter. */
      spanDays: number;
      /** How many of the days were rebuilt from the mirror rather than counted on the day. */
      reconstructedDays: number;
      headline: StatsHeadline;
    };

const subscribers = (d: DayStats) => d.pending + d.provisioning + d.provisioned + d.errored;
const people = (d: DayStats) => (d.peoplePending ?? 0) + (d.peopleActivated ?? 0);
const sum = (days: DayStats[], f: (d: DayStats) => number | null) => days.reduce((n, d) => n + (f(d) ?? 0), 0);

export async function buildReport(stats: DailyStatRepository, query: StatsQuery, asOf: Date): Promise<StatsReport> {
  const scope = query.enterprise ?? (query.enterprises ? 'org' : ORG_SCOPE);
  const today = utcDay(asOf);
  const from = addDays(today, -query.days);
  // One customer org (partner mode): its enterprises' rows added up, day by day.
  const org = !query.enterprise && query.enterprises ? query.enterprises : null;
  const recorded = org ? await stats.seriesOf(org, from, addDays(today, -1)) : await stats.series(scope, from, addDays(today, -1));
  const live = org ? await stats.liveOf(today, asOf, org) : await stats.live(today, asOf, scope);
  // Days before anything existed are not history (a backfilled org starts with zeros).
  const days = [...recorded, ...(live ? [live] : [])].filter((d, i, all) => subscribers(d) + people(d) > 0 || all.slice(0, i).some((e) => subscribers(e) + people(e) > 0));
  if (days.length < 2) return { kind: 'empty', query, asOf };
  const first = days[0]!;
  const last = days.at(-1)!;
  const change = (f: (d: DayStats) => number | null): Change => ({ now: f(last) ?? 0, change: (f(last) ?? 0) - (f(first) ?? 0) });
  // The first day is the baseline: what happened on it is before the change being told.
  const period = days.slice(1);
  const activation = await stats.activationMedianHours(org ?? scope, period[0]!.day, last.day);
  const headline: StatsHeadline = {
    provisioned: change((d) => d.provisioned),
    errored: change((d) => d.errored),
    pending: change((d) => d.pending),
    provisioning: change((d) => d.provisioning),
    newlyProvisioned: sum(period, (d) => d.newlyProvisioned),
    newlyErrored: sum(period, (d) => d.newlyErrored),
    removed: sum(period, (d) => d.removed),
    activation: { medianDays: activation.hours === null ? null : Math.round((activation.hours / 24) * 10) / 10, count: activation.count },
    ...(scope === ORG_SCOPE
      ? {
          people: { pending: change((d) => d.peoplePending), activated: change((d) => d.peopleActivated), invited: sum(period, (d) => d.peopleInvited) },
          reminders: { sent: sum(period, (d) => d.remindersSent), suppressed: sum(period, (d) => d.remindersSuppressed), failed: sum(period, (d) => d.remindersFailed) },
        }
      : {}),
  };
  return {
    kind: 'ok',
    query,
    asOf,
    series: { scope, days },
    spanDays: days.length - 1,
    reconstructedDays: days.filter((d) => d.reconstructed).length,
    headline,
  };
}
