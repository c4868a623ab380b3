// `npm start` in websocket mode, as a process: a bot token and no WEBEX_WEBHOOK_URL against the fake
// Webex over loopback. It registers one device, answers a command over the socket, is ready while
// listening, and on SIGTERM closes its socket and unregisters its device.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';
import { ADMIN_EMAIL } from '../support/bot-harness.js';
import { liveSockets, startWsWorld, waitFor, type WsWorld } from '../support/websocket-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('npm start in websocket mode', () => {
  let w: WsWorld;
  let pg: ThrowAwayDatabase;
  beforeAll(async () => {
    w = await startWsWorld();
    pg = await createServerDatabase('wsstart');
  }, 60_000);
  afterAll(async () => {
    await w?.fake.close();
    await pg?.drop();
  });

  it('registers one device, answers over the socket, and unregisters it on SIGTERM', { timeout: 120_000 }, async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: pg.url,
      WEBEX_BOT_TOKEN: w.fake.botToken,
      WEBEX_API_URL: w.fake.url,
      WEBEX_U2C_URL: w.fake.u2cUrl,
      ADMIN_EMAILS: ADMIN_EMAIL,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const url = await waitFor('the listening line', () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1], 60_000);
    expect(out).toContain('"mode":"websocket"');
    await waitFor('one socket', () => liveSockets(w.fake) === 1);
    expect(w.fake.mercury.devices(w.fake.state.botId)).toHaveLength(1);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    await w.fake.simulateMessage({ roomId: w.direct.id, personEmail: ADMIN_EMAIL, text: 'help' });
    await waitFor('the answer to help', () => w.botMessages().length >= 1);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(w.fake.mercury.devices(w.fake.state.botId)).toHaveLength(0);
    expect(liveSockets(w.fake)).toBe(0);
  });
});
