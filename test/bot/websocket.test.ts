// Websocket mode end to end: the real app, framework and Webex SDK against the fake's U2C, WDM and
// Mercury over loopback. Commands and clicks are answered as in webhook mode; whatever closes the
// socket, the bot listens again by itself; /readyz says when it cannot hear; what was said while it
// could not is answered once after it reconnects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/app.js';
import { cardText, submits } from '../support/cards.js';
import type { FakeRoom } from '../../src/fake-webex/types.js';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';
import { clickOverSocket, liveSockets, readyz, sayOverSocket, startWsApp, startWsWorld, waitFor, type WsWorld } from '../support/websocket-harness.js';

describe('websocket mode', () => {
  let w: WsWorld;
  let app: Application;
  beforeAll(async () => {
    w = await startWsWorld();
    // No grace: /readyz answers 503 as soon as the socket is down, so the tests can see it.
    app = await startWsApp(w, { env: { WEBSOCKET_READY_GRACE_SECONDS: '0' } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await w?.fake.close();
  });

  const listening = () => waitFor('the bot listening on a socket again', async () => liveSockets(w.fake) === 1 && (await readyz(app)) === 200);

  it('registers one device, opens one socket, registers no webhook and is ready', async () => {
    expect(w.fake.mercury.devices(w.fake.state.botId)).toHaveLength(1);
    expect(liveSockets(w.fake)).toBe(1);
    expect(w.fake.state.webhooks.size).toBe(0);
    expect(await readyz(app)).toBe(200);
    // The framework's removeDeviceRegistrationsOnStart bug would have deleted every device.
    expect(w.fake.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/wdm/'))).toBe(false);
  });

  it('answers help and a card click over the websocket', async () => {
    const [help] = await sayOverSocket(w, [app], 'help');
    expect(cardText(help!)).toMatch(/users/);
    const [list] = await sayOverSocket(w, [app], 'users');
    const next = submits(list!).find((d) => d.action === 'users.page' && d.page === 1)!;
    const [second] = await clickOverSocket(w, [app], list!, next);
    expect(cardText(second!)).toMatch(/Bulk/);
  });

  it('refuses a non-admin in a group space, as in webhook mode', async () => {
    const [refusal] = await sayOverSocket(w, [app], 'users', { as: w.member, room: w.group });
    expect(refusal!.markdown ?? refusal!.text).toMatch(/only the admins/);
  });

  it('after an abnormal drop (1006) the SDK reconnects by itself and the next command is answered', async () => {
    const reconnectsBefore = await metric(app, 'webex_websocket_reconnects_total{by="sdk"}');
    expect(w.fake.mercury.drop(1006)).toBe(1);
    await waitFor('an SDK reconnect', async () => (await metric(app, 'webex_websocket_reconnects_total{by="sdk"}')) > reconnectsBefore);
    await listening();
    const [help] = await sayOverSocket(w, [app], 'help');
    expect(cardText(help!)).toMatch(/users/);
  }, 60_000);

  it.each([
    [4000, 'replaced'],
    [4401, 'Authentication failed'],
    [1000, 'Done'],
    [1011, 'Internal error'],
  ])('after close %i (%s) the bot listens again by itself and answers', async (code, reason) => {
    expect(w.fake.mercury.drop(code, reason)).toBe(1);
    await listening();
    const [help] = await sayOverSocket(w, [app], 'help');
    expect(cardText(help!)).toMatch(/users/);
    expect(await metric(app, `webex_websocket_closes_total{code="${code}"}`)).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('close 4000 during an outage: /readyz and the gauge say 503/0 while down, then 200/1 once back', async () => {
    const release = w.fake.mercury.refuse();
    w.fake.mercury.drop(4000, 'replaced');
    await waitFor('/readyz 503 while the socket is down', async () => (await readyz(app)) === 503);
    expect(await metric(app, 'webex_websocket_connected')).toBe(0);
    release();
    await listening();
    expect(await metric(app, 'webex_websocket_connected')).toBe(1);
    expect(await metric(app, 'webex_websocket_reconnects_total{by="bot"}')).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('answers once, oldest first and with a late note, what was said while the socket was down', async () => {
    const release = w.fake.mercury.refuse();
    w.fake.mercury.drop(4000, 'replaced');
    await waitFor('no socket open', () => liveSockets(w.fake) === 0);
    const before = new Set([...w.botMessages(w.direct), ...w.botMessages(w.group)].map((m) => m.id));
    await w.fake.simulateMessage({ roomId: w.direct.id, personEmail: w.admin.emails[0]!, text: 'help' });
    // Distinct times (a busy machine can write both in one millisecond, and a tie has no order).
    await new Promise((r) => setTimeout(r, 5));
    await w.fake.simulateMessage({ roomId: w.group.id, personEmail: w.admin.emails[0]!, text: 'users error' });
    // Not for the bot: a group message that does not mention it is never listed nor answered.
    await w.fake.simulateMessage({ roomId: w.group.id, personEmail: w.member.emails[0]!, text: 'lunch?', mentionBot: false });
    expect(w.fake.mercury.sent).toBeGreaterThan(0);
    release();
    await listening();
    await waitFor('the catch-up to answer both', () => [...w.botMessages(w.direct), ...w.botMessages(w.group)].filter((m) => !before.has(m.id)).length >= 4);
    await app.bot.caughtUp();
    await app.bot.idle();
    const fresh = (room = w.direct) => w.botMessages(room).filter((m) => !before.has(m.id));
    expect(fresh(w.direct).map((m) => (m.attachments ? 'card' : m.markdown))).toEqual([expect.stringMatching(/^_Late answer: your message came \d+ seconds? ago/), 'card']);
    expect(fresh(w.group)).toHaveLength(2);
    expect(fresh(w.group)[0]!.markdown).toMatch(/Late answer/);
    expect(cardText(fresh(w.group)[1]!)).toMatch(/2 users match/);
    // Oldest first: the 1:1 message was written first, so it was answered first.
    expect(fresh(w.direct)[1]!.created.getTime()).toBeLessThanOrEqual(fresh(w.group)[1]!.created.getTime());
    expect(await metric(app, 'websocket_events_total{resource="messages",source="catch_up",outcome="accepted"}')).toBe(2);

    // A second reconnect looks at the same window again: nothing is answered twice.
    const count = fresh(w.direct).length + fresh(w.group).length;
    w.fake.mercury.drop(4000, 'replaced');
    await listening();
    await app.bot.caughtUp();
    await app.bot.idle();
    expect(fresh(w.direct).length + fresh(w.group).length).toBe(count);
  }, 60_000);

  it('a token Webex rejects leaves the bot running and not ready, and it recovers when the token works again', async () => {
    const token = w.fake.state.tokens.get(w.fake.botToken)!;
    w.fake.revokeToken(w.fake.botToken);
    w.fake.mercury.drop(4401, 'Authentication failed');
    await waitFor('/readyz 503 with a rejected token', async () => (await readyz(app)) === 503);
    // Our reconnects keep failing on the 401 without crashing the process or the HTTP server.
    await waitFor('a refused device refresh', () => w.fake.requests.some((r) => r.path.startsWith('/wdm/') && r.status === 401));
    expect((await fetch(`${app.http.url}/healthz`)).status).toBe(200);
    expect(liveSockets(w.fake)).toBe(0);
    w.fake.state.tokens.set(w.fake.botToken, token);
    await listening();
    const [help] = await sayOverSocket(w, [app], 'help');
    expect(cardText(help!)).toMatch(/users/);
  }, 90_000);
});

/** A sample's value from GET /metrics (0 when absent). */
async function metric(app: Application, sample: string): Promise<number> {
  const text = await (await fetch(`${app.http.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

describe('websocket mode across a restart', () => {
  let w: WsWorld;
  let db: ThrowAwayDatabase;
  let app: Application | undefined;
  beforeAll(async () => {
    w = await startWsWorld();
    db = await createServerDatabase('ws-restart');
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await w?.fake.close();
    await db?.drop();
  });

  it('what was said while the bot was not running is answered once, oldest first, with a late note, after it starts', async () => {
    app = await startWsApp(w, { databaseUrl: db.url });
    const [help] = await sayOverSocket(w, [app], 'help');
    expect(cardText(help!)).toMatch(/users/);
    await app.stop();
    app = undefined;
    expect(liveSockets(w.fake)).toBe(0);

    const before = new Set([...w.botMessages(w.direct), ...w.botMessages(w.group)].map((m) => m.id));
    await w.fake.simulateMessage({ roomId: w.direct.id, personEmail: w.admin.emails[0]!, text: 'help' });
    await new Promise((r) => setTimeout(r, 5));
    await w.fake.simulateMessage({ roomId: w.group.id, personEmail: w.admin.emails[0]!, text: 'users error' });
    await w.fake.simulateMessage({ roomId: w.group.id, personEmail: w.member.emails[0]!, text: 'lunch?', mentionBot: false });
    const fresh = (room: FakeRoom) => w.botMessages(room).filter((m) => !before.has(m.id));

    app = await startWsApp(w, { databaseUrl: db.url });
    await waitFor('the start-up catch-up to answer both', () => fresh(w.direct).length + fresh(w.group).length >= 4);
    await app.bot.caughtUp();
    await app.bot.idle();
    expect(fresh(w.direct).map((m) => (m.attachments ? 'card' : m.markdown))).toEqual([expect.stringMatching(/^_Late answer: your message came \d+ seconds? ago/), 'card']);
    expect(fresh(w.group)).toHaveLength(2);
    expect(cardText(fresh(w.group)[1]!)).toMatch(/2 users match/);
    expect(fresh(w.direct)[1]!.created.getTime()).toBeLessThanOrEqual(fresh(w.group)[1]!.created.getTime());

    // Another restart looks at the same window again: nothing is answered twice.
    const count = fresh(w.direct).length + fresh(w.group).length;
    await app.stop();
    app = await startWsApp(w, { databaseUrl: db.url });
    await app.bot.caughtUp();
    await app.bot.idle();
    expect(fresh(w.direct).length + fresh(w.group).length).toBe(count);
  }, 90_000);
});
