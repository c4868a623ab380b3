// "How fresh is this?": every answer built from mirrored Webex data says it. Fresh: "As of
// 10:42:07 UTC." Not: "⚠ Webex did not answer (HTTP 500, tracking id …): this list is from 10:37
// UTC, 5 minutes ago." The wording is ours; Webex's status and tracking id are quoted.
import { escapeMarkdown } from './escape.js';
import { plural } from './format.js';

export interface FreshnessView {
  /** When the mirror last caught up with Webex (null: never). */
  asOf: Date | null;
  /** Set when this answer could not be brought up to date. */
  problem?: { status?: number; trackingId?: string; slow?: boolean; waitedSeconds?: number };
}

const time = (d: Date, seconds: boolean) => d.toISOString().slice(11, seconds ? 19 : 16);
const day = (d: Date) => d.toISOString().slice(0, 10);

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 120) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${plural(hours, 'hour')} ago` : `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/** One line, already escaped, for a card and its fallback text. `what` is e.g. "this list". */
export function freshnessLine(view: FreshnessView, now: Date, what = 'this list'): string {
  const { asOf, problem } = view;
  if (!problem) return asOf ? `As of ${time(asOf, true)} UTC${day(asOf) === day(now) ? '' : ` on ${day(asOf)}`}.` : '';
  const why = [problem.status ? `HTTP ${problem.status}` : '', problem.trackingId ? `tracking id ${escapeMarkdown(problem.trackingId, 120)}` : ''].filter(Boolean).join(', ');
  const didNot = problem.slow ? 'Webex did not answer in time' : `Webex did not answer${why ? ` (${why})` : ''}`;
  const from = asOf ? `${what} is from ${time(asOf, false)} UTC${day(asOf) === day(now) ? '' : ` on ${day(asOf)}`}, ${age(asOf, now)}` : `${what} has not been brought up to date yet`;
  return `⚠ ${didNot}: ${from}.`;
}
