// Injected faults: 429 with Retry-After, 5xx, slow answers, malformed JSON and dropped connections,
// each limited by method, path, count and probability.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { call } from './http.js';

let fake: FakeWebex;
let dice: number[] = [];
beforeAll(async () => {
  fake = await startFakeWebex({ random: () => dice.shift() ?? 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  dice = [];
});

describe('faults', () => {
  it('answers 429 with Retry-After a given number of times, then normally', async () => {
    const rule = fake.faults.rateLimit(/^\/people\/me$/, 7, { times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await call(fake, fake.botToken, 'GET', '/people/me');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.body).toMatchObject({ message: expect.stringContaining('Too Many Requests'), trackingId: res.headers.get('trackingid') });
    }
    expect((await call(fake, fake.botToken, 'GET', '/people/me')).status).toBe(200);
    expect(rule.hits).toBe(2);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('holds a request until the test releases it, then answers normally', async () => {
    const gate = fake.faults.hold(/^\/people\/me$/, { times: 1 });
    let answered = false;
    const held = call(fake, fake.botToken, 'GET', '/people/me').then((res) => ((answered = true), res));
    await gate.arrived;
    // Not answered while held: a second request (not held: times 1) is answered first.
    expect((await call(fake, fake.botToken, 'GET', '/people/me')).status).toBe(200);
    expect(answered).toBe(false);
    gate.release();
    expect((await held).status).toBe(200);
    expect(gate.hits).toBe(1);
  });

  it('matches the method and path, and applies a probability', async () => {
    fake.faults.serverError(/^\/webhooks/, 503, { method: 'POST', probability: 0.5 });
    expect((await call(fake, fake.botToken, 'GET', '/webhooks')).status).toBe(200);
    dice = [0.9, 0.1];
    const body = { name: 'x', targetUrl: 'http://127.0.0.1:9/', resource: 'messages', event: 'created' };
    expect((await call(fake, fake.botToken, 'POST', '/webhooks', body)).status).toBe(200);
    expect((await call(fake, fake.botToken, 'POST', '/webhooks', body)).status).toBe(503);
  });

  it('slows an answer down', async () => {
    fake.faults.delay(/^\/rooms$/, 150, { times: 1 });
    const started = Date.now();
    expect((await call(fake, fake.botToken, 'GET', '/rooms')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('sends malformed JSON or drops the connection', async () => {
    fake.faults.malformed(/^\/people\/me$/, { times: 1 });
    const res = await fetch(`${fake.url}/people/me`, { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
    fake.faults.disconnect(/^\/rooms$/, { times: 1 });
    await expect(fetch(`${fake.url}/rooms`, { headers: { authorization: `Bearer ${fake.botToken}` } })).rejects.toThrow();
    expect((await call(fake, fake.botToken, 'GET', '/rooms')).status).toBe(200);
  });

  it('is cleared by reset()', async () => {
    fake.faults.serverError(/.*/, 500);
    fake.reset();
    expect(fake.faults.rules).toHaveLength(0);
    expect((await call(fake, fake.botToken, 'GET', '/people/me')).status).toBe(200);
  });
});
