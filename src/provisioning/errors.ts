// Reading backend failures: both backends throw AppError; the webex client adds the HTTP status.
import { AppError, isAppError } from '../errors.js';
import { isTransientDatabaseError } from '../store/transient.js';
import { t, type MessageKey } from '../i18n/translate.js';
import type { WebexErrorDetails } from '../webex/errors.js';

export function httpStatusOf(err: unknown): number | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & { status?: unknown; details?: { status?: unknown } };
  const status = e.status ?? e.details?.status;
  return typeof status === 'number' ? status : undefined;
}

export function isNotFound(err: unknown): boolean {
  return isAppError(err, 'not_found') || httpStatusOf(err) === 404;
}

/**
 * A short, secret-free sentence for an admin, in our own words: an AppError's message (written
 * for people, with Webex's own message and tracking id where Webex answered), never an
 * exception's text, which may name internals (it goes to the log: failureDetail).
 */
export function describeFailure(err: unknown): string {
  if (err instanceof AppError) return ownSentence(err) ?? webexFailure(err) ?? err.message;
  if (isTransientDatabaseError(err)) return t('failure.database');
  return t('failure.unexpected');
}

/** An error of our own that names its sentence in the catalogue (details.messageKey). */
function ownSentence(err: AppError): string | null {
  const key = (err.details as { messageKey?: unknown } | undefined)?.messageKey;
  if (typeof key !== 'string') return null;
  return key === 'failure.templatesUnsupported' ? t(key, { path: t('templates.path') }) : t(key as MessageKey);
}

const ADVICE: Record<number, MessageKey> = { 401: 'failure.advice.401', 403: 'failure.advice.403', 404: 'failure.advice.404', 409: 'failure.advice.409' };

/**
 * A Webex failure said in the current language from what the client recorded (status, call,
 * Webex's own message, tracking id); the AppError's English message stays for the log. Null for
 * errors of our own, whose message is the sentence to show.
 */
function webexFailure(err: AppError): string | null {
  const d = err.details as Partial<WebexErrorDetails> | undefined;
  if (!d || typeof d.method !== 'string' || typeof d.path !== 'string') return null;
  const call = { method: d.method, path: d.path };
  if (err.code === 'webex_timeout') return t('failure.timeout', call);
  if (typeof d.status !== 'number') return err.code === 'webex_error' ? t('failure.network', call) : null;
  const key = ADVICE[d.status];
  const advice = key
    ? t(key)
    : d.status === 429
      ? d.retryAfterSeconds !== undefined
        ? t('failure.advice.429in', { n: d.retryAfterSeconds })
        : t('failure.advice.429')
      : d.status >= 500
        ? t('failure.advice.5xx')
        : t('failure.advice.other');
  return (
    t('failure.http', { ...call, status: d.status, advice }) +
    (d.webexMessage ? t('failure.said', { message: d.webexMessage }) : '') +
    (d.trackingId ? t('failure.tracking', { id: d.trackingId }) : '')
  );
}

/** The whole failure for the log (never shown to an admin). */
export function failureDetail(err: unknown): string {
  if (err instanceof AppError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
