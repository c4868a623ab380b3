// Discovery against the fake Webex over HTTP, with the `webex` backend and a partner token:
// every customer org and every enterprise (paged, 1,000 a page), each mirrored subscriber put in
// its enterprise's org; a plain partner admin's assigned customers only; an org no longer listed
// marked gone (kept, with its history).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { createLogger } from '../../src/logger.js';
import { createOrgService } from '../../src/orgs/service.js';
import { createProvisioningService } from '../../src/provisioning/service.js';
import { createWebexBackend } from '../../src/provisioning/webex-backend.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';

const ORGS = 40;
const ENTERPRISES_PER_ORG = 30; // 1,200 enterprises: two pages of /broadworks/enterprises

describe('discovery of a partner\'s customer orgs', () => {
  let fake: FakeWebex;
  let db: TestDatabase;
  beforeEach(async () => {
    fake = await startFakeWebex();
    db = await openTestDatabase('embedded');
  });
  afterEach(async () => {
    await db?.dispose();
    await fake?.close();
  });

  function orgService(token: string) {
    const backend = createWebexBackend({ apiUrl: fake.url, adminToken: token });
    const provisioning = createProvisioningService({ backend, store: db.store, orgId: 'partner', instanceId: 'discovery-test', logger: createLogger('silent') });
    return { provisioning, orgs: createOrgService({ mode: 'partner', single: { orgId: 'partner', name: '' }, adminEmails: [], store: db.store, provisioning, instanceId: 'discovery-test', now: () => new Date(), stuckAfterHours: 24, inactiveAfterDays: 7 }) };
  }

  it('lists every org and every enterprise, page by page, and places every subscriber', async () => {
    const partner = fake.seed.partnerAdmin();
    const ids: string[] = [];
    for (let o = 0; o < ORGS; o++) {
      const enterprises = Array.from({ length: ENTERPRISES_PER_ORG }, (_, e) => `SP1+org${o}-e${e}`);
      ids.push(fake.seed.customerOrg({ name: `Customer ${o}`, enterprises, partnerOrgId: partner.orgId }).id);
      fake.seed.subscriber({ userId: `u${o}@sp.example`, firstName: 'U', lastName: String(o), spEnterpriseId: enterprises[o % ENTERPRISES_PER_ORG]!, status: 'pending_email_input' });
    }
    const { provisioning, orgs } = orgService(partner.token);
    await provisioning.sync.subscribers({ full: true });
    fake.requests.length = 0;
    const result = await orgs.discover();
    // Every customer (and the fake's own org, which the partner manages too but has no BroadWorks).
    expect(result.orgs).toBe(ORGS + 1);
    expect(result.enterprises).toBe(ORGS * ENTERPRISES_PER_ORG);
    const pages = fake.requests.filter((r) => r.path === '/broadworks/enterprises');
    expect(pages.length).toBe(2);
    expect(fake.requests.some((r) => r.path === '/partner/organizations' && r.status === 400)).toBe(true);
    const placed = await db.db.prisma.subscriber.findMany({ select: { userId: true, orgId: true }, orderBy: { userId: 'asc' } });
    expect(placed).toHaveLength(ORGS);
    for (const s of placed) expect(s.orgId).toBe(ids[Number(s.userId.slice(1).split('@')[0])]);
    expect((await db.store.orgs.active()).length).toBe(ORGS + 1);
  });

  it('subscribers mirrored before their enterprise was known move into its org, counts and all', async () => {
    const partner = fake.seed.partnerAdmin();
    for (let i = 0; i < 5; i++) fake.seed.subscriber({ userId: `early${i}@sp.example`, firstName: 'E', lastName: String(i), spEnterpriseId: 'SP1+late', status: i < 2 ? 'error' : 'pending_email_input' });
    const { provisioning, orgs } = orgService(partner.token);
    await provisioning.sync.subscribers({ full: true });
    const before = await db.db.prisma.subscriber.findMany({ select: { orgId: true } });
    expect(before.every((s) => s.orgId === null)).toBe(true);
    const late = fake.seed.customerOrg({ name: 'Late Customer', enterprises: ['SP1+late'], partnerOrgId: partner.orgId });
    const result = await orgs.discover();
    expect(result.placed).toBe(5);
    const counts = await db.store.subscribers.countByStatus({ orgIds: [late.id] });
    expect(counts.error).toBe(2);
    expect(counts.pending_email_input).toBe(3);
    await db.store.subscribers.compactCounts();
    expect(await db.store.subscribers.countByStatus({ orgIds: [late.id] })).toEqual(counts);
    const { rows } = await db.store.orgs.overview({ offset: 0, size: 10, stuckBefore: new Date(Date.now() + 86_400_000), inactiveBefore: new Date() });
    expect(rows.find((r) => r.id === late.id)).toMatchObject({ errored: 2, pending: 3, stuck: 3 });
  });

  it("a plain partner admin's discovery is their assigned customers, named", async () => {
    const partner = fake.seed.partnerAdmin();
    const a = fake.seed.customerOrg({ name: 'Assigned One', enterprises: ['SP1+a'], partnerOrgId: partner.orgId });
    fake.seed.customerOrg({ name: 'Not Mine', enterprises: ['SP1+b'], partnerOrgId: partner.orgId });
    fake.seed.assignCustomers(partner.person, [a.id]);
    const { orgs } = orgService(partner.token);
    await orgs.discover();
    const found = await db.store.orgs.active();
    expect(found.map((o) => [o.name, o.source])).toEqual([['Assigned One', 'partner']]);
  });

  it('several instances share the work: each period, one of them discovers and refreshes the orgs', async () => {
    const partner = fake.seed.partnerAdmin();
    fake.seed.customerOrg({ name: 'Shared', enterprises: ['SP1+shared'], partnerOrgId: partner.orgId });
    const instances = [orgService(partner.token), orgService(partner.token), orgService(partner.token)];
    fake.requests.length = 0;
    await Promise.all(instances.map((i) => i.orgs.start()));
    await Promise.all(instances.map((i) => i.orgs.settled()));
    expect(fake.requests.filter((r) => r.path === '/organizations').length).toBe(1);
    expect(fake.requests.filter((r) => r.path === '/broadworks/enterprises').length).toBe(1);
    // One refresh of the org's own data (its setting read once), not one per instance.
    expect(fake.requests.filter((r) => r.path.startsWith('/settings/organizations/')).length).toBe(2); // the customer and the fake's own org
    await Promise.all(instances.map((i) => i.orgs.stop()));
  });

  it('an org no longer listed is marked gone, not deleted', async () => {
    const partner = fake.seed.partnerAdmin();
    const leaving = fake.seed.customerOrg({ name: 'Leaving', enterprises: ['SP1+l'], partnerOrgId: partner.orgId });
    fake.seed.customerOrg({ name: 'Staying', enterprises: ['SP1+s'], partnerOrgId: partner.orgId });
    const { orgs } = orgService(partner.token);
    await orgs.discover();
    fake.state.managedOrgs.get(partner.orgId)!.delete(leaving.id);
    fake.state.orgs.delete(leaving.id);
    fake.state.enterprises.delete('SP1+l');
    const again = await orgs.discover();
    expect(again.gone).toBe(1);
    expect((await db.store.orgs.get(leaving.id))?.gone).toBe(true);
    expect((await db.store.orgs.active()).map((o) => o.name)).not.toContain('Leaving');
  });
});
