// The real webex-node-bot-framework against the fake: it starts, registers its webhooks, hears a
// simulated message, answers, sends a card, receives the card action and uploads a CSV file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE, startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';

let fake: FakeWebex;
let server: Server;
let framework: any;
const SECRET = 'framework-webhook-secret-123';
const cardActions: any[] = [];
const savedEnv = { HYDRA_SERVICE_URL: process.env.HYDRA_SERVICE_URL, WEBEX_LOG_LEVEL: process.env.WEBEX_LOG_LEVEL };

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  fake = await startFakeWebex();
  const alice = fake.seed.person({ email: 'alice@example.com', firstName: 'Alice', lastName: 'Admin' });
  fake.seed.directRoom(alice);
  fake.seed.groupRoom({ title: 'Ops', members: [alice] });
  // The SDK reads its REST base (and log level) from the environment when it is first loaded.
  process.env.HYDRA_SERVICE_URL = fake.url;
  process.env.WEBEX_LOG_LEVEL = 'error';
  const frameworkModule: string = 'webex-node-bot-framework';
  const webhookModule: string = 'webex-node-bot-framework/webhook';
  const Framework = (await import(frameworkModule)).default;
  const webhook = (await import(webhookModule)).default;

  const app = express();
  app.use(express.json());
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  framework = new Framework({ token: fake.botToken, webhookUrl, webhookSecret: SECRET, removeWebhooksOnStart: false, messageFormat: 'markdown' });
  const handler = webhook(framework);
  app.post('/webhook', (req, res) => void handler(req, res));
  framework.hears('hello', (bot: any, trigger: any) => bot.say('markdown', `Hi ${trigger.person.displayName}`));
  framework.hears('card', (bot: any) => bot.sendCard({ type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Pick' }], actions: [{ type: 'Action.Submit', title: 'Yes', data: { choice: 'yes' } }] }, 'Pick'));
  framework.hears('export', (bot: any) => bot.say({ markdown: 'Export', files: [{ value: Buffer.from('a,b\n1,2\n'), options: { filename: 'export.csv', contentType: 'text/csv' } }] }));
  framework.on('attachmentAction', (_bot: any, trigger: any) => cardActions.push(trigger.attachmentAction));
  await framework.start();
  await until('two webhooks', () => fake.state.webhooks.size === 2);
  await until('bots spawned', () => framework.bots.length === 2);
}, 30_000);

afterAll(async () => {
  // Do not leak this fake's URL to later test files that load the SDK in the same worker.
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await framework?.stop();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
});

const botMessages = () => [...fake.state.messages.values()].filter((m) => m.personId === fake.state.botId);

it('starts with the calls the platform notes describe, registering the webhook pair', () => {
  const calls = fake.requests.map((r) => `${r.method} ${r.path.replace(/\/[A-Za-z0-9]{60,}$/, '/{id}')}`);
  expect(calls).toEqual(expect.arrayContaining(['GET /people/me', 'GET /webhooks', 'POST /webhooks', 'GET /memberships', 'GET /rooms/{id}']));
  expect([...fake.state.webhooks.values()].map((w) => `${w.resource}/${w.event}`).sort()).toEqual(['all/all', 'attachmentActions/created']);
  expect(fake.requests.every((r) => (r.status ?? 0) < 400)).toBe(true);
});

it('hears a message in a 1:1 space and answers', async () => {
  const room = [...fake.state.rooms.values()].find((r) => r.type === 'direct')!;
  const { deliveries } = await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'hello' });
  expect(deliveries.map((d) => d.status)).toEqual([200]);
  const reply = await until('the reply', () => botMessages().find((m) => m.markdown === 'Hi Alice Admin'));
  expect(reply.roomId).toBe(room.id);
});

it('hears an @mention in a group space, sends a card and receives its action', async () => {
  const room = [...fake.state.rooms.values()].find((r) => r.type === 'group')!;
  await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'card' });
  const card = await until('the card', () => botMessages().find((m) => m.attachments?.[0]?.contentType === CARD_CONTENT_TYPE));
  await fake.simulateCardAction({ messageId: card.id, personEmail: 'alice@example.com', inputs: { choice: 'yes' } });
  const action = await until('the card action', () => cardActions[0]);
  expect(action).toMatchObject({ messageId: card.id, inputs: { choice: 'yes' } });
});

it('uploads a CSV as a multipart file the fake serves back', async () => {
  const room = [...fake.state.rooms.values()].find((r) => r.type === 'direct')!;
  await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'export' });
  const message = await until('the file', () => botMessages().find((m) => m.files?.length));
  const file = [...fake.state.files.values()][0]!;
  expect(file).toMatchObject({ filename: 'export.csv', contentType: 'text/csv', roomId: room.id });
  expect(file.bytes.toString()).toBe('a,b\n1,2\n');
  expect(message.files![0]).toBe(`${fake.url}/contents/${file.id}`);
});
