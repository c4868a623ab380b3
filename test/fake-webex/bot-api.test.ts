// The fake's bot side: webhooks CRUD, rooms and memberships, messages (cards, limits, multipart file
// uploads served back), and attachment actions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE, decodeWebexId, MAX_MESSAGE_BYTES, startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { call } from './http.js';

let fake: FakeWebex;
beforeAll(async () => {
  fake = await startFakeWebex();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const bot = (method: string, path: string, body?: unknown) => call(fake, fake.botToken, method, path, body);
const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'hi' }], actions: [{ type: 'Action.Submit', title: 'Go', data: { a: 1 } }] };

describe('webhooks', () => {
  it('creates the framework pair (all/all, attachmentActions/created), lists, updates and deletes them', async () => {
    const base = { name: 'bot-hooks', targetUrl: 'http://127.0.0.1:9/hook', secret: 's3cret-s3cret-s3cret' };
    const all = await bot('POST', '/webhooks', { ...base, resource: 'all', event: 'all' });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ ...base, resource: 'all', event: 'all', status: 'active', ownedBy: 'creator', createdBy: fake.state.botId });
    expect(decodeWebexId(all.body.id)?.kind).toBe('WEBHOOK');
    await bot('POST', '/webhooks', { ...base, resource: 'attachmentActions', event: 'created' });
    expect((await bot('GET', '/webhooks')).body.items).toHaveLength(2);
    expect((await call(fake, fake.adminToken, 'GET', '/webhooks')).body.items).toHaveLength(0);
    expect((await call(fake, fake.adminToken, 'GET', `/webhooks/${all.body.id}`)).status).toBe(404);

    const put = await bot('PUT', `/webhooks/${all.body.id}`, { name: 'renamed', targetUrl: 'http://127.0.0.1:9/other', status: 'inactive' });
    expect(put.body).toMatchObject({ name: 'renamed', status: 'inactive', secret: base.secret });
    expect((await bot('DELETE', `/webhooks/${all.body.id}`)).status).toBe(204);
    expect((await bot('GET', `/webhooks/${all.body.id}`)).status).toBe(404);
  });

  it('validates like Webex: required fields, known resource and event, http(s) targetUrl', async () => {
    expect((await bot('POST', '/webhooks', { name: 'x', targetUrl: 'http://x/', resource: 'messages' })).status).toBe(400);
    expect((await bot('POST', '/webhooks', { name: 'x', targetUrl: 'http://x/', resource: 'nope', event: 'created' })).status).toBe(400);
    expect((await bot('POST', '/webhooks', { name: 'x', targetUrl: 'ftp://x/', resource: 'messages', event: 'created' })).status).toBe(400);
  });
});

describe('rooms and memberships', () => {
  it('lists the bot memberships (GET /memberships?max=1000) and its rooms', async () => {
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const group = fake.seed.groupRoom({ title: 'Admins', members: [alice] });
    const direct = fake.seed.directRoom(alice);
    const mine = await bot('GET', '/memberships?max=1000');
    expect(mine.body.items.map((m: { roomId: string }) => m.roomId).sort()).toEqual([group.id, direct.id].sort());
    expect(mine.body.items[0]).toMatchObject({ personId: fake.state.botId, personEmail: 'activation-bot@webex.bot', roomType: 'group' });
    const inRoom = await bot('GET', `/memberships?roomId=${group.id}&personEmail=ALICE@example.com`);
    expect(inRoom.body.items).toEqual([expect.objectContaining({ personId: alice.id, personDisplayName: 'alice' })]);
    expect((await bot('GET', '/memberships?personId=x')).status).toBe(400);
    expect((await bot('GET', `/rooms/${direct.id}`)).body).toMatchObject({ id: direct.id, type: 'direct', title: 'alice' });
    expect((await bot('GET', '/rooms?type=group')).body.items.map((r: { id: string }) => r.id)).toEqual([group.id]);
    const outsider = fake.seed.groupRoom({ title: 'Not mine', members: [alice], withBot: false });
    expect((await bot('GET', `/rooms/${outsider.id}`)).status).toBe(404);
  });
});

