// Simulated users drive the bot through signed webhook deliveries, following Webex's rules on who
// receives what (group spaces need an @mention, the firehose excludes card actions, filters apply).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE, startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { call } from './http.js';

interface Received {
  path: string;
  raw: string;
  signature?: string;
}

let fake: FakeWebex;
let receiver: Server;
let target: string;
let received: Received[] = [];
let answerWith = 200;
const SECRET = 'webhook-secret-0123456789';

beforeAll(async () => {
  fake = await startFakeWebex();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', raw: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-spark-signature'] as string | undefined });
      res.writeHead(answerWith).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  fake.reset();
  received = [];
  answerWith = 200;
});

const register = (body: Record<string, unknown>, token = fake.botToken) =>
  call(fake, token, 'POST', '/webhooks', { name: 'hooks', targetUrl: `${target}/hook`, secret: SECRET, ...body });

const verify = (r: Received, secret = SECRET) => {
  const expected = createHmac('sha1', secret).update(r.raw).digest('hex');
  return !!r.signature && timingSafeEqual(Buffer.from(expected), Buffer.from(r.signature));
};

describe('webhook delivery', () => {
  it('POSTs the Webex envelope signed with HMAC-SHA1 of the exact body', async () => {
    const hook = (await register({ resource: 'all', event: 'all' })).body;
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.directRoom(alice);
    const { message, deliveries } = await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'users' });
    expect(deliveries).toEqual([{ webhookId: hook.id, targetUrl: `${target}/hook`, status: 200 }]);
    expect(received).toHaveLength(1);
    expect(verify(received[0]!)).toBe(true);
    expect(verify(received[0]!, 'wrong-secret')).toBe(false);
    expect(JSON.parse(received[0]!.raw)).toEqual({
      id: hook.id,
      name: 'hooks',
      targetUrl: `${target}/hook`,
      resource: 'messages',
      event: 'created',
      orgId: fake.state.orgId,
      createdBy: fake.state.botId,
      appId: expect.any(String),
      ownedBy: 'creator',
      status: 'active',
      created: expect.any(String),
      actorId: alice.id,
      data: { id: message.id, roomId: room.id, roomType: 'direct', personId: alice.id, personEmail: 'alice@example.com', created: message.created.toISOString() },
    });
    // The text is not in the event: the bot reads it with GET /messages/{id}.
    expect((await call(fake, fake.botToken, 'GET', `/messages/${message.id}`)).body.text).toBe('users');
  });

  it('in a group space delivers to the bot only when it is @mentioned, text prefixed with its name', async () => {
    await register({ resource: 'messages', event: 'created' });
    fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.groupRoom({ members: ['alice@example.com'] });
    expect((await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'hello all', mentionBot: false })).deliveries).toEqual([]);
    const { message, deliveries } = await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'users' });
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(received[0]!.raw).data.mentionedPeople).toEqual([fake.state.botId]);
    expect(message.text).toBe('Activation Bot users');
  });

  it('sends card actions only to attachmentActions webhooks, not to the all/all firehose', async () => {
    await register({ resource: 'all', event: 'all' });
    const cards = (await register({ resource: 'attachmentActions', event: 'created' })).body;
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.directRoom(alice);
    const posted = await call(fake, fake.botToken, 'POST', '/messages', {
      roomId: room.id,
      text: 'card',
      attachments: [{ contentType: CARD_CONTENT_TYPE, content: { type: 'AdaptiveCard', version: '1.3', body: [] } }],
    });
    const { action, deliveries } = await fake.simulateCardAction({ messageId: posted.body.id, personEmail: 'alice@example.com', inputs: { x: '1' } });
    expect(deliveries.map((d) => d.webhookId)).toEqual([cards.id]);
    const envelope = JSON.parse(received[0]!.raw);
    expect(envelope).toMatchObject({ resource: 'attachmentActions', event: 'created', actorId: alice.id });
    expect(envelope.data).toEqual({ id: action.id, type: 'submit', messageId: posted.body.id, personId: alice.id, roomId: room.id, created: expect.any(String) });
  });

  it('applies filters, skips inactive webhooks and reports failing targets', async () => {
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const one = fake.seed.directRoom(alice);
    const two = fake.seed.groupRoom({ members: [alice] });
    await register({ resource: 'messages', event: 'created', filter: `roomId=${one.id}` });
    const inactive = (await register({ resource: 'messages', event: 'all' })).body;
    await call(fake, fake.botToken, 'PUT', `/webhooks/${inactive.id}`, { name: 'x', targetUrl: `${target}/x`, status: 'inactive' });
    expect((await fake.simulateMessage({ roomId: two.id, personEmail: 'alice@example.com', text: 'x' })).deliveries).toEqual([]);
    answerWith = 500;
    const { deliveries } = await fake.simulateMessage({ roomId: one.id, personEmail: 'alice@example.com', text: 'y' });
    expect(deliveries.map((d) => d.status)).toEqual([500]);
    await call(fake, fake.botToken, 'POST', '/webhooks', { name: 'dead', targetUrl: 'http://127.0.0.1:1/none', resource: 'messages', event: 'created' });
    const unreachable = await fake.simulateMessage({ roomId: one.id, personEmail: 'alice@example.com', text: 'z' });
    expect(unreachable.deliveries.map((d) => d.status).sort()).toEqual([0, 500]);
  });

  it('refuses to simulate people who are not in the space', async () => {
    fake.seed.person({ email: 'alice@example.com' });
    fake.seed.person({ email: 'eve@example.com' });
    const room = fake.seed.groupRoom({ members: ['alice@example.com'] });
    await expect(fake.simulateMessage({ roomId: room.id, personEmail: 'eve@example.com', text: 'x' })).rejects.toThrow(/not in room/);
  });
});
