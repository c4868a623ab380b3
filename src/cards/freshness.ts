// "How fresh is this?": every answer built from mirrored Webex data says it. Fresh: "As of
// 10:42:07 UTC." Not: "⚠ Webex did not answer (HTTP 500, tracking id …): this list is from 10:37
// UTC, 5 minutes ago." The wording is ours; Webex's status and tracking id are quoted.
import { formatDateUtc, formatTimeUtc, t } from '../i18n/translate.js';
import { escapeMarkdown } from './escape.js';

export interface FreshnessView {
  /** When the mirror last caught up with Webex (null: never). */
  asOf: Date | null;
  /** Set when this answer could not be brought up to date. */
  problem?: { status?: number; trackingId?: string; slow?: boolean; waitedSeconds?: number };
}

/** What the line is about: a list of users, one user, the orgs' counts, the people list. */
export type FreshnessSubject = 'list' | 'user' | 'counts' | 'people';

const sameDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);

/** "5 minutes ago", in the current language. */
function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return t('time.lessThanMinuteAgo');
  if (minutes < 120) return t('time.minutesAgo', { n: minutes });
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? t('time.hoursAgo', { n: hours }) : t('time.daysAgo', { n: Math.floor(hours / 24) });
}

/** One line, already escaped, for a card and its fallback text. */
export function freshnessLine(view: FreshnessView, now: Date, what: FreshnessSubject = 'list'): string {
  const { asOf, problem } = view;
  if (!problem) {
    if (!asOf) return '';
    const time = formatTimeUtc(asOf, true);
    return sameDay(asOf, now) ? t('freshness.asOf', { time }) : t('freshness.asOfOn', { time, date: formatDateUtc(asOf) });
  }
  const why = [problem.status ? t('freshness.httpStatus', { status: problem.status }) : '', problem.trackingId ? t('freshness.trackingId', { id: escapeMarkdown(problem.trackingId, 120) }) : '']
    .filter(Boolean)
    .join(', ');
  const didNot = problem.slow ? t('freshness.slow') : why ? t('freshness.noAnswerWhy', { why }) : t('freshness.noAnswer');
  if (!asOf) return t('freshness.never', { didNot, what });
  const values = { didNot, what, time: formatTimeUtc(asOf), age: age(asOf, now) };
  return sameDay(asOf, now) ? t('freshness.from', values) : t('freshness.fromOn', { ...values, date: formatDateUtc(asOf) });
}
