// The `webex` ProvisioningBackend end to end over loopback against the fake Webex.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { BW_ERRORS, startFakeWebex, suppressionText, type FakeWebex } from '../../src/fake-webex/index.js';
import { createWebexBackend, webexBackendFromConfig } from '../../src/provisioning/webex-backend.js';
import type { ProvisioningBackend, ProvisionRequest } from '../../src/provisioning/types.js';

let fake: FakeWebex;
let backend: ProvisioningBackend;
let clock = new Date('2026-03-02T09:00:00.000Z');
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  fake = await startFakeWebex({ now: () => clock, provisioningMs: 1_000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  backend = createWebexBackend({ apiUrl: fake.url, adminToken: fake.adminToken, orgId: fake.state.orgId, client: { sleep: async () => undefined } });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const request: ProvisionRequest = {
  provisioningId: 'prov-1',
  userId: 'jane@sp.com',
  spEnterpriseId: 'SP1+acme',
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane@acme.com',
  package: 'standard',
};

describe('activation emails', () => {
  it('reads and sets the automatic activation email setting', async () => {
    expect(await backend.getAutoActivationEmails()).toBe(true);
    expect(await backend.setAutoActivationEmails(false)).toBe(false);
    expect(fake.state.orgSettings.get(fake.state.orgId)?.get('allow-admin-invite-emails')).toBe(false);
    expect(await backend.getAutoActivationEmails()).toBe(false);
  });

  it('runs the bulk job, refuses a second one while it runs, and maps its errors', async () => {
    const recent = fake.seed.person({ email: 'recent@example.com', invitePending: true, lastInviteEmailAt: clock });
    fake.seed.person({ email: 'old@example.com', invitePending: true });
    const job = await backend.startActivationEmailJob();
    expect(job.latestExecutionStatus).toBe('STARTING');
    const conflict = await rejection(backend.startActivationEmailJob());
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toMatch(/already running/);
    let status = job;
    while (status.latestExecutionStatus !== 'COMPLETED') status = await backend.getActivationEmailJob(job.id);
    expect(status.counts).toEqual({ userResendInviteSent: 1, userResendInviteFailed: 0, userResendInviteSkipped: 1, totalUsers: 2 });
    expect(await backend.getActivationEmailJobErrors(job.id)).toEqual([
      { itemNumber: 1, key: '304', code: 'ATLAS-600199', description: suppressionText(recent.id, fake.state.adminId, 'recent@example.com'), trackingId: expect.any(String) },
    ]);
    expect(await backend.getActivationEmailJobErrors(job.id, 10)).toHaveLength(1);
  });

  it('does not email one user through the org-wide job: not_supported, and no job started', async () => {
    const p = fake.seed.person({ email: 'one@example.com', invitePending: true });
    const err = await rejection(backend.sendActivationEmail(p.id));
    expect(err.code).toBe('not_supported');
    expect(err.message).toMatch(/only offers the org-wide bulk job/);
    expect(fake.requests).toHaveLength(0);
    expect(fake.state.activationJobs.size).toBe(0);
  });
});

describe('people', () => {
  it('lists people with invitePending filtered client-side and gets one', async () => {
    const pending = fake.seed.person({ email: 'p@example.com', invitePending: true, lastActivity: clock });
    fake.seed.person({ email: 'active@example.com' });
    const people = await collect(backend.listPeople({ invitePending: true }));
    expect(people).toEqual([
      { id: pending.id, emails: ['p@example.com'], displayName: 'p', firstName: undefined, lastName: undefined, orgId: fake.state.orgId, licenses: [], created: clock, lastActivity: clock, invitePending: true, loginEnabled: true },
    ]);
    expect((await collect(backend.listPeople({ email: 'active@example.com' }))).map((p) => p.emails[0])).toEqual(['active@example.com']);
    expect(await backend.getPerson(pending.id)).toMatchObject({ id: pending.id, invitePending: true });
    expect(await backend.getPerson('Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub3BlCg')).toBeNull();
  });
});

describe('BroadWorks subscribers', () => {
  it('lists across pages with status, enterprise and lastStatusChange filters', async () => {
    for (let i = 0; i < 130; i++) fake.seed.subscriber({ userId: `e${i}@sp.com`, status: 'error', errors: [BW_ERRORS.emailInUse], lastStatusChange: new Date('2026-03-01T10:00:00Z') });
    fake.seed.subscriber({ userId: 'old@sp.com', status: 'error', lastStatusChange: new Date('2026-02-01T10:00:00Z') });
    fake.seed.subscriber({ userId: 'other@sp.com', status: 'error', spEnterpriseId: 'SP1+other' });
    fake.seed.subscriber({ userId: 'ok@sp.com', status: 'provisioned' });
    const subs = await collect(backend.listSubscribers({ statuses: ['error', 'pending_email_input'], spEnterpriseId: 'SP1+acme', lastStatusChangeAfter: new Date('2026-02-15T00:00:00Z') }));
    expect(subs).toHaveLength(130);
    expect(subs[0]).toMatchObject({ status: 'error', errors: [BW_ERRORS.emailInUse], selfActivated: false });
    expect(subs[0]!.lastStatusChange).toEqual(new Date('2026-03-01T10:00:00Z'));
    const requests = fake.requests.filter((r) => r.path === '/broadworks/subscribers');
    expect(requests).toHaveLength(2);
    expect(requests[0]!.query).toEqual({ status: 'error,pending_email_input', spEnterpriseId: 'SP1+acme', lastStatusChange: String(Date.parse('2026-02-15T00:00:00Z')), max: '100' });
    expect(await backend.getSubscriber('Y2lzY29zcGFyazovL3VzL1NVQlNDUklCRVIvbm9wZQ')).toBeNull();
  });

  it('prechecks emails: ok with info codes, or the Webex error codes', async () => {
    fake.seed.subscriber({ userId: 'x@sp.com', email: 'taken@acme.com' });
    expect(await backend.precheckEmail({ provisioningId: 'prov-1', email: 'free@acme.com' })).toEqual({ ok: true, info: [{ code: 100, description: 'Provisioning Precheck validation successful.' }] });
    expect(await backend.precheckEmail({ provisioningId: 'prov-1', email: 'nope' })).toEqual({ ok: false, errors: [{ code: 10004, description: BW_ERRORS.invalidEmail.description }] });
    expect(await backend.precheckEmail({ provisioningId: 'prov-1', email: 'taken@acme.com' })).toEqual({ ok: false, errors: [{ code: 10023, description: BW_ERRORS.emailInUse.description }] });
  });

  it('provisions, rejects a duplicate with the Webex error code, changes package and removes idempotently', async () => {
    const created = await backend.provisionSubscriber(request);
    expect(created).toMatchObject({ userId: 'jane@sp.com', status: 'provisioning', package: 'standard' });
    expect(created.created).toBeInstanceOf(Date);
    const dup = await rejection(backend.provisionSubscriber(request));
    expect(dup.code).toBe('invalid_input');
    expect(dup.details).toMatchObject({ status: 400, errors: [{ errorCode: 10022 }] });
    tick(1_000);
    expect((await backend.getSubscriber(created.id))?.status).toBe('provisioned');
    expect(await backend.changePackage(created.id, 'premium')).toMatchObject({ status: 'updating' });
    tick(1_000);
    expect((await backend.getSubscriber(created.id))?.package).toBe('premium');
    await backend.removeSubscriber(created.id);
    await backend.removeSubscriber(created.id);
    expect(await backend.getSubscriber(created.id)).toBeNull();
  });

  it('says where to check templates, since Webex has no API for them', async () => {
    const err = await rejection(backend.listTemplates());
    expect(err.code).toBe('not_supported');
    expect(err.message).toContain('Partner Hub: Settings → BroadWorks Calling → View Templates');
  });
});

describe('configuration and tokens', () => {
  it('builds from config and explains a bot token used as admin token', async () => {
    const config = loadConfig({ WEBEX_BOT_TOKEN: fake.botToken, ADMIN_EMAILS: 'a@b.co', WEBEX_API_URL: fake.url, WEBEX_ADMIN_TOKEN: fake.botToken, WEBEX_ORG_ID: fake.state.orgId });
    const err = await rejection(webexBackendFromConfig(config, { sleep: async () => undefined }).getAutoActivationEmails());
    expect(err.code).toBe('webex_forbidden');
    expect(err.message).toMatch(/lacks the admin role/);
  });

  it('retries through rate limiting transparently', async () => {
    fake.faults.rateLimit(/^\/broadworks\/subscribers$/, 0, { times: 2 });
    fake.seed.subscriber({ userId: 'a@sp.com' });
    expect(await collect(backend.listSubscribers())).toHaveLength(1);
  });
});
