// The webhook door: only correctly signed requests get in; the rest get no reply and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/bot/webhook-signature.js';
import { startHarness, WEBHOOK_SECRET, type Harness } from '../support/bot-harness.js';

describe('webhook endpoint', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness();
    url = `${h.app.http.url}/webhook`;
  }, 60_000);
  afterAll(() => h?.close());

  /** A real message in the fake, and the envelope Webex would send for it. */
  function envelope(text: string) {
    return (async () => {
      const before = h.botMessages().length;
      const { message: m } = await h.fake.simulateMessage({ roomId: h.direct.id, personEmail: h.admin.emails[0]!, text });
      await h.app.bot.idle();
      const webhook = [...h.fake.state.webhooks.values()].find((w) => w.resource === 'all')!;
      return {
        before: h.botMessages().length,
        handledOnce: h.botMessages().length === before + 1,
        // Same shape as the fake's own delivery of that message event.
        body: JSON.stringify({ id: webhook.id, name: webhook.name, targetUrl: webhook.targetUrl, resource: 'messages', event: 'created', orgId: h.fake.state.orgId, createdBy: h.fake.state.botId, appId: 'app', ownedBy: 'creator', status: 'active', created: new Date().toISOString(), actorId: h.admin.id, data: { id: m.id, roomId: h.direct.id, roomType: 'direct', personId: h.admin.id, personEmail: h.admin.emails[0], created: new Date().toISOString() } }),
      };
    })();
  }

  async function post(body: string, signature?: string) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-spark-signature': signature } : {}) }, body });
    await h.app.bot.idle();
    return res;
  }

  it('refuses a missing or wrong signature with no reply and no change', async () => {
    const e = await envelope('help');
    expect(e.handledOnce).toBe(true);
    const events = await h.app.store.events.count();
    expect((await post(e.body)).status).toBe(401);
    expect((await post(e.body, signBody(e.body, 'not-the-secret-at-all'))).status).toBe(401);
    expect((await post(e.body, 'zz')).status).toBe(401);
    expect((await post(`${e.body} `, signBody(e.body, WEBHOOK_SECRET))).status).toBe(401); // bytes changed after signing
    expect(h.botMessages().length).toBe(e.before);
    expect(await h.app.store.events.count()).toBe(events);
  });

  it('answers a signed redelivery of a handled event without handling it again', async () => {
    const e = await envelope('help');
    const res = await post(e.body, signBody(e.body, WEBHOOK_SECRET));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'duplicate' });
    expect(h.botMessages().length).toBe(e.before);
  });

  it('rejects signed garbage as malformed, without crashing', async () => {
    for (const body of ['not json', '{}', JSON.stringify({ resource: 'messages', data: {} }), '[]']) {
      const res = await post(body, signBody(body, WEBHOOK_SECRET));
      expect(res.status).toBe(400);
    }
    expect((await fetch(`${h.app.http.url}/healthz`)).status).toBe(200);
  });

  it('registered its webhooks with the secret and never deleted anyone else\'s', async () => {
    const hooks = [...h.fake.state.webhooks.values()];
    expect(hooks.map((w) => w.resource).sort()).toEqual(['all', 'attachmentActions']);
    expect(hooks.every((w) => w.secret === WEBHOOK_SECRET && w.targetUrl === url)).toBe(true);
    expect(h.fake.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/webhooks'))).toBe(false);
  });
});
