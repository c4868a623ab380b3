// Database failures that pass by themselves — a restart, a dropped connection, a failover — as
// opposed to a bad statement. Work that must be recorded once Webex has already made a change
// waits them out instead of telling the admin that the change failed.
import pRetry from 'p-retry';

/** SQLSTATE classes and codes: connection exceptions, shutdowns, too many connections, serialization. */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01)$/;
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/**
 * Prisma: can't reach, timed out, server closed the connection, pool timeout, and P2028 — an
 * interactive transaction that outlived its timeout (seen when a restart stalls its statements
 * under load). Prisma rolls such a transaction back, so trying the whole transaction again is safe.
 */
const TRANSIENT_PRISMA = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'P2028']);
/** @prisma/adapter-pg's names for the same. */
const TRANSIENT_KIND = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionWriteConflict']);
const TRANSIENT_MESSAGE = /connection terminated|terminating connection|not queryable|server closed the connection|connection (is )?closed|the database system is (starting up|shutting down)/i;

/** True for a failure worth trying again in a moment (it looks through `cause` and Prisma's wrappers). */
export function isTransientDatabaseError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === 'string' && (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_SOCKET.has(e.code) || TRANSIENT_PRISMA.has(e.code))) return true;
  if (typeof e.kind === 'string' && TRANSIENT_KIND.has(e.kind)) return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
  return isTransientDatabaseError(e.cause, depth + 1) || isTransientDatabaseError(e.meta?.driverAdapterError, depth + 1);
}

export interface TransientRetryOptions {
  /** Tries after the first; with the default back-off, 7 cover about 20 seconds. */
  retries?: number;
  minTimeoutMs?: number;
}

/** Runs `work`, trying again with back-off while it fails transiently; other failures are thrown at once. */
export function retryTransient<T>(work: () => Promise<T>, options: TransientRetryOptions = {}): Promise<T> {
  return pRetry(work, {
    retries: options.retries ?? 7,
    minTimeout: options.minTimeoutMs ?? 250,
    maxTimeout: 5_000,
    randomize: true,
    shouldRetry: ({ error }) => isTransientDatabaseError(error),
  });
}
