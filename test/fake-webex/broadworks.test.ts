// The fake's BroadWorks subscribers: filters and paging, provisioning rules with Webex-like error
// codes, asynchronous status changes, package updates, removal and the email precheck.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BW_ERRORS, decodeWebexId, startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { call } from './http.js';

let fake: FakeWebex;
let clock = new Date('2026-03-02T09:00:00.000Z');
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  fake = await startFakeWebex({ now: () => clock, provisioningMs: 1_000 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const admin = (method: string, path: string, body?: unknown) => call(fake, fake.adminToken, method, path, body);
const provisionBody = (over: Record<string, unknown> = {}) => ({
  provisioningId: 'prov-1',
  userId: 'new.user@sp.com',
  spEnterpriseId: 'SP1+acme',
  firstName: 'New',
  lastName: 'User',
  package: 'standard',
  email: 'new.user@acme.com',
  ...over,
});

describe('listing', () => {
  beforeEach(() => {
    fake.seed.subscriber({ userId: 'u1@sp.com', status: 'error', errors: [BW_ERRORS.userIdInUse], lastStatusChange: new Date('2026-03-01T00:00:00Z') });
    fake.seed.subscriber({ userId: 'u2@sp.com', status: 'pending_email_input', spEnterpriseId: 'SP1+other' });
    fake.seed.subscriber({ userId: 'u3@sp.com', status: 'provisioned', email: 'u3@acme.com' });
  });

  it('filters by comma-separated status, enterprise and lastStatusChange (epoch ms or ISO)', async () => {
    const ids = (res: { body: { items: { userId: string }[] } }) => res.body.items.map((s) => s.userId);
    expect(ids(await admin('GET', '/broadworks/subscribers?status=error,pending_email_input'))).toEqual(['u1@sp.com', 'u2@sp.com']);
    expect(ids(await admin('GET', '/broadworks/subscribers?spEnterpriseId=SP1%2Bother'))).toEqual(['u2@sp.com']);
    const since = new Date('2026-03-01T12:00:00Z');
    expect(ids(await admin('GET', `/broadworks/subscribers?lastStatusChange=${since.getTime()}`))).toEqual(['u2@sp.com', 'u3@sp.com']);
    expect(ids(await admin('GET', `/broadworks/subscribers?lastStatusChange=${since.toISOString()}`))).toEqual(['u2@sp.com', 'u3@sp.com']);
    expect((await admin('GET', '/broadworks/subscribers?status=bogus')).status).toBe(400);
  });

  it('shows personId only for provisioned subscribers and errors with errorCode + description', async () => {
    const items = (await admin('GET', '/broadworks/subscribers')).body.items;
    expect(items[0]).toMatchObject({ status: 'error', errors: [{ errorCode: 10022, description: BW_ERRORS.userIdInUse.description }] });
    expect(items[0]).not.toHaveProperty('personId');
    expect(decodeWebexId(items[2].personId)?.kind).toBe('PEOPLE');
    expect(items[2].selfActivated).toBe(false);
  });

  it('pages with Link and rejects max above 100', async () => {
    for (let i = 0; i < 150; i++) fake.seed.subscriber({ userId: `bulk${i}@sp.com` });
    const first = await admin('GET', '/broadworks/subscribers?max=100');
    expect(first.body.items).toHaveLength(100);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    const second = await call(fake, fake.adminToken, 'GET', next!);
    expect(second.body.items).toHaveLength(53);
    expect(second.headers.get('link')).toBeNull();
    expect((await admin('GET', '/broadworks/subscribers?max=101')).status).toBe(400);
  });
});

describe('provisioning', () => {
  it('starts in provisioning and settles to provisioned with a Webex person', async () => {
    const res = await admin('POST', '/broadworks/subscribers', provisionBody());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'provisioning', errors: [], userId: 'new.user@sp.com' });
    expect((await admin('GET', `/broadworks/subscribers/${res.body.id}`)).body.status).toBe('provisioning');
    tick(1_000);
    const settled = (await admin('GET', `/broadworks/subscribers/${res.body.id}`)).body;
    expect(settled.status).toBe('provisioned');
    expect(fake.state.people.get(settled.personId)).toMatchObject({ emails: ['new.user@acme.com'], invitePending: true });
  });

  it('without an email waits for the user to enter one (untrusted-email flow)', async () => {
    const { email: _email, ...noEmail } = provisionBody();
    expect((await admin('POST', '/broadworks/subscribers', noEmail)).body.status).toBe('pending_email_input');
  });

  it('rejects missing fields, a bad package, a used BroadWorks user id and a used email', async () => {
    const missing = await admin('POST', '/broadworks/subscribers', { userId: 'x@sp.com' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { errorCode: number }) => e.errorCode)).toEqual([10005, 10005, 10005, 10005, 10005]);
    expect((await admin('POST', '/broadworks/subscribers', provisionBody({ package: 'gold' }))).body.errors).toEqual([BW_ERRORS.invalidPackage]);
    fake.seed.subscriber({ userId: 'taken@sp.com', status: 'provisioned', email: 'taken@acme.com' });
    const dupUser = await admin('POST', '/broadworks/subscribers', provisionBody({ userId: 'taken@sp.com', email: 'other@acme.com' }));
    expect(dupUser.body).toMatchObject({ message: BW_ERRORS.userIdInUse.description, errors: [BW_ERRORS.userIdInUse], trackingId: expect.any(String) });
    const dupEmail = await admin('POST', '/broadworks/subscribers', provisionBody({ email: 'TAKEN@acme.com' }));
    expect(dupEmail.body.errors).toEqual([BW_ERRORS.emailInUse]);
  });

  it('retries an errored subscriber in place when provisioned again with a valid email', async () => {
    const failed = fake.seed.subscriber({ userId: 'retry@sp.com', status: 'error', errors: [BW_ERRORS.emailInUse] });
    const res = await admin('POST', '/broadworks/subscribers', provisionBody({ userId: 'retry@sp.com', email: 'fresh@acme.com' }));
    expect(res.body).toMatchObject({ id: failed.id, status: 'provisioning', errors: [], email: 'fresh@acme.com' });
  });

  it('reports an error outcome when the provisioning fails', async () => {
    fake.reset();
    const failing = await startFakeWebex({ now: () => clock, provisioningMs: 0, provisioningOutcome: () => ({ status: 'error', errors: [BW_ERRORS.userIdInUse] }) });
    try {
      const res = await call(failing, failing.adminToken, 'POST', '/broadworks/subscribers', provisionBody());
      const after = await call(failing, failing.adminToken, 'GET', `/broadworks/subscribers/${res.body.id}`);
      expect(after.body).toMatchObject({ status: 'error', errors: [BW_ERRORS.userIdInUse] });
    } finally {
      await failing.close();
    }
  });
});

