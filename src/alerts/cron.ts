// Cron arithmetic for ALERT_CRON in ALERT_TIMEZONE (croner): the latest occurrence due at an
// instant, and the next one after it. Pure functions of (pattern, zone, instant), so the
// scheduler and `alerts status` agree and tests need no real waiting.
import { Cron } from 'croner';

export interface CronSpec {
  cron: string;
  timeZone: string;
}

/** A paused croner job: used only for its arithmetic, it never fires. */
function pattern(spec: CronSpec): Cron {
  return new Cron(spec.cron, { timezone: spec.timeZone, paused: true });
}

/** The latest occurrence at or before `at` (inclusive), or null if the pattern never matched. */
export function latestOccurrence(spec: CronSpec, at: Date): Date | null {
  // previousRuns excludes the reference itself; 1 ms later makes an occurrence at `at` count.
  return pattern(spec).previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(spec: CronSpec, after: Date): Date | null {
  return pattern(spec).nextRun(after);
}

/** The next `n` occurrences after `after` (for tests and the README example). */
export function nextOccurrences(spec: CronSpec, after: Date, n: number): Date[] {
  return pattern(spec).nextRuns(n, after);
}
