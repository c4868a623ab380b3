// Reading backend failures: both backends throw AppError; the webex client adds the HTTP status.
import { AppError, isAppError } from '../errors.js';
import { isTransientDatabaseError } from '../store/transient.js';

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
  if (err instanceof AppError) return err.message;
  if (isTransientDatabaseError(err)) return "The bot's database is not reachable right now.";
  return 'Something unexpected went wrong in the bot; the details are in its log.';
}

/** The whole failure for the log (never shown to an admin). */
export function failureDetail(err: unknown): string {
  if (err instanceof AppError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