describe('update, remove, precheck', () => {
  it('changes the package through updating; the new package shows once provisioned', async () => {
    const s = fake.seed.subscriber({ userId: 'pkg@sp.com', package: 'basic' });
    const put = await admin('PUT', `/broadworks/subscribers/${s.id}`, { package: 'premium' });
    expect(put.body).toMatchObject({ status: 'updating', package: 'basic' });
    expect((await admin('PUT', `/broadworks/subscribers/${s.id}`, { package: 'softphone' })).status).toBe(409);
    tick(1_000);
    expect((await admin('GET', `/broadworks/subscribers/${s.id}`)).body).toMatchObject({ status: 'provisioned', package: 'premium' });
    expect((await admin('PUT', `/broadworks/subscribers/${s.id}`, { package: 'gold' })).status).toBe(400);
  });

  it('removes with 204, then 404', async () => {
    const s = fake.seed.subscriber({ userId: 'bye@sp.com' });
    expect((await admin('DELETE', `/broadworks/subscribers/${s.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/broadworks/subscribers/${s.id}`)).status).toBe(404);
    expect((await admin('GET', `/broadworks/subscribers/${s.id}`)).status).toBe(404);
  });

  it('prechecks an email: success info, malformed or used emails rejected with codes', async () => {
    fake.seed.subscriber({ userId: 'has@sp.com', email: 'used@acme.com' });
    const ok = await admin('POST', '/broadworks/subscribers/validate', { email: 'free@acme.com', provisioningId: 'prov-1' });
    expect(ok.body).toEqual({ message: 'success', info: { infoCode: 100, description: 'Provisioning Precheck validation successful.' } });
    const malformed = await admin('POST', '/broadworks/subscribers/validate', { email: 'not an email' });
    expect(malformed).toMatchObject({ status: 400, body: { errors: [BW_ERRORS.invalidEmail] } });
    const used = await admin('POST', '/broadworks/subscribers/validate', { email: 'USED@acme.com' });
    expect(used).toMatchObject({ status: 400, body: { errors: [BW_ERRORS.emailInUse] } });
    expect((await admin('POST', '/broadworks/subscribers/validate', {})).status).toBe(400);
  });

  it('rejects unknown provisioning ids once templates are known', async () => {
    fake.state.provisioningIds.add('prov-known');
    const res = await admin('POST', '/broadworks/subscribers', provisionBody({ provisioningId: 'prov-unknown' }));
    expect(res.body.errors).toEqual([BW_ERRORS.unknownProvisioningId]);
  });
});
