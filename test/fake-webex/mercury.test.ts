// The fake's device service and Mercury websocket at the wire level, as the notes describe SDK
// 2.4.2's protocol: U2C hostmap, WDM register/refresh/delete, authorization → buffer_state, pong
// with the ping's id, acks counted, one socket per device (a second replaces the first with 4000),
// a bad token closed with 4401, and drops with any close code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';

let fake: FakeWebex;
beforeAll(async () => {
  fake = await startFakeWebex();
});
afterAll(() => fake.close());

const auth = (token = fake.botToken) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function register(): Promise<{ url: string; webSocketUrl: string }> {
  const res = await fetch(`${fake.u2cUrl.replace('/u2c/', '/wdm/')}/devices`, { method: 'POST', headers: auth(), body: JSON.stringify({ deviceType: 'WEB' }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { url: string; webSocketUrl: string };
}

/** Opens a socket and collects its frames and its close. */
function open(url: string) {
  const ws = new WebSocket(url);
  const frames: Record<string, any>[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
  ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString())));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  const next = async (n: number) => {
    for (let i = 0; i < 200 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    if (frames.length < n) throw new Error(`expected ${n} frames, got ${JSON.stringify(frames)}`);
    return frames[n - 1]!;
  };
  return { ws, frames, closed, opened, next };
}

describe('fake Webex device service and Mercury', () => {
  it('serves the U2C hostmap the SDK expects', async () => {
    const res = await fetch(`${fake.u2cUrl}/limited/catalog?orgId=x&format=hostmap`);
    const body = (await res.json()) as { serviceLinks: Record<string, string>; hostCatalog: Record<string, { id: string }[]> };
    expect(body.serviceLinks.hydra).toBe(fake.url);
    expect(Object.keys(body.serviceLinks)).toEqual(expect.arrayContaining(['wdm', 'conversation', 'metrics']));
    expect(body.hostCatalog['127.0.0.1']![0]!.id).toMatch(/^urn:TEAM:us-east-2_a:/);
  });

  it('handshake, ping/pong with the same id, acks; a second socket replaces the first with 4000', async () => {
    const device = await register();
    expect(fake.mercury.devices(fake.state.botId)).toHaveLength(1);
    const a = open(`${device.webSocketUrl}?outboundWireFormat=text&bufferStates=true&aliasHttpStatus=true`);
    await a.opened;
    a.ws.send(JSON.stringify({ id: 'auth-1', type: 'authorization', data: { token: `Bearer ${fake.botToken}` } }));
    const first = await a.next(1);
    expect(first.type).toBeUndefined();
    expect(first.data.eventType).toBe('mercury.buffer_state');
    a.ws.send(JSON.stringify({ messageId: first.id, type: 'ack' }));
    a.ws.send(JSON.stringify({ id: 'ping-42', type: 'ping' }));
    expect(await a.next(2)).toMatchObject({ id: 'ping-42', type: 'pong' });
    expect(fake.mercury.connections()[0]).toMatchObject({ authorized: true, acks: 1 });

    const b = open(device.webSocketUrl);
    await b.opened;
    b.ws.send(JSON.stringify({ id: 'auth-2', type: 'authorization', data: { token: `Bearer ${fake.botToken}` } }));
    expect(await a.closed).toEqual({ code: 4000, reason: 'replaced' });
    await b.next(1);
    expect(fake.mercury.drop(4401, 'Authentication failed')).toBe(1);
    expect(await b.closed).toEqual({ code: 4401, reason: 'Authentication failed' });

    expect((await fetch(device.url, { method: 'PUT', headers: auth(), body: '{}' })).status).toBe(200);
    expect((await fetch(device.url, { method: 'DELETE', headers: auth() })).status).toBe(204);
    expect(fake.mercury.devices(fake.state.botId)).toHaveLength(0);
    expect((await fetch(device.url, { method: 'PUT', headers: auth(), body: '{}' })).status).toBe(404);
  });

  it('closes a socket whose token is wrong with 4401, drops with 1006, and refuses sockets during an outage', async () => {
    const device = await register();
    const bad = open(device.webSocketUrl);
    await bad.opened;
    bad.ws.send(JSON.stringify({ id: 'auth', type: 'authorization', data: { token: 'Bearer not-a-token' } }));
    expect((await bad.closed).code).toBe(4401);

    const good = open(device.webSocketUrl);
    await good.opened;
    good.ws.send(JSON.stringify({ id: 'auth', type: 'authorization', data: { token: `Bearer ${fake.botToken}` } }));
    await good.next(1);
    fake.mercury.drop(1006);
    expect((await good.closed).code).toBe(1006);

    const release = fake.mercury.refuse();
    const refused = open(device.webSocketUrl);
    await expect(refused.opened).rejects.toThrow(/503/);
    release();
    const unknown = open(device.webSocketUrl.replace(/[^/]+$/, 'no-such-device'));
    await expect(unknown.opened).rejects.toThrow(/404/);
  });
});
