// One system under test for bench/webhook-throughput.ts, in a process of its own (its own event
// loop and memory, so the fake Webex and the load generator do not share them):
//   ours       the application (startApplication, webhook mode, embedded or PostgreSQL store)
//   framework  a minimal bot on the bare webex-node-bot-framework + Express (its own webhook
//              handler), answering `help` with the same help card
//   express    a bare Express handler that only verifies the signature over the raw body
// The parent drives it over IPC: memory readings, peak sampling, seeding, stop.
//
// It runs on plain Node, as `npm start` does, on the build: bench/sut-process.ts compiles this file
// with its imports of ../src/ pointed at dist/ (no tsx). Each variant loads only what it uses
// (imports inside the functions), so the memory columns compare like with like.
import express from 'express';
import { createRequire } from 'node:module';
import type Framework from 'webex-node-bot-framework';
import type { Application } from '../src/app.js';

const require = createRequire(import.meta.url);
type Variant = 'ours' | 'framework' | 'express';
export type SutRequest = { id: number } & ({ type: 'memory' } | { type: 'cpu' } | { type: 'sample-start' } | { type: 'sample-stop' } | { type: 'seed'; count: number } | { type: 'expire-freshness' } | { type: 'snapshots'; count: number } | { type: 'stop' });

const variant = process.env.SUT_VARIANT as Variant;
const port = Number(process.env.SUT_PORT);
const secret = process.env.WEBEX_WEBHOOK_SECRET!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const SETTLE_MS = 2_000;

async function startOurs(): Promise<{ app: Application; stop: () => Promise<void> }> {
  const [{ startApplication }, { loadConfig }, { createLogger }] = await Promise.all([
    import('../src/app.js'),
    import('../src/config.js'),
    import('../src/logger.js'),
  ]);
  const app = await startApplication(loadConfig(process.env), { logger: createLogger('silent'), syncEveryMs: 3_600_000 });
  await app.sync.firstSync;
  return { app, stop: () => app.stop() };
}

async function startFramework(): Promise<() => Promise<void>> {
  const { pointSdkAt } = await import('../src/bot/sdk-endpoint.js');
  pointSdkAt(process.env.WEBEX_API_URL!);
  const FrameworkClass = require('webex-node-bot-framework') as typeof Framework;
  const webhook = require('webex-node-bot-framework/webhook') as (fw: Framework) => (req: unknown, res: unknown) => unknown;
  const framework = new FrameworkClass({ token: process.env.WEBEX_BOT_TOKEN!, webhookUrl: process.env.WEBEX_WEBHOOK_URL, webhookSecret: secret, removeWebhooksOnStart: false, messageFormat: 'markdown' });
  // The same help card as ours, rendered by the parent (so this process loads none of our modules).
  const help = JSON.parse(process.env.SUT_HELP_CARD!) as { card: object; fallbackText: string };
  framework.hears(/help/i, (bot) => {
    bot.sendCard(help.card, help.fallbackText).catch(() => undefined);
  });
  await framework.start();
  await new Promise<void>((resolve) => (framework.initialized ? resolve() : framework.once('initialized', () => resolve())));
  const app = express();
  const handle = webhook(framework);
  app.post('/webhook', express.json({ limit: '256kb' }), (req, res) => void handle(req, res));
  const server = app.listen(port, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

async function startExpress(): Promise<() => Promise<void>> {
  const { hasValidSignature } = await import('../src/bot/webhook-signature.js');
  const app = express();
  app.post('/webhook', express.raw({ type: () => true, limit: '256kb' }), (req, res) => {
    const ok = hasValidSignature(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.get('x-spark-signature'), secret);
    res.status(ok ? 200 : 401).json({ status: ok ? 'accepted' : 'bad_signature' });
  });
  const server = app.listen(port, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

async function main(): Promise<void> {
  let ours: Application | undefined;
  let stop: () => Promise<void>;
  if (variant === 'ours') ({ app: ours, stop } = await startOurs());
  else stop = variant === 'framework' ? await startFramework() : await startExpress();

  let sampler: NodeJS.Timeout | undefined;
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  const reply = (id: number, body: Record<string, unknown>) => process.send!({ id, ...body });
  // Resident memory at rest: a full GC, then 2 s for V8 to hand back the pages the collection
  // itself used (read at once, RSS counted up to ~90 MB of those after the throughput run).
  const settledMemory = async () => {
    gc();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal };
  };

  process.on('message', (msg: SutRequest) => {
    void (async () => {
      if (msg.type === 'cpu') {
        const c = process.cpuUsage();
        reply(msg.id, { micros: c.user + c.system });
      } else if (msg.type === 'memory') {
        reply(msg.id, { ...(await settledMemory()) });
      } else if (msg.type === 'sample-start') {
        gc();
        const m = process.memoryUsage();
        Object.assign(peak, { rss: m.rss, heapUsed: m.heapUsed });
        sampler = setInterval(sample, 2);
        reply(msg.id, { rss: m.rss, heapUsed: m.heapUsed });
      } else if (msg.type === 'sample-stop') {
        clearInterval(sampler);
        sample();
        reply(msg.id, { ...peak });
      } else if (msg.type === 'seed') {
        const t = performance.now();
        const { subscriberBatches } = await import('./subscriber-rows.js');
        for (const batch of subscriberBatches(msg.count, 5_000)) await ours!.store.subscribers.insertMany(batch);
        // Statistics, as autovacuum would have them on a database that has been running a while.
        await ours!.db.pool.query('ANALYZE');
        reply(msg.id, { ms: performance.now() - t });
      } else if (msg.type === 'expire-freshness') {
        // As if the mirror last caught up with Webex an hour ago: the next answer must refresh first.
        const { SUBSCRIBERS_SYNC_JOB } = await import('../src/provisioning/sync.js');
        await ours!.db.pool.query(`UPDATE "JobLease" SET "lastRunAt" = "lastRunAt" - interval '1 hour' WHERE "name" = $1`, [SUBSCRIBERS_SYNC_JOB]);
        ours!.provisioning.forgetFreshness();
        reply(msg.id, {});
      } else if (msg.type === 'snapshots') {
        // The daily history snapshot, `count` times (a day each: a day is recorded once), as the
        // nightly job runs it while webhooks keep coming.
        const t = performance.now();
        for (let i = 0; i < msg.count; i++) await ours!.store.dailyStats.snapshot(new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10), new Date());
        reply(msg.id, { ms: performance.now() - t });
      } else if (msg.type === 'stop') {
        await stop();
        reply(msg.id, {});
        process.exit(0);
      }
    })().catch((err: Error) => reply(msg.id, { error: err.message }));
  });
  process.send!({ id: 0, ready: true });
}

main().catch((err: Error) => {
  console.error(`sut ${variant} failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
