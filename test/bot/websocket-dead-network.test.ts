// Websocket mode when the network under the socket dies: no close frame, no pong, no events.
// These tests shorten the SDK's ping timings (15 s / 14 s by default) so the missed pong shows
// within a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/app.js';
import { liveSockets, readyz, startWsApp, startWsWorld, waitFor, type WsWorld } from '../support/websocket-harness.js';

describe('websocket mode when the network under the socket dies', () => {
  let w: WsWorld;
  let app: Application;
  beforeAll(async () => {
    w = await startWsWorld();
    // Pings every half second (the SDK's default is 15 s, with 14 s for the pong), so a dead
    // network shows within a second here; no grace, so /readyz says it at once.
    app = await startWsApp(w, { env: { WEBSOCKET_READY_GRACE_SECONDS: '0' }, timings: { pingMs: 500, pongTimeoutMs: 400 } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await w?.fake.close();
  });

  it('no close frame, no pong: the bot notices, says it is not ready, listens again by itself and answers what was said meanwhile', async () => {
    expect(liveSockets(w.fake)).toBe(1);
    const before = new Set(w.botMessages(w.direct).map((m) => m.id));
    const reconnectsBefore = await metric(app, 'webex_websocket_reconnects_total{by="sdk"}') + (await metric(app, 'webex_websocket_reconnects_total{by="bot"}'));
    // The network is down: the open socket hears nothing and no new one can be opened.
    const networkBack = w.fake.mercury.refuse();
    expect(w.fake.mercury.silence()).toBe(1);
    // Said into the dead network: never delivered over the socket.
    await w.fake.simulateMessage({ roomId: w.direct.id, personEmail: w.admin.emails[0]!, text: 'help' });
    await waitFor('/readyz 503 once the pong is missed', async () => (await readyz(app)) === 503, 10_000);
    expect(await metric(app, 'webex_websocket_connected')).toBe(0);
    networkBack();
    await waitFor('listening again on a new socket', async () => liveSockets(w.fake) === 1 && (await readyz(app)) === 200, 60_000);
    await waitFor('the message said into the dead network answered', () => w.botMessages(w.direct).filter((m) => !before.has(m.id)).length >= 2);
    await app.bot.caughtUp();
    await app.bot.idle();
    const fresh = w.botMessages(w.direct).filter((m) => !before.has(m.id));
    expect(fresh.map((m) => (m.attachments ? 'card' : m.markdown))).toEqual([expect.stringMatching(/^_Late answer/), 'card']);
    const reconnectsAfter = await metric(app, 'webex_websocket_reconnects_total{by="sdk"}') + (await metric(app, 'webex_websocket_reconnects_total{by="bot"}'));
    expect(reconnectsAfter).toBeGreaterThan(reconnectsBefore);
    expect(await metric(app, 'webex_websocket_connected')).toBe(1);
  }, 90_000);
});

/** A sample's value from GET /metrics (0 when absent). */
async function metric(app: Application, sample: string): Promise<number> {
  const text = await (await fetch(`${app.http.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}
