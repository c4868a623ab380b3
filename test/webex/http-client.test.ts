// The REST client against the fake over loopback: retries and their bounds, Retry-After, timeouts,
// malformed JSON, network errors, Link paging, and errors that carry status / message / trackingId.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/errors.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { WebexClient, webexPersonSchema, type WebexClientOptions } from '../../src/webex/index.js';
import { freePort } from '../support/free-port.js';

let fake: FakeWebex;
let delays: number[] = [];
const SECRET_TOKEN = 'super-secret-admin-token-ABC123';

beforeAll(async () => {
  fake = await startFakeWebex({ adminTokens: [SECRET_TOKEN] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  delays = [];
});

/** A client whose waits are recorded, not slept (unless a test wants real time). */
const client = (opts: Partial<WebexClientOptions> = {}) =>
  new WebexClient({
    baseUrl: fake.url,
    token: SECRET_TOKEN,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    backoffBaseMs: 100,
    ...opts,
  });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('retries', () => {
  it('waits Retry-After (1 s) after a 429, then returns the data', async () => {
    fake.faults.rateLimit(/^\/people\/me$/, 1, { times: 1 });
    const started = Date.now();
    const me = await client({ sleep: undefined }).get('/people/me', webexPersonSchema);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(me).toMatchObject({ id: fake.state.adminId, emails: ['admin@example.com'], invitePending: false });
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('backs off with jitter on 5xx and recovers', async () => {
    fake.faults.serverError(/^\/people\/me$/, 502, { times: 2 });
    await client().get('/people/me', webexPersonSchema);
    expect(delays).toEqual([75, 150]); // equal jitter with random 0.5: ¾ of 100, then of 200
    expect(fake.requests).toHaveLength(3);
    // The attempts of one request carry one tracking id, numbered (Webex's <prefix>_<id>_<n>).
    const ids = fake.requests.map((r) => r.headers.trackingid ?? '');
    expect(ids.map((id) => id.replace(/_\d+$/, ''))).toEqual([ids[0]!.replace(/_1$/, ''), ids[0]!.replace(/_1$/, ''), ids[0]!.replace(/_1$/, '')]);
    expect(ids.map((id) => id.split('_').at(-1))).toEqual(['1', '2', '3']);
    await client().get('/people/me', webexPersonSchema);
    expect(fake.requests[3]!.headers.trackingid!.replace(/_\d+$/, '')).not.toBe(ids[0]!.replace(/_1$/, ''));
  });

  it('gives up after the bound on repeated 5xx with a clear error', async () => {
    fake.faults.serverError(/^\/people\/me$/, 503);
    const err = await failure(client({ maxAttempts: 3 }).get('/people/me', webexPersonSchema));
    expect(err.code).toBe('webex_error');
    expect(err.message).toMatch(/^Webex GET \/people\/me failed with HTTP 503: Webex had a server error; try again later\. Webex said: "Service Unavailable/);
    expect(err.details).toMatchObject({ status: 503, attempts: 3, trackingId: expect.stringMatching(/^webex-activation-bot_/) });
    expect(fake.requests).toHaveLength(3);
  });

  it('reports a 429 whose Retry-After is too long instead of waiting', async () => {
    fake.faults.rateLimit(/^\/people\/me$/, 3600);
    const err = await failure(client().get('/people/me', webexPersonSchema));
    expect(err.code).toBe('webex_rate_limited');
    expect(err.details).toMatchObject({ status: 429, retryAfterSeconds: 3600 });
    expect(err.message).toContain('try again in 3600 s');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a dropped connection for GET but not for a POST that may have landed', async () => {
    fake.faults.disconnect(/^\/people\/me$/, { times: 1 });
    await expect(client().get('/people/me', webexPersonSchema)).resolves.toMatchObject({ id: fake.state.adminId });
    fake.faults.disconnect(/^\/messages$/, { times: 1 });
    const err = await failure(client().post('/messages', { toPersonEmail: 'admin@example.com', text: 'x' }, z.unknown()));
    expect(err.code).toBe('webex_error');
    expect(err.message).toMatch(/^Could not reach Webex for POST \/messages/);
    expect(fake.requests.filter((r) => r.path === '/messages')).toHaveLength(1);
  });
});

describe('what is sent again', () => {
  const post = () => client({ maxAttempts: 3 }).post('/messages', { toPersonEmail: 'admin@example.com', text: 'x' }, z.unknown());
  const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/messages').length;

  it.each([500, 502, 504])('does not repeat a POST answered %i (Webex may have acted on it)', async (status) => {
    fake.faults.serverError(/^\/messages$/, status, { times: 1 });
    const err = await failure(post());
    expect(err.details).toMatchObject({ status });
    expect(posts()).toBe(1);
  });

  it('repeats a POST answered 429 (Webex did not act), and it lands once', async () => {
    fake.faults.rateLimit(/^\/messages$/, 0, { times: 1 });
    await expect(post()).resolves.toMatchObject({ text: 'x' });
    expect(posts()).toBe(2);
    expect(fake.state.messages.size).toBe(1);
  });

  it('repeats a POST answered 503 with Retry-After', async () => {
    fake.faults.add({ path: /^\/messages$/, fault: { type: 'status', status: 503, retryAfterSeconds: 0 }, times: 1 });
    await expect(post()).resolves.toMatchObject({ text: 'x' });
    expect(posts()).toBe(2);
  });

  it('repeats a GET answered 502', async () => {
    fake.faults.serverError(/^\/people\/me$/, 502, { times: 1 });
    await expect(client().get('/people/me', webexPersonSchema)).resolves.toMatchObject({ id: fake.state.adminId });
    expect(fake.requests.filter((r) => r.path === '/people/me')).toHaveLength(2);
  });

  it('repeats a POST whose connection was refused (nothing was sent)', async () => {
    const closed = await freePort();
    const statuses: unknown[] = [];
    const c = client({ baseUrl: `http://127.0.0.1:${closed}/v1`, maxAttempts: 3, onResponse: (r) => statuses.push(r.status) });
    const err = await failure(c.post('/messages', { text: 'x' }, z.unknown()));
    expect(err.code).toBe('webex_error');
    expect(statuses).toEqual(['network', 'network', 'network']);
  });
});

describe('timeouts and bad bodies', () => {
  it('reports a timeout instead of hanging', async () => {
    fake.faults.delay(/^\/people\/me$/, 5_000);
    const statuses: unknown[] = [];
    const err = await failure(client({ timeoutMs: 100, maxAttempts: 2, onResponse: (r) => statuses.push(r.status) }).get('/people/me', webexPersonSchema));
    // Each attempt was cut at its timeout (not the fake's 5 s delay), and there were exactly two.
    expect(statuses).toEqual(['timeout', 'timeout']);
    expect(err.code).toBe('webex_timeout');
    expect(err.message).toBe('Webex did not answer GET /people/me within 100 ms (attempt 2 of 2).');
  });

  it('does not repeat a POST that timed out', async () => {
    fake.faults.delay(/^\/messages$/, 5_000);
    const err = await failure(client({ timeoutMs: 100 }).post('/messages', { toPersonEmail: 'admin@example.com', text: 'x' }, z.unknown()));
    expect(err.code).toBe('webex_timeout');
    expect(fake.requests).toHaveLength(1);
  });

  it('turns malformed JSON into webex_error', async () => {
    fake.faults.malformed(/^\/people\/me$/, { times: 1 });
    const err = await failure(client().get('/people/me', webexPersonSchema));
    expect(err.code).toBe('webex_error');
    expect(err.message).toBe('Webex answered GET /people/me (HTTP 200) with a body that is not valid JSON.');
  });

  it('turns an unexpected shape into webex_error naming the field', async () => {
    const err = await failure(client().get('/people/me', z.looseObject({ id: z.number() })));
    expect(err.message).toMatch(/unexpected shape \(id: /);
  });
});

describe('errors', () => {
  it('carries the status, Webex message and trackingId, never the token', async () => {
    const err = await failure(client().get('/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub3BlCg', webexPersonSchema));
    expect(err.code).toBe('not_found');
    expect(err.details).toMatchObject({ status: 404, webexMessage: 'Could not find a person with provided ID.', method: 'GET' });
    const unauthorized = await failure(client({ token: 'wrong-token-XYZ' }).get('/people/me', webexPersonSchema));
    expect(unauthorized.code).toBe('webex_unauthorized');
    const bot = await failure(client({ token: fake.botToken }).get(`/settings/organizations/${fake.state.orgId}/settings/allow-admin-invite-emails`, z.unknown()));
    expect(bot.code).toBe('webex_forbidden');
    expect(bot.message).toContain('a bot token cannot call admin APIs');
    for (const e of [err, unauthorized, bot]) {
      expect(`${e.message} ${JSON.stringify(e.details)}`).not.toMatch(/super-secret|wrong-token|fake-bot-token/);
    }
  });
});

describe('paging', () => {
  it('follows Link rel="next" across pages', async () => {
    for (let i = 0; i < 250; i++) fake.seed.person({ email: `user${String(i).padStart(3, '0')}@example.com` });
    const emails: string[] = [];
    for await (const p of client().paginate('/people', webexPersonSchema, { max: 100 })) emails.push(p.emails[0]!);
    expect(emails).toHaveLength(251);
    expect(new Set(emails).size).toBe(251);
    expect(fake.requests.map((r) => r.query.cursor !== undefined)).toEqual([false, true, true]);
  });

  it('refuses to follow a next link to another host with the token', async () => {
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', link: '<http://attacker.invalid/v1/people?cursor=x>; rel="next"' }).end('{"items":[]}');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/v1`;
      const pages = new WebexClient({ baseUrl: base, token: SECRET_TOKEN }).paginate('/people', webexPersonSchema);
      const err = await failure((async () => {
        for await (const _ of pages) void _;
      })());
      expect(err.message).toMatch(/^Refusing to send the Webex token to http:\/\/attacker\.invalid/);
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });
});
