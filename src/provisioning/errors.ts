// Reading backend failures: both backends throw AppError; the webex client adds the HTTP status.
import { AppError, isAppError, type ErrorCode } from '../errors.js';
import { isTransientDatabaseError } from '../store/transient.js';
import { t, tIn, type MessageKey } from '../i18n/translate.js';
import { describeWebexHttp, type WebexErrorDetails } from '../webex/errors.js';

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

/**
 * An error of our own said by a catalogue message: its message (what the log reads) in English,
 * and the same sentence in the admin's language where it is shown (describeFailure). A `{path}`
 * in it is Partner Hub's template path, written as the language writes it.
 */
export function saidError(code: ErrorCode, key: MessageKey, details?: Record<string, unknown>): AppError {
  return new AppError(code, tIn('en', key, { path: tIn('en', 'templates.path') }), { ...details, messageKey: key });
}

/** The sentence of an error made by saidError, in the current language. */
function ownSentence(err: AppError): string | null {
  const key = (err.details as { messageKey?: unknown } | undefined)?.messageKey;
  return typeof key === 'string' ? t(key as MessageKey, { path: t('templates.path') }) : null;
}

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
  // An answer that came back (2xx) but could not be read: our words, not the parser's or the validator's.
  if (d.status < 400) return t('failure.badAnswer', call);
  return describeWebexHttp({ ...d, method: d.method, path: d.path, status: d.status });
}

/**
 * A failed Webex call that may still have been carried out: Webex did not say (a timeout, a
 * dropped connection, a 5xx), or an earlier attempt of it did not (the client retries those;
 * Webex may have acted on one whose answer was lost before a later attempt was refused).
 */
export function mayHaveBeenApplied(err: unknown): boolean {
  if (!isAppError(err)) return false;
  if (err.code === 'webex_timeout' || err.code === 'webex_error') return true;
  const attempts = (err.details as { attempts?: unknown } | undefined)?.attempts;
  return typeof attempts === 'number' && attempts > 1;
}

/** The whole failure for the log (never shown to an admin). */
export function failureDetail(err: unknown): string {
  if (err instanceof AppError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
