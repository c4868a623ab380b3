// Several websocket-mode instances on one PostgreSQL database with one bot token: every device
// receives every event, and the claim in the store makes each message and click handled once.
// Starting never deletes another instance's device; stopping unregisters its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/app.js';
import { submits } from '../support/cards.js';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';
import { liveSockets, startWsApp, startWsWorld, waitFor, type WsWorld } from '../support/websocket-harness.js';

describe('websocket mode, two instances, one token, one PostgreSQL', () => {
  let w: WsWorld;
  let pg: ThrowAwayDatabase;
  const apps: Application[] = [];
  beforeAll(async () => {
    w = await startWsWorld();
    pg = await createServerDatabase('ws');
    apps.push(await startWsApp(w, { databaseUrl: pg.url, instanceId: 'ws-a' }));
    apps.push(await startWsApp(w, { databaseUrl: pg.url, instanceId: 'ws-b' }));
  }, 90_000);
  afterAll(async () => {
    for (const a of apps) await a.stop();
    await w?.fake.close();
    await pg?.drop();
  });

  /** Duplicates seen live by all instances (the loser of each claim counts one). */
  async function duplicates(): Promise<number> {
    let n = 0;
    for (const a of apps) {
      const text = await a.metrics.text();
      for (const line of text.split('\n')) if (line.startsWith('websocket_events_total{') && line.includes('outcome="duplicate"') && line.includes('source="live"')) n += Number(line.split(' ').pop());
    }
    return n;
  }

  it('both are listening, each on its own device', async () => {
    await waitFor('two sockets', () => liveSockets(w.fake) === 2);
    expect(w.fake.mercury.devices(w.fake.state.botId)).toHaveLength(2);
  });

  it('answers each of 8 messages and a click exactly once although both instances receive them', async () => {
    const before = w.botMessages().length;
    const dupBefore = await duplicates();
    for (let i = 0; i < 8; i++) await w.fake.simulateMessage({ roomId: w.direct.id, personEmail: w.admin.emails[0]!, text: 'users' });
    // Every event reached both devices: one instance handled it, the other found it claimed.
    await waitFor('8 duplicate claims', async () => (await duplicates()) - dupBefore >= 8);
    await waitFor('8 replies', () => w.botMessages().length - before >= 8);
    await Promise.all(apps.map((a) => a.bot.idle()));
    expect(w.botMessages().length - before).toBe(8);

    const card = w.botMessages().at(-1)!;
    const next = submits(card).find((d) => d.action === 'users.page' && d.page === 1)!;
    await w.fake.simulateCardAction({ messageId: card.id, personEmail: w.admin.emails[0]!, inputs: next });
    await waitFor('the click claimed by one, refused as duplicate by the other', async () => (await duplicates()) - dupBefore >= 9);
    await waitFor('the answer to the click', () => w.botMessages().length - before >= 9);
    await Promise.all(apps.map((a) => a.bot.idle()));
    expect(w.botMessages().length - before).toBe(9);
  }, 60_000);

  it('restarts never delete the other instance\'s device, and leave one device per running instance', async () => {
    for (let i = 0; i < 3; i++) {
      await apps.pop()!.stop();
      await waitFor('the stopped instance\'s device unregistered', () => w.fake.mercury.devices(w.fake.state.botId).length === 1);
      apps.push(await startWsApp(w, { databaseUrl: pg.url, instanceId: `ws-b${i}` }));
      await waitFor('two sockets again', () => liveSockets(w.fake) === 2);
      expect(w.fake.mercury.devices(w.fake.state.botId)).toHaveLength(2);
    }
    expect(w.fake.requests.some((r) => r.method === 'DELETE' && r.path === '/wdm/api/v1/devices')).toBe(false);
  }, 90_000);
});
