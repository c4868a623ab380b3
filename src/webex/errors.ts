// Turns a failed Webex answer into an AppError that says what happened and what to do, carrying the
// HTTP status, Webex's own message and its trackingId (what Webex support asks for). Never a token.
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

function advice(status: number, d: WebexErrorDetails): string {
  switch (status) {
    case 401:
      return 'the access token is missing, expired or revoked — re-authorise and set a new token.';
    case 403:
      return 'the token is valid but lacks the admin role or scope this API needs (a bot token cannot call admin APIs).';
    case 404:
      return 'Webex has no such resource (or the token cannot see it).';
    case 409:
      return 'it conflicts with the current state (for example a job of this kind is already running).';
    case 429:
      return `Webex is rate-limiting these calls; try again${d.retryAfterSeconds !== undefined ? ` in ${d.retryAfterSeconds} s` : ' later'}.`;
    default:
      return status >= 500 ? 'Webex had a server error; try again later.' : 'Webex rejected the request.';
  }
}

export function webexHttpError(d: WebexErrorDetails & { status: number }): AppError {
  const said = d.webexMessage ? ` Webex said: "${d.webexMessage}"` : '';
  const tracking = d.trackingId ? ` (trackingId ${d.trackingId})` : '';
  const message = `Webex ${d.method} ${d.path} failed with HTTP ${d.status}: ${advice(d.status, d)}${said}${tracking}`;
  return new AppError(CODES[d.status] ?? 'webex_error', message, d);
}
