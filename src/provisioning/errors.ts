// Reading backend failures: both backends throw AppError; the webex client adds the HTTP status.
import { AppError, isAppError } from '../errors.js';

export function httpStatusOf(err: unknown): number | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & { status?: unknown; details?: { status?: unknown } };
  const status = e.status ?? e.details?.status;
  return typeof status === 'number' ? status : undefined;
}

export function isNotFound(err: unknown): boolean {
  return isAppError(err, 'not_found') || httpStatusOf(err) === 404;
}

/** A short, secret-free sentence for an admin. */
export function describeFailure(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof Error) return `Unexpected error: ${err.message}`;
  return 'Unexpected error';
}
