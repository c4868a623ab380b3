// Small display helpers shared by the card builders. Dates are shown in UTC so a card reads the
// same for every admin in a shared space (and tests are deterministic).
import type { SubscriberPackage, SubscriberStatus } from '../provisioning/types.js';
import { plainText } from './escape.js';

export { SUBSCRIBER_STATUSES, SUBSCRIBER_PACKAGES } from '../provisioning/types.js';

const STATUS_LABELS: Record<SubscriberStatus, string> = {
  pending_email_input: 'Pending email input',
  pending_email_validation: 'Pending email validation',
  pending_user_migration: 'Pending user migration',
  provisioning: 'Provisioning',
  updating: 'Updating',
  error: 'Error',
  provisioned: 'Provisioned',
};

export function statusLabel(status: SubscriberStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** Adaptive Card text colour for a status: red for errors, green when done, amber while waiting. */
export function statusColor(status: SubscriberStatus): 'Attention' | 'Good' | 'Warning' {
  if (status === 'error') return 'Attention';
  if (status === 'provisioned') return 'Good';
  return 'Warning';
}

export function packageLabel(pkg: SubscriberPackage): string {
  return pkg.charAt(0).toUpperCase() + pkg.slice(1);
}

/** "2024-05-01 09:30 UTC", or "—" when unknown. */
export function formatDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value);
  if (!date) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2024-05-01", or "—" when unknown. */
export function formatDate(value: Date | string | null | undefined): string {
  const date = toDate(value);
  return date ? date.toISOString().slice(0, 10) : '—';
}

/** Whole days between two instants (never negative). */
export function daysBetween(from: Date | string, to: Date): number {
  const start = toDate(from);
  if (!start) return 0;
  return Math.max(0, Math.floor((to.getTime() - start.getTime()) / 86_400_000));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Ana Popescu", falling back to the email, then to the given fallback (e.g. the user id). */
export function displayName(
  person: { firstName?: string | null; lastName?: string | null; displayName?: string | null; email?: string | null },
  fallback = 'Unnamed user',
): string {
  const full = plainText([person.firstName, person.lastName].filter(Boolean).join(' '));
  return full || plainText(person.displayName) || plainText(person.email) || fallback;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 minutes", "2 hours", "45 seconds": how late an answer is, for the note in the space. */
export function lateBy(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms < 90_000) return unit(Math.max(1, Math.round(ms / 1000)), 'second');
  if (ms < 90 * 60_000) return unit(Math.round(ms / 60_000), 'minute');
  return unit(Math.round(ms / 3_600_000), 'hour');
}
