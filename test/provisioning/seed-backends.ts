// Writes the fixture world (fixture.ts) into each backend: the simulator's Sim* tables through its
// repository, and the fake Webex's state through its seeder. Same ids, names, dates and emails.
import { randomUUID } from 'node:crypto';
import type { FakeWebex } from '../../src/fake-webex/index.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { ORG_ROW_ID, simRepository } from '../../src/provisioning/simulator/repository.js';
import { ADMIN, ORG_ID, PEOPLE, personId, SUBSCRIBERS, T0, TEMPLATES } from './fixture.js';

const ALL_PACKAGES = ['softphone', 'basic', 'standard', 'premium'] as const;

export async function seedSimulatorFixture(prisma: PrismaClient): Promise<void> {
  const people = [{ ...ADMIN, id: personId(0) }, ...PEOPLE];
  await simRepository(prisma).insertSeed({
    org: { id: ORG_ROW_ID, orgId: ORG_ID, allowAdminInviteEmails: true, seed: 0, seededAt: T0 },
    templates: TEMPLATES.map((t) => ({ ...t, packages: [...ALL_PACKAGES] })),
    subscribers: SUBSCRIBERS.map((s) => ({
      id: s.id,
      personId: s.personId ?? null,
      userId: s.userId,
      spEnterpriseId: s.spEnterpriseId,
      firstName: s.firstName ?? null,
      lastName: s.lastName ?? null,
      email: s.email ?? null,
      primaryPhoneNumber: s.primaryPhoneNumber ?? null,
      mobilePhoneNumber: null,
      extension: s.extension ?? null,
      package: s.package,
      status: s.status,
      errorCode: s.error?.errorCode ?? null,
      errorText: s.error?.description ?? null,
      created: s.created,
      lastStatusChange: s.lastStatusChange,
      provisioningId: s.provisioningId,
      selfActivated: false,
      nextStatus: null,
      nextStatusAt: null,
      nextErrorCode: null,
      nextErrorText: null,
      nextPackage: null,
      consentEmailsSent: 0,
    })),
    people: people.map((p) => ({
      id: p.id,
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      displayName: p.displayName,
      licenses: p.licenses,
      created: p.created,
      lastActivity: p.lastActivity ?? null,
      invitePending: p.invitePending,
      loginEnabled: true,
      plan: 'paid',
      convertedToPaidAt: null,
      orgId: null,
    })),
    emails: people.flatMap((p) => (p.lastEmailAt ? [{ id: randomUUID(), personId: p.id, sentAt: p.lastEmailAt, reason: 'resend', jobId: null }] : [])),
  });
}

/** Call on a freshly reset fake whose clock reads T0 (its org admin is then ADMIN). */
export function seedFakeFixture(fake: FakeWebex): void {
  for (const t of TEMPLATES) fake.state.provisioningIds.add(t.provisioningId);
  for (const p of PEOPLE) {
    fake.seed.person({
      id: p.id,
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      displayName: p.displayName,
      licenses: p.licenses,
      created: p.created,
      lastActivity: p.lastActivity,
      invitePending: p.invitePending,
      status: p.invitePending ? 'pending' : 'active',
      lastInviteEmailAt: p.lastEmailAt,
    });
  }
  for (const s of SUBSCRIBERS) {
    const { error, ...rest } = s;
    fake.seed.subscriber({ ...rest, errors: error ? [error] : [], selfActivated: false });
  }
}
