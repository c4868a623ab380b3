import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorBackend, seedSimulator, type SeedSummary, type SimulatorBackend } from '../../src/provisioning/simulator/index.js';
import { buildSeedRows } from '../../src/provisioning/simulator/seed-rows.js';
import type { RemotePerson, SubscriberStatus } from '../../src/provisioning/types.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { DAY, T0, collect, decodeId } from './helpers.js';

const ALL_STATUSES: SubscriberStatus[] = [
  'pending_email_input',
  'pending_email_validation',
  'pending_user_migration',
  'provisioning',
  'provisioned',
  'updating',
  'error',
];

describe('simulator seed data (pure)', () => {
  it('is the same world for the same seed and another for another seed', () => {
    const a = buildSeedRows({ seed: 3, subscribers: 120, now: T0 });
    const b = buildSeedRows({ seed: 3, subscribers: 120, now: T0 });
    const c = buildSeedRows({ seed: 4, subscribers: 120, now: T0 });
    expect(b).toEqual(a);
    expect(c.subscribers.map((s) => s.id)).not.toEqual(a.subscribers.map((s) => s.id));
  });

  it('shows every status even in a tiny world', () => {
    const rows = buildSeedRows({ seed: 1, subscribers: 7, now: T0 });
    expect(new Set(rows.subscribers.map((s) => s.status))).toEqual(new Set(ALL_STATUSES));
  });
});

describe.each(DB_KINDS)('simulator seeding on the %s database', (kind) => {
  let t: TestDatabase;
  let backend: SimulatorBackend;
  let people: RemotePerson[];
  let seeds: SeedSummary[];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    // Two instances starting at once: one seeds, the other notices.
    seeds = await Promise.all([1, 2].map(() => seedSimulator(t.db.prisma, { seed: 7, now: T0 })));
    backend = createSimulatorBackend({ prisma: t.db.prisma, now: () => T0 });
    people = await collect(backend.listPeople());
  });
  afterAll(() => t?.dispose());

  it('seeds once, even when two instances race', async () => {
    expect(seeds.map((s) => s.seeded).sort()).toEqual([false, true]);
    expect(seeds.find((s) => s.seeded)).toMatchObject({ templates: 5, subscribers: 300 });
    expect(await seedSimulator(t.db.prisma, { seed: 99, subscribers: 10 })).toMatchObject({ seeded: false });
  });

  it('holds a few hundred subscribers in every status, with Webex ids and error texts', async () => {
    const subs = await collect(backend.listSubscribers());
    expect(subs).toHaveLength(300);
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(ALL_STATUSES));
    expect(decodeId(subs[0]!.id)).toMatch(/^ciscospark:\/\/us\/SUBSCRIBER\/[0-9a-f-]{36}$/);
    expect(new Set(subs.map((s) => s.spEnterpriseId)).size).toBeGreaterThanOrEqual(4);

    const errored = subs.filter((s) => s.status === 'error');
    expect(errored.every((s) => s.errors.length === 1)).toBe(true);
    const codes = new Set(errored.map((s) => s.errors[0]!.errorCode));
    expect(codes.size).toBeGreaterThanOrEqual(4);
    expect(errored.map((s) => s.errors[0])).toContainEqual({ errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user' });
    expect(subs.filter((s) => s.status !== 'error').every((s) => s.errors.length === 0)).toBe(true);

    // personId only once provisioned, and then it is a user of the org.
    const withPerson = subs.filter((s) => s.personId);
    expect(withPerson.every((s) => s.status === 'provisioned' || s.status === 'updating')).toBe(true);
    const personIds = new Set(people.map((p) => p.id));
    expect(withPerson.every((s) => personIds.has(s.personId!))).toBe(true);
    expect(subs.filter((s) => s.status === 'pending_email_input').every((s) => s.email === undefined)).toBe(true);
  });

  it('has exactly one misconfigured customer template', async () => {
    const templates = await backend.listTemplates();
    expect(templates.length).toBeGreaterThanOrEqual(4);
    const wrong = templates.filter((t) => !t.untrustedEmails || t.shareLinkKind !== 'activation');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ spEnterpriseId: 'SP1+initech', untrustedEmails: false, shareLinkKind: 'download' });
  });

  it('has pending invitations from days to months old, active users, and one free→paid conversion', async () => {
    const pendingAges = people.filter((p) => p.invitePending).map((p) => (T0.getTime() - p.created.getTime()) / DAY);
    expect(pendingAges.length).toBeGreaterThan(10);
    expect(Math.min(...pendingAges)).toBeLessThan(3);
    expect(Math.max(...pendingAges)).toBeGreaterThan(90);
    expect(people.filter((p) => !p.invitePending && p.lastActivity).length).toBeGreaterThan(pendingAges.length);

    const converted = people.filter((p) => (p as { convertedToPaidAt?: Date }).convertedToPaidAt);
    expect(converted).toHaveLength(1);
    expect(converted[0]).toMatchObject({ plan: 'paid', invitePending: true });
    expect(people.filter((p) => (p as { plan?: string }).plan === 'free')).toHaveLength(1);
    expect(await backend.getAutoActivationEmails()).toBe(true);
  });
});
