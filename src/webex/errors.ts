// Turns a failed Webex answer into an AppError that says what happened and what to do, carrying the
// HTTP status, Webex's own message and its trackingId (what Webex support asks for). Never a token.
import { t, withLanguage, type MessageKey } from '../i18n/translate.js';
import { AppError, type ErrorCode } from '../errors.js';

export interface WebexErrorItem {
  description?: string;
  /** BroadWorks provisioning errors carry a numeric code. */
  errorCode?: number;
  code?: string;
}

export interface WebexErrorDetails extends Record<string, unknown> {
  status?: number;
  method: string;
  /** Path below the API base, without the query string (queries may hold emails). */
  path: string;
  trackingId?: string;
  webexMessage?: string;
  errors?: WebexErrorItem[];
  retryAfterSeconds?: number;
  attempts?: number;
}

/** Reads Webex's `{ message, errors[], trackingId }` error body, tolerating anything else. */
export function parseErrorBody(text: string): { message?: string; errors?: WebexErrorItem[]; trackingId?: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (!body || typeof body !== 'object') return {};
    const errors = Array.isArray(body.errors)
      ? body.errors.filter((e): e is WebexErrorItem => typeof e === 'object' && e !== null)
      : undefined;
    return {
      message: typeof body.message === 'string' ? body.message : undefined,
      errors,
      trackingId: typeof body.trackingId === 'string' ? body.trackingId : undefined,
    };
  } catch {
    return {};
  }
}

const CODES: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'webex_unauthorized',
  403: 'webex_forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'webex_rate_limited',
};

const ADVICE: Record<number, MessageKey> = { 401: 'failure.advice.401', 403: 'failure.advice.403', 404: 'failure.advice.404', 409: 'failure.advice.409' };

/** What a failed Webex call means and what to do, in the current language. */
function advice(status: number, d: Pick<WebexErrorDetails, 'retryAfterSeconds'>): string {
  const key = ADVICE[status];
  if (key) return t(key);
  if (status === 429) return d.retryAfterSeconds !== undefined ? t('failure.advice.429in', { n: d.retryAfterSeconds }) : t('failure.advice.429');
  return status >= 500 ? t('failure.advice.5xx') : t('failure.advice.other');
}

/** A failed Webex call in a sentence, in the current language: the call, what it means, Webex's own message and tracking id. */
export function describeWebexHttp(d: WebexErrorDetails & { status: number }): string {
  return (
    t('failure.http', { method: d.method, path: d.path, status: d.status, advice: advice(d.status, d) }) +
    (d.webexMessage ? t('failure.said', { message: d.webexMessage }) : '') +
    (d.trackingId ? t('failure.tracking', { id: d.trackingId }) : '')
  );
}

/** The error of a failed Webex call; its message (the log's) in English, shown in the admin's language by describeFailure. */
export function webexHttpError(d: WebexErrorDetails & { status: number }): AppError {
  return new AppError(CODES[d.status] ?? 'webex_error', withLanguage('en', () => describeWebexHttp(d)), d);
}
