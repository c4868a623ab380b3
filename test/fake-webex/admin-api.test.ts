// The fake's admin side: auth like Webex (401 / 403 for a bot token), org settings, the bulk
// activation-email job and people with their admin fields and paging.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeWebexId, startFakeWebex, suppressionText, uuidOf, type FakeWebex } from '../../src/fake-webex/index.js';
import { call } from './http.js';

let fake: FakeWebex;
let clock = new Date('2026-03-02T09:00:00.000Z');
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  fake = await startFakeWebex({ now: () => clock, jobDurationMs: 60_000 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const settingPath = () => `/settings/organizations/${fake.state.orgId}/settings/allow-admin-invite-emails`;
const jobsPath = () => `/identity/organizations/${fake.state.orgId}/jobs/sendActivationEmails`;

describe('auth', () => {
  it('answers 401 without a token or with an unknown one, in the Webex error shape with a trackingid', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await call(fake, token, 'GET', '/people/me');
      expect(res.status).toBe(401);
      expect(res.headers.get('trackingid')).toMatch(/^ROUTER_/);
      expect(res.body).toEqual({
        message: expect.stringContaining('valid access token'),
        errors: [{ description: expect.any(String) }],
        trackingId: res.headers.get('trackingid'),
      });
    }
  });

  it('refuses admin APIs to the bot token with 403', async () => {
    const bot = fake.botToken;
    expect((await call(fake, bot, 'GET', settingPath())).status).toBe(403);
    expect((await call(fake, bot, 'POST', jobsPath())).status).toBe(403);
    expect((await call(fake, bot, 'GET', '/broadworks/subscribers')).status).toBe(403);
    expect((await call(fake, bot, 'GET', '/people')).status).toBe(403);
  });

  it('lets the bot look people up by id, without admin fields (what the framework does)', async () => {
    const alice = fake.seed.person({ email: 'alice@example.com', invitePending: true });
    const res = await call(fake, fake.botToken, 'GET', `/people?id=${alice.id}&showAllTypes=false`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: alice.id, emails: ['alice@example.com'] });
    expect(res.body.items[0]).not.toHaveProperty('invitePending');
  });

  it('rejects a revoked token and admin calls for another org', async () => {
    fake.revokeToken(fake.adminToken);
    expect((await call(fake, fake.adminToken, 'GET', '/people/me')).status).toBe(401);
    fake.reset();
    const other = `/settings/organizations/${fake.state.orgId.replace(/.$/, 'x')}/settings/allow-admin-invite-emails`;
    expect((await call(fake, fake.adminToken, 'GET', other)).status).toBe(403);
  });
});

describe('automatic activation emails setting', () => {
  it('is ON by default and can be turned off, by Webex id or Control Hub UUID', async () => {
    const get = await call(fake, fake.adminToken, 'GET', settingPath());
    expect(get.body).toEqual({ key: 'allow-admin-invite-emails', value: true, name: 'Automatic Activation Emails' });
    const uuid = uuidOf(fake.state.orgId);
    const set = await call(fake, fake.adminToken, 'POST', `/settings/organizations/${uuid}/settings`, { key: 'allow-admin-invite-emails', value: false });
    expect(set.status).toBe(200);
    expect(set.body.value).toBe(false);
    expect((await call(fake, fake.adminToken, 'GET', settingPath())).body.value).toBe(false);
  });

  it('rejects a non-boolean value and an unknown key with 400', async () => {
    const path = `/settings/organizations/${fake.state.orgId}/settings`;
    expect((await call(fake, fake.adminToken, 'POST', path, { key: 'allow-admin-invite-emails', value: 'no' })).status).toBe(400);
    expect((await call(fake, fake.adminToken, 'POST', path, { key: 'nope', value: true })).status).toBe(400);
  });
});

describe('bulk activation email job', () => {
  it('moves STARTING → STARTED → COMPLETED over polls, counts, and allows one running job per org', async () => {
    fake.seed.person({ email: 'a@example.com', invitePending: true });
    fake.seed.person({ email: 'b@example.com', invitePending: true });
    fake.seed.person({ email: 'active@example.com', invitePending: false });
    const started = await call(fake, fake.adminToken, 'POST', jobsPath());
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ name: 'resendinviteemail', latestExecutionStatus: 'STARTING', latestExecutionExitCode: 'UNKNOWN' });
    expect(decodeWebexId(started.body.id)?.kind).toBe('JOB_ID');
    expect((await call(fake, fake.adminToken, 'POST', jobsPath())).status).toBe(409);

    const status = `${jobsPath()}/${started.body.id}/status`;
    expect((await call(fake, fake.adminToken, 'GET', status)).body.latestExecutionStatus).toBe('STARTED');
    const done = await call(fake, fake.adminToken, 'GET', status);
    expect(done.body).toMatchObject({
      latestExecutionStatus: 'COMPLETED',
      latestExecutionExitCode: 'COMPLETED',
      counts: { userResendInviteSent: 2, userResendInviteFailed: 0, userResendInviteSkipped: 0, totalUsers: 2 },
      allowAdminInviteEmails: true,
    });
    expect((await call(fake, fake.adminToken, 'POST', jobsPath())).status).toBe(202);
  });

  it('completes with time too, and suppresses users emailed in the last 24 hours with ATLAS-600199', async () => {
    const a = fake.seed.person({ email: 'a@example.com', invitePending: true, lastInviteEmailAt: new Date(clock.getTime() - 3600_000) });
    fake.seed.person({ email: 'b@example.com', invitePending: true, lastInviteEmailAt: new Date(clock.getTime() - 25 * 3600_000) });
    const job = (await call(fake, fake.adminToken, 'POST', jobsPath())).body;
    tick(60_000);
    const errorsPath = `${jobsPath()}/${job.id}/errors`;
    const errors = await call(fake, fake.adminToken, 'GET', errorsPath);
    expect(errors.body.items).toEqual([
      {
        itemNumber: 1,
        trackingId: expect.any(String),
        error: { key: '304', message: [{ description: suppressionText(a.id, fake.state.adminId, 'a@example.com'), code: 'ATLAS-600199' }] },
      },
    ]);
    expect(errors.body.items[0].error.message[0].description).toBe(
      `Re-send invite for ${uuidOf(a.id)} by ${uuidOf(fake.state.adminId)} is suppressed as the user ${uuidOf(a.id)} has already received an invitation email in last 24 hours ; Error with a@example.com.`,
    );
    const status = await call(fake, fake.adminToken, 'GET', `${jobsPath()}/${job.id}/status`);
    expect(status.body.counts).toEqual({ userResendInviteSent: 1, userResendInviteFailed: 0, userResendInviteSkipped: 1, totalUsers: 2 });
  });

  it('answers 404 for an unknown job', async () => {
    expect((await call(fake, fake.adminToken, 'GET', `${jobsPath()}/nope/status`)).status).toBe(404);
  });
});

