// The emulator page acts as an admin with no login, so who may reach it is checked on every
// request: the real application in local mode, raw HTTP requests with chosen Host and Origin.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch will not send a Host header of our choosing. */
function send(app: Application, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: app.http.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('emulator request guards (local mode)', () => {
  let app: Application;
  let own: string;
  let groupRoomId: string;

  beforeAll(async () => {
    app = await startApplication(loadConfig({ PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    own = `127.0.0.1:${app.http.port}`;
    groupRoomId = app.local!.groupRoom.id;
  }, 60_000);
  afterAll(() => app?.stop());

  const post = (path: string, headers: Record<string, string>) =>
    send(app, path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ as: 'admin', text: 'help' }) });

  it('answers on each loopback name it serves', async () => {
    for (const host of [own, `localhost:${app.http.port}`, `[::1]:${app.http.port}`]) {
      expect((await send(app, '/', { headers: { host } })).status, host).toBe(200);
      expect((await send(app, '/emulator/api/session', { headers: { host } })).status, host).toBe(200);
    }
  });

  it('refuses a Host it does not serve (DNS rebinding) on the page, its assets and its API', async () => {
    for (const host of [`evil.example:${app.http.port}`, '127.0.0.1:1', `attacker.test`]) {
      for (const path of ['/', '/emulator/assets/emulator.js', '/emulator/vendor/adaptivecards.min.js', '/emulator/api/session']) {
        const res = await send(app, path, { headers: { host } });
        expect(res.status, `${host} ${path}`).toBe(403);
        expect(JSON.parse(res.body).error).toBe('forbidden');
      }
      const res = await post(`/emulator/api/spaces/${groupRoomId}/messages`, { host, origin: `http://${host}` });
      expect(res.status, host).toBe(403);
    }
  });

  it('refuses a state-changing request with no Origin, Origin null, or another origin', async () => {
    const messagesBefore = app.local!.fake.state.messages.size;
    const origins: Record<string, string>[] = [{}, { origin: 'null' }, { origin: 'http://evil.example' }, { origin: 'not a url' }];
    for (const headers of origins) {
      for (const path of [`/emulator/api/spaces/${groupRoomId}/messages`, '/emulator/api/card-actions', '/emulator/api/follow-up']) {
        const res = await post(path, { host: own, ...headers });
        expect(res.status, `${JSON.stringify(headers)} ${path}`).toBe(403);
      }
    }
    expect(app.local!.fake.state.messages.size).toBe(messagesBefore);
  });

  it('accepts a POST from its own page', async () => {
    const res = await post(`/emulator/api/spaces/${groupRoomId}/messages`, { host: own, origin: `http://${own}` });
    expect(res.status).toBe(201);
  });

  it('its content security policy allows no image from another site', async () => {
    for (const path of ['/', '/emulator/assets/emulator.js']) {
      const csp = String((await send(app, path, { headers: { host: own } })).headers['content-security-policy']);
      const imgSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'));
      expect(imgSrc, path).toBe("img-src 'self' data:");
    }
  });

  it('"Make a user fail in Webex" changes the simulated Webex behind the bot, and the mirror sees it at once', async () => {
    const answer = await post('/emulator/api/fail-user', { host: own, origin: `http://${own}` });
    expect(answer.status).toBe(200);
    const { userId } = JSON.parse(answer.body) as { userId: string | null };
    expect(userId).toEqual(expect.any(String));
    const [mirrored] = await app.provisioning.findSubscribers(userId!);
    expect(mirrored).toMatchObject({ status: 'error', errorCode: 10500 });
    // Like every state-changing request: refused without the page's own Origin.
    expect((await post('/emulator/api/fail-user', { host: own })).status).toBe(403);
  });
});
