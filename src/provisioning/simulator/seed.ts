// Fills an empty simulator with the demo world (seed-rows.ts). Idempotent: a simulator that has
// been seeded is left alone, and of two instances seeding at once one wins and the other notices.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { inTransaction, simRepository } from './repository.js';
import { buildSeedRows } from './seed-rows.js';

export interface SeedSimulatorOptions {
  /** Same seed, same world (default 1). */
  seed?: number;
  /** How many BroadWorks subscribers (default 300). */
  subscribers?: number;
  /** The instant the world is built around (default: now). */
  now?: Date | (() => Date);
}

export interface SeedSummary {
  seeded: boolean;
  templates: number;
  subscribers: number;
  people: number;
}

const UNIQUE_VIOLATION = 'P2002';

export async function seedSimulator(prisma: PrismaClient, options: SeedSimulatorOptions = {}): Promise<SeedSummary> {
  const skipped: SeedSummary = { seeded: false, templates: 0, subscribers: 0, people: 0 };
  if (await simRepository(prisma).org()) return skipped;
  const now = typeof options.now === 'function' ? options.now() : (options.now ?? new Date());
  const rows = buildSeedRows({ seed: options.seed ?? 1, subscribers: options.subscribers ?? 300, now });
  try {
    await inTransaction(prisma, (repo) => repo.insertSeed(rows));
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION && (await simRepository(prisma).org())) return skipped;
    throw err;
  }
  return { seeded: true, templates: rows.templates.length, subscribers: rows.subscribers.length, people: rows.people.length };
}