describe('people', () => {
  it('gives admins invitePending / loginEnabled / created / lastActivity and filters by email, displayName and id', async () => {
    const pending = fake.seed.person({ email: 'Pat.Pending@example.com', firstName: 'Pat', lastName: 'Pending', invitePending: true, licenses: ['L1'] });
    fake.seed.person({ email: 'ann@example.com', firstName: 'Ann', lastActivity: clock });
    const byEmail = await call(fake, fake.adminToken, 'GET', '/people?email=pat.pending@example.com');
    expect(byEmail.body.items).toEqual([
      expect.objectContaining({ id: pending.id, invitePending: 'true', loginEnabled: 'true', licenses: ['L1'], created: clock.toISOString() }),
    ]);
    const byName = await call(fake, fake.adminToken, 'GET', '/people?displayName=an');
    expect(byName.body.items.map((p: { emails: string[] }) => p.emails[0])).toEqual(['ann@example.com']);
    const byId = await call(fake, fake.adminToken, 'GET', `/people?id=${pending.id},missing`);
    expect(byId.body.items).toHaveLength(1);
    expect(byId.body.notFoundIds).toEqual(['missing']);
    expect((await call(fake, fake.adminToken, 'GET', `/people/${pending.id}`)).body.roles).toEqual([]);
    expect((await call(fake, fake.adminToken, 'GET', '/people/nope')).status).toBe(404);
  });

  it('pages the org with Link rel="next" and keeps the other query parameters', async () => {
    for (let i = 0; i < 7; i++) fake.seed.person({ email: `user${i}@example.com` });
    const seen: string[] = [];
    let url: string | undefined = '/people?max=3&excludeStatus=true';
    while (url) {
      const res = await call(fake, fake.adminToken, 'GET', url);
      seen.push(...res.body.items.map((p: { emails: string[] }) => p.emails[0]));
      const link = res.headers.get('link');
      url = link ? /<([^>]+)>; rel="next"/.exec(link)?.[1] : undefined;
      if (url) expect(url).toContain('excludeStatus=true');
    }
    expect(seen).toEqual(['admin@example.com', ...Array.from({ length: 7 }, (_, i) => `user${i}@example.com`)]);
  });

  it('answers /people/me for both tokens', async () => {
    expect((await call(fake, fake.botToken, 'GET', '/people/me')).body).toMatchObject({ id: fake.state.botId, type: 'bot' });
    expect((await call(fake, fake.adminToken, 'GET', '/people/me')).body).toMatchObject({ id: fake.state.adminId, invitePending: 'false' });
  });
});

describe('people of a managed org (orgId, for partner admins)', () => {
  it('lists the partner’s own org without orgId and the customer’s with it; refuses an org the token does not administer', async () => {
    const partner = fake.seed.partnerAdmin();
    fake.seed.person({ email: 'colleague@partner.example', orgId: partner.orgId });
    fake.seed.person({ email: 'pending@customer.example', invitePending: true });
    const emails = (res: { body: { items: { emails: string[] }[] } }) => res.body.items.map((p) => p.emails[0]).sort();

    const own = await call(fake, partner.token, 'GET', '/people');
    expect(own.status).toBe(200);
    expect(emails(own)).toEqual(['colleague@partner.example', 'partner-admin@partner.example']);

    const customer = await call(fake, partner.token, 'GET', `/people?orgId=${encodeURIComponent(fake.state.orgId)}`);
    expect(customer.status).toBe(200);
    expect(emails(customer)).toEqual(['admin@example.com', 'pending@customer.example']);
    // A managed org's people come with their admin fields, as to the customer's own admins.
    expect(customer.body.items.find((p: { emails: string[] }) => p.emails[0] === 'pending@customer.example')).toMatchObject({ invitePending: 'true' });

    // The customer's admin does not administer the partner's org; a bot may not use orgId at all.
    expect((await call(fake, fake.adminToken, 'GET', `/people?orgId=${encodeURIComponent(partner.orgId)}`)).status).toBe(403);
    expect((await call(fake, fake.botToken, 'GET', `/people?orgId=${encodeURIComponent(fake.state.orgId)}&email=pending@customer.example`)).status).toBe(403);
  });
});
