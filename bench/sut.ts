// One system under test for bench/webhook-throughput.ts, in a process of its own (its own event
// loop and memory, so the fake Webex and the load generator do not share them):
//   ours       the application (startApplication, webhook mode, embedded or PostgreSQL store)
//   framework  a minimal bot on the bare webex-node-bot-framework + Express (its own webhook
//              handler), answering `help` with the same help card
//   express    a bare Express handler that only verifies the signature over the raw body
// The parent drives it over IPC: memory readings, peak sampling, seeding, stop.
import express from 'express';
import Framework from 'webex-node-bot-framework';
import { createRequire } from 'node:module';
import { startApplication, type Application } from '../src/app.js';
import { createCommands } from '../src/bot/commands/index.js';
import { pointSdkAt } from '../src/bot/sdk-endpoint.js';
import { hasValidSignature } from '../src/bot/webhook-signature.js';
import { renderHelp } from '../src/cards/index.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { SUBSCRIBERS_SYNC_JOB } from '../src/provisioning/sync.js';
import { subscriberBatches } from './subscriber-rows.js';

const require = createRequire(import.meta.url);
type Variant = 'ours' | 'framework' | 'express';
export type SutRequest = { id: number } & ({ type: 'memory' } | { type: 'cpu' } | { type: 'sample-start' } | { type: 'sample-stop' } | { type: 'seed'; count: number } | { type: 'expire-freshness' } | { type: 'snapshots'; count: number } | { type: 'stop' });

const variant = process.env.SUT_VARIANT as Variant;
const port = Number(process.env.SUT_PORT);
const secret = process.env.WEBEX_WEBHOOK_SECRET!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function startOurs(): Promise<{ app: Application; stop: () => Promise<void> }> {
  const app = await startApplication(loadConfig(process.env), { logger: createLogger('silent'), syncEveryMs: 3_600_000 });
  await app.sync.firstSync;
  return { app, stop: () => app.stop() };
}

async function startFramework(): Promise<() => Promise<void>> {
  pointSdkAt(process.env.WEBEX_API_URL!);
  const webhook = require('webex-node-bot-framework/webhook') as (fw: Framework) => (req: unknown, res: unknown) => unknown;
  const framework = new Framework({ token: process.env.WEBEX_BOT_TOKEN!, webhookUrl: process.env.WEBEX_WEBHOOK_URL, webhookSecret: secret, removeWebhooksOnStart: false, messageFormat: 'markdown' });
  const help = renderHelp({ cardId: 'bench', commands: createCommands().map((c) => ({ command: c.usage, description: c.description, example: c.example })) });
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

  process.on('message', (msg: SutRequest) => {
    void (async () => {
      if (msg.type === 'cpu') {
        const c = process.cpuUsage();
        reply(msg.id, { micros: c.user + c.system });
      } else if (msg.type === 'memory') {
        gc();
        const m = process.memoryUsage();
        reply(msg.id, { rss: m.rss, heapUsed: m.heapUsed });
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
        for (const batch of subscriberBatches(msg.count, 5_000)) await ours!.store.subscribers.insertMany(batch);
        // Statistics, as autovacuum would have them on a database that has been running a while.
        await ours!.db.pool.query('ANALYZE');
        reply(msg.id, { ms: performance.now() - t });
      } else if (msg.type === 'expire-freshness') {
        // As if the mirror last caught up with Webex an hour ago: the next answer must refresh first.
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
