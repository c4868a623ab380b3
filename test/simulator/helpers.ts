// A seeded simulator on a fresh database of either kind, with a clock that only moves when a
// test moves it.
import { createSimulatorBackend, seedSimulator, seededRandom, type SimulatorBackend } from '../../src/provisioning/simulator/index.js';
import { isAppError } from '../../src/errors.js';
import { openTestDatabase, type DbKind, type TestDatabase } from '../support/databases.js';

export const T0 = new Date('2026-03-02T09:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface SimWorld {
  t: TestDatabase;
  backend: SimulatorBackend;
}

export async function openSimWorld(kind: DbKind, subscribers = 300): Promise<SimWorld> {
  const t = await openTestDatabase(kind);
  await seedSimulator(t.db.prisma, { seed: 7, subscribers, now: T0 });
  // failureRate 0: background failures only where the data calls for them.
  const backend = createSimulatorBackend({ prisma: t.db.prisma, now: () => T0, random: seededRandom(99), failureRate: 0 });
  return { t, backend };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The AppError a call rejects with: its code, HTTP status and Webex errorCode (if any). */
export async function webexFailure(call: Promise<unknown>): Promise<{ code: string; status?: number; errorCode?: number }> {
  try {
    await call;
  } catch (err) {
    if (!isAppError(err)) throw err;
    const details = (err.details ?? {}) as { status?: number; errors?: { errorCode?: number }[] };
    const errorCode = details.errors?.[0]?.errorCode;
    return { code: err.code, status: details.status, ...(errorCode !== undefined ? { errorCode } : {}) };
  }
  throw new Error('expected the call to fail');
}

export function decodeId(id: string): string {
  return Buffer.from(id, 'base64').toString('utf8');
}
