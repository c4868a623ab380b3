// Every kind of answer the fake gives validates against the OpenAPI response schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE, startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { OpenApiContract } from '../webex/openapi-contract.js';
import { call } from './http.js';

let fake: FakeWebex;
let contract: OpenApiContract;
let clock = new Date('2026-03-02T09:00:00.000Z');

beforeAll(async () => {
  contract = new OpenApiContract();
  fake = await startFakeWebex({ now: () => clock, provisioningMs: 0 });
});
afterAll(() => fake.close());

/** Calls the fake and checks the answer against `file` / `template` (the yml path key). */
async function check(token: string, method: string, url: string, file: string, template: string, expectedStatus: number, body?: unknown) {
  const res = await call(fake, token, method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(expectedStatus);
  expect(contract.response(file, method, template, expectedStatus, res.body), `${method} ${url}`).toEqual([]);
  return res.body;
}

describe('the fake follows the OpenAPI response schemas', () => {
  it('admin: settings, activation jobs, people', async () => {
    const org = fake.state.orgId;
    const admin = fake.adminToken;
    fake.seed.person({ email: 'pending@example.com', invitePending: true, lastInviteEmailAt: clock, lastActivity: clock });
    await check(admin, 'GET', `/settings/organizations/${org}/settings/allow-admin-invite-emails`, 'settings.yml', '/settings/organizations/{orgId}/settings/{settingKey}', 200);
    await check(admin, 'POST', `/settings/organizations/${org}/settings`, 'settings.yml', '/settings/organizations/{orgId}/settings', 200, { key: 'allow-admin-invite-emails', value: false });
    const jobs = '/identity/organizations/{orgId}/jobs/sendActivationEmails';
    const job = await check(admin, 'POST', `/identity/organizations/${org}/jobs/sendActivationEmails`, 'send-activation-email.yml', jobs, 202);
    for (let i = 0; i < 2; i++) {
      await check(admin, 'GET', `/identity/organizations/${org}/jobs/sendActivationEmails/${job.id}/status`, 'send-activation-email.yml', `${jobs}/{jobId}/status`, 200);
    }
    const errors = await check(admin, 'GET', `/identity/organizations/${org}/jobs/sendActivationEmails/${job.id}/errors`, 'send-activation-email.yml', `${jobs}/{jobId}/errors`, 200);
    expect(errors.items).toHaveLength(1);
    const people = await check(admin, 'GET', '/people', 'people.yml', '/people', 200);
    await check(admin, 'GET', `/people?id=${people.items[0].id}`, 'people.yml', '/people', 200);
    await check(admin, 'GET', `/people/${people.items[1].id}`, 'people.yml', '/people/{personId}', 200);
    await check(admin, 'GET', '/people/me', 'people.yml', '/people/me', 200);
    await check(fake.botToken, 'GET', '/people/me', 'people.yml', '/people/me', 200);
  });

  it('BroadWorks subscribers', async () => {
    const admin = fake.adminToken;
    fake.seed.subscriber({ userId: 'err@sp.com', status: 'error', errors: [{ errorCode: 10022, description: 'x' }] });
    await check(admin, 'GET', '/broadworks/subscribers?status=error,provisioned', 'broadworks-subscribers.yml', '/broadworks/subscribers', 200);
    const created = await check(admin, 'POST', '/broadworks/subscribers', 'broadworks-subscribers.yml', '/broadworks/subscribers', 200, {
      provisioningId: 'p', userId: 'c@sp.com', spEnterpriseId: 'SP1+acme', firstName: 'C', lastName: 'D', package: 'basic', email: 'c@acme.com',
    });
    await check(admin, 'GET', `/broadworks/subscribers/${created.id}`, 'broadworks-subscribers.yml', '/broadworks/subscribers/{subscriberId}', 200);
    await check(admin, 'PUT', `/broadworks/subscribers/${created.id}`, 'broadworks-subscribers.yml', '/broadworks/subscribers/{subscriberId}', 200, { package: 'premium' });
    await check(admin, 'POST', '/broadworks/subscribers/validate', 'broadworks-subscribers.yml', '/broadworks/subscribers/validate', 200, { email: 'free@acme.com' });
  });

  it("a partner's view: organizations and BroadWorks enterprises", async () => {
    const partner = fake.seed.partnerAdmin();
    const customer = fake.seed.customerOrg({ name: 'Contract Customer', enterprises: ['SP1+contract'], partnerOrgId: partner.orgId });
    const orgs = await check(partner.token, 'GET', '/organizations', 'organizations.yml', '/organizations', 200);
    expect(orgs.items.map((o: { id: string }) => o.id)).toContain(customer.id);
    await check(partner.token, 'GET', `/organizations/${customer.id}`, 'organizations.yml', '/organizations/{orgId}', 200);
    const enterprises = await check(partner.token, 'GET', '/broadworks/enterprises?max=1000', 'broadworks-enterprises.yml', '/broadworks/enterprises', 200);
    expect(enterprises.items).toEqual([expect.objectContaining({ spEnterpriseId: 'SP1+contract', orgId: customer.id })]);
  });

  it('bot side: webhooks, rooms, memberships, messages, attachment actions', async () => {
    const bot = fake.botToken;
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.groupRoom({ members: [alice] });
    const hook = await check(bot, 'POST', '/webhooks', 'webhooks.yml', '/webhooks', 200, { name: 'h', targetUrl: 'http://127.0.0.1:9/h', resource: 'all', event: 'all', secret: 's' });
    await check(bot, 'GET', '/webhooks', 'webhooks.yml', '/webhooks', 200);
    await check(bot, 'GET', `/webhooks/${hook.id}`, 'webhooks.yml', '/webhooks/{webhookId}', 200);
    await check(bot, 'PUT', `/webhooks/${hook.id}`, 'webhooks.yml', '/webhooks/{webhookId}', 200, { name: 'h2', targetUrl: 'http://127.0.0.1:9/h2' });
    await check(bot, 'GET', '/memberships?max=1000', 'memberships.yml', '/memberships', 200);
    await check(bot, 'GET', '/rooms', 'rooms.yml', '/rooms', 200);
    await check(bot, 'GET', `/rooms/${room.id}`, 'rooms.yml', '/rooms/{roomId}', 200);
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'x' }] };
    const msg = await check(bot, 'POST', '/messages', 'messages.yml', '/messages', 200, { roomId: room.id, markdown: '**hi**', attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] });
    await check(bot, 'GET', `/messages/${msg.id}`, 'messages.yml', '/messages/{messageId}', 200);
    await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'help' });
    await check(bot, 'GET', `/messages?roomId=${room.id}&mentionedPeople=me`, 'messages.yml', '/messages', 200);
    const { action } = await fake.simulateCardAction({ messageId: msg.id, personEmail: 'alice@example.com', inputs: { Name: 'x' } });
    await check(bot, 'GET', `/attachment/actions/${action.id}`, 'attachment-actions.yml', '/attachment/actions/{id}', 200);
  });
});

describe('the contract check itself', () => {
  it('rejects answers that break the schemas', () => {
    expect(contract.response('broadworks-subscribers.yml', 'GET', '/broadworks/subscribers', 200, { items: [{ status: 'nope' }] })).not.toEqual([]);
    expect(contract.response('people.yml', 'GET', '/people/me', 200, { invitePending: true })).not.toEqual([]);
    expect(contract.response('send-activation-email.yml', 'POST', '/identity/organizations/{orgId}/jobs/sendActivationEmails', 202, { id: 'x' })).not.toEqual([]);
  });
});
