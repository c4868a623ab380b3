import { Router } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { startApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

// Warnings only: a shutdown step that hangs is named in the test output.
const quiet = createLogger('warn');

let slowReceived: () => void = () => {};

function testRouter(): Router {
  const r = Router();
  r.get('/test/boom', () => {
    throw new Error('secret internal detail at /srv/app.ts:42');
  });
  r.get('/test/slow', async (_req, res) => {
    slowReceived();
    await new Promise((resolve) => setTimeout(resolve, 600));
    res.json({ finished: true });
  });
  r.post('/test/echo', (req, res) => {
    res.json(req.body ?? null);
  });
  return r;
}

describe('HTTP server', () => {
  let app: Application | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  async function start() {
    app = await startApplication(loadConfig({ PORT: '0', DATA_DIR: 'memory://' }), { logger: quiet, routers: [testRouter()] });
    return app;
  }

  it('answers /healthz and /readyz, and turns unready when the database is gone', async () => {
    const a = await start();
    const health = await fetch(`${a.http.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${a.http.url}/readyz`);
    expect(ready.status).toBe(200);
    await a.db.close();
    const unready = await fetch(`${a.http.url}/readyz`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toEqual({ status: 'unavailable' });
  });

  it('gives a JSON 404 with a request id', async () => {
    const a = await start();
    const res = await fetch(`${a.http.url}/nope`, { headers: { 'x-request-id': 'req-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(await res.json()).toEqual({ error: 'not_found', message: 'No route for GET /nope', requestId: 'req-123' });
  });

  it('never leaks an error or a stack trace', async () => {
    const a = await start();
    const res = await fetch(`${a.http.url}/test/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/secret internal detail|\.ts:|at /);
    expect(JSON.parse(text)).toMatchObject({ error: 'internal_error', message: 'Something went wrong.' });
  });

  it('finishes an in-flight request on shutdown, then refuses new ones', async () => {
    const a = await start();
    const url = a.http.url;
    const received = new Promise<void>((resolve) => (slowReceived = resolve));
    const inFlight = fetch(`${url}/test/slow`);
    await received;
    const stopped = a.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
    await stopped;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
