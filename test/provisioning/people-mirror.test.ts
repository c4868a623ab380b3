// The people mirror against the fake Webex over HTTP, on both databases: it lists the configured
// org (WEBEX_ORG_ID) even with a partner token, and forgets people the org no longer has.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { detectInactive } from '../../src/alerts/detection.js';
import { loadDigest } from '../../src/alerts/digest.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { createProvisioningService, type ProvisioningService } from '../../src/provisioning/service.js';
import { createWebexBackend } from '../../src/provisioning/webex-backend.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
let clock = NOW;
const DAY = 86_400_000;

describe.each(DB_KINDS)('people mirror on the %s database', (kind) => {
  let fake: FakeWebex;
  let t: TestDatabase;
  beforeAll(async () => {
    fake = await startFakeWebex({ now: () => clock });
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await fake?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    clock = NOW;
    fake.reset();
    await t.db.pool.query('TRUNCATE "Person", "JobLease"');
  });

  const service = (adminToken: string): ProvisioningService =>
    createProvisioningService({
      backend: createWebexBackend({ apiUrl: fake.url, adminToken, orgId: fake.state.orgId, client: { sleep: async () => undefined } }),
      store: t.store,
      orgId: fake.state.orgId,
      instanceId: 'test',
      now: () => clock,
      sleep: async () => undefined,
    });
  const mirrored = async () => (await t.db.prisma.person.findMany({ orderBy: { email: 'asc' } })).map((p) => p.email);

  it('with a partner token and WEBEX_ORG_ID, mirrors the customer’s people, not the partner’s', async () => {
    const partner = fake.seed.partnerAdmin();
    fake.seed.person({ email: 'colleague@partner.example', orgId: partner.orgId, invitePending: true, created: new Date(NOW.getTime() - 30 * DAY) });
    fake.seed.person({ email: 'pending@customer.example', invitePending: true, created: new Date(NOW.getTime() - 30 * DAY) });

    expect(await service(partner.token).sync.people()).toEqual({ upserted: 2, removed: 0 });
    expect(await mirrored()).toEqual(['admin@example.com', 'pending@customer.example']);
    expect(fake.requests.filter((r) => r.path === '/people').map((r) => r.query.orgId)).toEqual([fake.state.orgId]);
    const pending = (await t.store.people.byEmail('pending@customer.example'))!;
    expect(pending).toMatchObject({ invitePending: true });
  });

  it('a person deleted from the org leaves the mirror and the inactive list at the next sync', async () => {
    const stays = fake.seed.person({ email: 'stays@customer.example', invitePending: true, created: new Date(NOW.getTime() - 30 * DAY) });
    const goes = fake.seed.person({ email: 'goes@customer.example', invitePending: true, created: new Date(NOW.getTime() - 20 * DAY) });
    const svc = service(fake.adminToken);
    await svc.sync.people();
    const inactive = async () => (await detectInactive(t.store, { now: NOW, inactiveAfterDays: 7, pageSize: 10 })).rows.map((r) => r.email);
    expect(await inactive()).toEqual(['stays@customer.example', 'goes@customer.example']);

    fake.state.people.delete(goes.id);
    expect(await svc.sync.people()).toEqual({ upserted: 2, removed: 1 });
    expect(await t.store.people.get(goes.id)).toBeNull();
    expect(await t.store.people.get(stays.id)).not.toBeNull();
    expect(await inactive()).toEqual(['stays@customer.example']);
  });

  it('digest page clicks within the freshness window list the org once; the scheduled run always re-lists', async () => {
    fake.seed.person({ email: 'pending@customer.example', invitePending: true, created: new Date(NOW.getTime() - 30 * DAY) });
    const deps = { store: t.store, provisioning: service(fake.adminToken), now: () => clock, inactiveAfterDays: 7 };
    const clicks = { ...deps, peopleFreshForMs: 15_000 };
    const listings = () => fake.requests.filter((r) => r.method === 'GET' && r.path === '/people').length;

    expect((await loadDigest(clicks, 0)).digest.total).toBe(1);
    clock = new Date(NOW.getTime() + 14_000);
    expect((await loadDigest(clicks, 1)).digest.total).toBe(1);
    expect(listings()).toBe(1);

    clock = new Date(NOW.getTime() + 16_000);
    await loadDigest(clicks, 0);
    expect(listings()).toBe(2);
    // The scheduled run (no freshness window) re-lists even right after a sync.
    await loadDigest(deps, 0);
    expect(listings()).toBe(3);
  });
});
