// Small display helpers shared by the card builders. Dates are shown in UTC so a card reads the
// same for every admin in a shared space (and tests are deterministic).
import type { SubscriberPackage, SubscriberStatus } from '../provisioning/types.js';
import { formatDateTimeUtc, formatDateUtc, t, type MessageKey } from '../i18n/translate.js';
import { plainText } from './escape.js';

export { SUBSCRIBER_STATUSES, SUBSCRIBER_PACKAGES } from '../provisioning/types.js';

const STATUS_KEYS: Record<SubscriberStatus, MessageKey> = {
  pending_email_input: 'status.pending_email_input',
  pending_email_validation: 'status.pending_email_validation',
  pending_user_migration: 'status.pending_user_migration',
  provisioning: 'status.provisioning',
  updating: 'status.updating',
  error: 'status.error',
  provisioned: 'status.provisioned',
};

export function statusLabel(status: SubscriberStatus): string {
  return t(STATUS_KEYS[status]);
}

/** Adaptive Card text colour for a status: red for errors, green when done, amber while waiting. */
export function statusColor(status: SubscriberStatus): 'Attention' | 'Good' | 'Warning' {
  if (status === 'error') return 'Attention';
  if (status === 'provisioned') return 'Good';
  return 'Warning';
}

const PACKAGE_KEYS: Record<SubscriberPackage, MessageKey> = {
  softphone: 'package.softphone',
  basic: 'package.basic',
  standard: 'package.standard',
  premium: 'package.premium',
};

export function packageLabel(pkg: SubscriberPackage): string {
  return t(PACKAGE_KEYS[pkg]);
}

/** "2024-05-01 09:30 UTC" (in the current language), or "—" when unknown. */
export function formatDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value);
  return date ? formatDateTimeUtc(date) : '—';
}

/** "2024-05-01" (in the current language), or "—" when unknown. */
export function formatDate(value: Date | string | null | undefined): string {
  const date = toDate(value);
  return date ? formatDateUtc(date) : '—';
}

/** Whole days between two instants (never negative). */
export function daysBetween(from: Date | string, to: Date): number {
  const start = toDate(from);
  if (!start) return 0;
  return Math.max(0, Math.floor((to.getTime() - start.getTime()) / 86_400_000));
}

/** "Ana Popescu", falling back to the email, then to the given fallback (e.g. the user id). */
export function displayName(
  person: { firstName?: string | null; lastName?: string | null; displayName?: string | null; email?: string | null },
  fallback?: string,
): string {
  const full = plainText([person.firstName, person.lastName].filter(Boolean).join(' '));
  return full || plainText(person.displayName) || plainText(person.email) || (fallback ?? t('user.unnamed'));
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 minutes", "2 hours", "45 seconds": how late an answer is, for the note in the space. */
export function lateBy(ms: number): string {
  if (ms < 90_000) return t('time.seconds', { n: Math.max(1, Math.round(ms / 1000)) });
  if (ms < 90 * 60_000) return t('time.minutes', { n: Math.round(ms / 60_000) });
  return t('time.hours', { n: Math.round(ms / 3_600_000) });
}
