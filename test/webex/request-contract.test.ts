// What our client sends validates against the OpenAPI request schemas (bodies as the fake received
// them), and the answers it parses validate against the response schemas.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { createWebexBackend } from '../../src/provisioning/webex-backend.js';
import { WebexBotApi, WebexClient } from '../../src/webex/index.js';
import { OpenApiContract } from './openapi-contract.js';

let fake: FakeWebex;
let contract: OpenApiContract;

beforeAll(async () => {
  contract = new OpenApiContract();
  fake = await startFakeWebex({ provisioningMs: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const sent = (method: string, path: string) => {
  const req = fake.requests.find((r) => r.method === method && r.path === path);
  if (!req) throw new Error(`no ${method} ${path} was sent`);
  return req.body;
};

describe('request bodies follow the OpenAPI files', () => {
  it('admin and BroadWorks calls of the webex backend', async () => {
    const backend = createWebexBackend({ apiUrl: fake.url, adminToken: fake.adminToken, orgId: fake.state.orgId });
    await backend.setAutoActivationEmails(false);
    expect(contract.request('settings.yml', 'POST', '/settings/organizations/{orgId}/settings', sent('POST', `/settings/organizations/${fake.state.orgId}/settings`))).toEqual([]);

    await backend.precheckEmail({ provisioningId: 'p', email: 'a@acme.com', userId: 'a@sp.com', package: 'basic' });
    expect(contract.request('broadworks-subscribers.yml', 'POST', '/broadworks/subscribers/validate', sent('POST', '/broadworks/subscribers/validate'))).toEqual([]);

    const created = await backend.provisionSubscriber({
      provisioningId: 'p', userId: 'a@sp.com', spEnterpriseId: 'SP1+acme', firstName: 'A', lastName: 'B', email: 'a@acme.com', package: 'basic', timezone: 'Europe/Prague',
    });
    expect(contract.request('broadworks-subscribers.yml', 'POST', '/broadworks/subscribers', sent('POST', '/broadworks/subscribers'))).toEqual([]);

    await backend.getSubscriber(created.id); // settles to provisioned
    await backend.changePackage(created.id, 'premium');
    expect(contract.request('broadworks-subscribers.yml', 'PUT', '/broadworks/subscribers/{subscriberId}', sent('PUT', `/broadworks/subscribers/${created.id}`))).toEqual([]);
  });

  it('messages the bot posts: markdown, a card, a file', async () => {
    const bot = new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken }));
    const room = fake.seed.directRoom(fake.seed.person({ email: 'alice@example.com' }));
    const message = await bot.sendMessage({ roomId: room.id, markdown: 'Alert: **3** users', card: { type: 'AdaptiveCard', version: '1.3', body: [] } });
    expect(contract.request('messages.yml', 'POST', '/messages', sent('POST', '/messages'))).toEqual([]);
    expect(contract.response('messages.yml', 'POST', '/messages', 200, (await fetch(`${fake.url}/messages/${message.id}`, { headers: { authorization: `Bearer ${fake.botToken}` } }).then((r) => r.json())))).toEqual([]);

    fake.requests.length = 0;
    const withFile = await bot.sendFile({ roomId: room.id, markdown: 'Export' }, { filename: 'users.csv', contentType: 'text/csv', data: 'a,b\n' });
    expect(sent('POST', '/messages')).toEqual({ roomId: room.id, markdown: 'Export', uploads: [{ field: 'files', filename: 'users.csv', contentType: 'text/csv', size: 4 }] });
    expect(withFile.files).toHaveLength(1);
  });

  it('checks the message limits before sending', async () => {
    const bot = new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken }));
    await expect(bot.sendMessage({ roomId: 'r', markdown: 'x'.repeat(7440) })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(fake.requests).toHaveLength(0);
  });
});
