// Fills an empty simulator with the demo world (seed-rows.ts). Idempotent: a simulator that has
// been seeded is left alone, and of two instances seeding at once one wins and the other notices.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { inTransaction, simRepository } from './repository.js';
import { buildSeedRows } from './seed-rows.js';
import { hashOf, seededRandom, uuidFrom, webexId } from './ids.js';

export interface SeedSimulatorOptions {
  /** Same seed, same world (default 1). */
  seed?: number;
  /** How many BroadWorks subscribers (default 300). */
  subscribers?: number;
  /** The instant the world is built around (default: now). */
  now?: Date | (() => Date);
  /** A partner with several customer orgs (PARTNER_CUSTOMERS) instead of one org. */
  partner?: boolean;
}

/**
 * The partner's customers: which enterprises each holds, and what sets it apart (one has its
 * automatic activation emails off; Initech's template is the misconfigured one of the seed).
 */
export const DEMO_CUSTOMERS = [
  { name: 'Acme Holdings', enterprises: ['SP1+acme', 'SP1+globex'], allowAdminInviteEmails: true, preferredLanguage: 'en_US' },
  { name: 'Carpatia Group', enterprises: ['SP1+carpatia', 'SP1+vltava'], allowAdminInviteEmails: false, preferredLanguage: 'ro_RO' },
  { name: 'Initech', enterprises: ['SP1+initech'], allowAdminInviteEmails: true, preferredLanguage: 'en_US' },
] as const;

/** A customer's org id: the same for the same name (a reseeded simulator keeps its orgs). */
export const demoCustomerOrgId = (name: string) => webexId('ORGANIZATION', uuidFrom(seededRandom(hashOf(`customer:${name}`))));

/** Turns a seeded simulator into a partner with DEMO_CUSTOMERS (idempotent). */
export async function seedPartnerCustomers(prisma: PrismaClient): Promise<number> {
  const repo = simRepository(prisma);
  if ((await repo.customerOrgs()).length > 0) return 0;
  const customers = DEMO_CUSTOMERS.map((c) => ({ orgId: demoCustomerOrgId(c.name), name: c.name, allowAdminInviteEmails: c.allowAdminInviteEmails, enterprises: [...c.enterprises] }));
  await inTransaction(prisma, (r) => r.insertCustomers(customers));
  return customers.length;
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
  if (await simRepository(prisma).org()) {
    if (options.partner) await seedPartnerCustomers(prisma);
    return skipped;
  }
  const now = typeof options.now === 'function' ? options.now() : (options.now ?? new Date());
  const rows = buildSeedRows({ seed: options.seed ?? 1, subscribers: options.subscribers ?? 300, now });
  try {
    await inTransaction(prisma, (repo) => repo.insertSeed(rows));
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION && (await simRepository(prisma).org())) return skipped;
    throw err;
  }
  if (options.partner) await seedPartnerCustomers(prisma);
  return { seeded: true, templates: rows.templates.length, subscribers: rows.subscribers.length, people: rows.people.length };
}
