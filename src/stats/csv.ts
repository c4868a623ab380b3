// The series as CSV (`stats export`), for admins who draw their own charts: one line per day,
// the counts as recorded. Every value is a date, a number, a boolean or an enterprise id; the id
// is quoted (it may hold a comma) and a leading =, +, - or @ is defused for spreadsheets.
import type { DayStats } from '../store/daily-stats.js';

const COLUMNS: [string, (d: DayStats) => string | number | boolean | null][] = [
  ['day', (d) => d.day],
  ['scope', (d) => d.scope],
  ['reconstructed', (d) => d.reconstructed],
  ['live', (d) => d.live === true],
  ['pending', (d) => d.pending],
  ['provisioning', (d) => d.provisioning],
  ['provisioned', (d) => d.provisioned],
  ['error', (d) => d.errored],
  ['newly_errored', (d) => d.newlyErrored],
  ['newly_provisioned', (d) => d.newlyProvisioned],
  ['removed', (d) => d.removed],
  ['median_days_to_activate', (d) => (d.activationHoursMedian === null ? null : Math.round((d.activationHoursMedian / 24) * 100) / 100)],
  ['people_invited', (d) => d.peopleInvited],
  ['people_pending', (d) => d.peoplePending],
  ['people_activated', (d) => d.peopleActivated],
  ['reminders_sent', (d) => d.remindersSent],
  ['reminders_suppressed', (d) => d.remindersSuppressed],
  ['reminders_failed', (d) => d.remindersFailed],
];

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string' || /^\d{4}-\d{2}-\d{2}$/.test(value)) return String(value);
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function seriesCsv(days: DayStats[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(','), ...days.map((d) => COLUMNS.map(([, f]) => cell(f(d))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