describe('messages', () => {
  it('posts markdown and a card, and finds mentions', async () => {
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.groupRoom({ members: [alice] });
    const res = await bot('POST', '/messages', {
      roomId: room.id,
      markdown: 'Hello <@personEmail:alice@example.com|Alice>',
      attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roomId: room.id, roomType: 'group', personId: fake.state.botId, mentionedPeople: [alice.id] });
    expect(res.body.attachments[0].content).toEqual(card);
    expect((await bot('GET', `/messages/${res.body.id}`)).body.id).toBe(res.body.id);
  });

  it('enforces the limits: 7439 bytes, one card, one file, a target and some content', async () => {
    const room = fake.seed.directRoom(fake.seed.person({ email: 'a@example.com' }));
    const ok = 'é'.repeat(Math.floor(MAX_MESSAGE_BYTES / 2));
    expect((await bot('POST', '/messages', { roomId: room.id, text: ok })).status).toBe(200);
    expect((await bot('POST', '/messages', { roomId: room.id, text: `${ok}éé` })).status).toBe(400);
    expect((await bot('POST', '/messages', { roomId: room.id, markdown: 'x'.repeat(MAX_MESSAGE_BYTES + 1) })).status).toBe(400);
    const two = [{ contentType: CARD_CONTENT_TYPE, content: card }, { contentType: CARD_CONTENT_TYPE, content: card }];
    expect((await bot('POST', '/messages', { roomId: room.id, text: 'x', attachments: two })).status).toBe(400);
    expect((await bot('POST', '/messages', { roomId: room.id, files: ['http://a/1', 'http://a/2'] })).status).toBe(400);
    expect((await bot('POST', '/messages', { text: 'no target' })).status).toBe(400);
    expect((await bot('POST', '/messages', { roomId: room.id })).status).toBe(400);
    expect((await bot('POST', '/messages', { roomId: 'Y2lzY29zcGFyazovL3VzL1JPT00vbm9wZQ', text: 'x' })).status).toBe(404);
  });

  it('tells onMessage listeners about every new message until unsubscribed', async () => {
    const room = fake.seed.directRoom(fake.seed.person({ email: 'a@example.com' }));
    const seen: string[] = [];
    const stop = fake.onMessage((m) => seen.push(m.text ?? ''));
    await bot('POST', '/messages', { roomId: room.id, text: 'from the bot' });
    await fake.simulateMessage({ roomId: room.id, personEmail: 'a@example.com', text: 'from a user' });
    stop();
    await bot('POST', '/messages', { roomId: room.id, text: 'unseen' });
    expect(seen).toEqual(['from the bot', 'from a user']);
  });

  it('opens a 1:1 space for toPersonEmail', async () => {
    const bob = fake.seed.person({ email: 'bob@example.com' });
    const res = await bot('POST', '/messages', { toPersonEmail: 'bob@example.com', text: 'hi' });
    expect(res.body).toMatchObject({ roomType: 'direct', toPersonEmail: 'bob@example.com' });
    const again = await bot('POST', '/messages', { toPersonId: bob.id, text: 'again' });
    expect(again.body.roomId).toBe(res.body.roomId);
  });

  it('takes one multipart file upload and serves the bytes back at its files URL', async () => {
    const room = fake.seed.directRoom(fake.seed.person({ email: 'a@example.com' }));
    const form = new FormData();
    form.set('roomId', room.id);
    form.set('text', 'Your export');
    form.set('files', new Blob(['userId,status\nu1@sp.com,error\n'], { type: 'text/csv' }), 'users.csv');
    const res = await fetch(`${fake.url}/messages`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}` }, body: form });
    const message = (await res.json()) as { files: string[] };
    expect(res.status).toBe(200);
    expect(message.files[0]).toMatch(new RegExp(`^${fake.url}/contents/`));
    const file = await fetch(message.files[0]!, { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(file.headers.get('content-type')).toBe('text/csv');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="users.csv"');
    expect(await file.text()).toBe('userId,status\nu1@sp.com,error\n');
    expect(fake.requests.at(-2)?.body).toMatchObject({ roomId: room.id, uploads: [{ field: 'files', filename: 'users.csv', size: 30 }] });
    expect((await fetch(message.files[0]!)).status).toBe(401);

    const two = new FormData();
    two.set('roomId', room.id);
    two.append('files', new Blob(['a']), 'a.csv');
    two.append('files', new Blob(['b']), 'b.csv');
    const rejected = await fetch(`${fake.url}/messages`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}` }, body: two });
    expect(rejected.status).toBe(400);
  });

  it('lists newest first; a bot must ask for mentionedPeople=me in group spaces; deletes its own', async () => {
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.groupRoom({ members: [alice] });
    await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'first' });
    await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'not for the bot', mentionBot: false });
    await fake.simulateMessage({ roomId: room.id, personEmail: 'alice@example.com', text: 'second' });
    expect((await bot('GET', `/messages?roomId=${room.id}`)).status).toBe(403);
    const listed = await bot('GET', `/messages?roomId=${room.id}&mentionedPeople=me`);
    expect(listed.body.items.map((m: { text: string }) => m.text)).toEqual(['Activation Bot second', 'Activation Bot first']);
    const mine = await bot('POST', '/messages', { roomId: room.id, text: 'bye' });
    const theirs = listed.body.items[0].id;
    expect((await bot('DELETE', `/messages/${theirs}`)).status).toBe(403);
    expect((await bot('DELETE', `/messages/${mine.body.id}`)).status).toBe(204);
  });
});

describe('attachment actions', () => {
  it('records a card submission the bot can read', async () => {
    const alice = fake.seed.person({ email: 'alice@example.com' });
    const room = fake.seed.directRoom(alice);
    const posted = await bot('POST', '/messages', { roomId: room.id, text: 'card', attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] });
    const { action } = await fake.simulateCardAction({ messageId: posted.body.id, personEmail: 'alice@example.com', inputs: { choice: 'yes' } });
    const read = await bot('GET', `/attachment/actions/${action.id}`);
    expect(read.body).toEqual({ id: action.id, type: 'submit', messageId: posted.body.id, inputs: { choice: 'yes' }, personId: alice.id, roomId: room.id, created: expect.any(String) });
    const plain = await bot('POST', '/messages', { roomId: room.id, text: 'no card' });
    await expect(fake.simulateCardAction({ messageId: plain.body.id, personEmail: 'alice@example.com', inputs: {} })).rejects.toThrow(/no card/);
  });
});
