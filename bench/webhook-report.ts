// The markdown of bench/webhook-throughput.ts: method, figures, and each target next to them.
import { cpus } from 'node:os';
import type { LoadResult } from './loopback-load.js';
import type { Memory } from './sut-process.js';

export type Store = 'embedded' | 'postgres';
/** `idle`: after start, before any event; `memory`: after the throughput run (both at rest, after a GC). */
export type Measured = LoadResult & { idle: Memory; memory: Memory; sutCpu: number; loadCpu: number };
export interface ListCost {
  store: Store;
  seedMs: number;
  users: { ms: number; extra: Memory };
  export: { ms: number; extra: Memory };
}

export interface WebhookFigures {
  seconds: number;
  method: { senders: number; events: number; rounds: number; subscribers: number; soakEvents: number };
  postgres: boolean;
  express: Measured;
  framework: Measured;
  ours: [Store, Measured][];
  lists: ListCost[];
  soak: { store: Store; result: LoadResult; before: Memory; after: Memory };
  /** What package.json's start script sets (the systems under test ran with it). */
  start: { env: Record<string, string>; flags: string[] };
}

const MB = 1_048_576;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const ms = (v: number) => v.toFixed(1);
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
const storeName = (s: Store) => (s === 'embedded' ? 'embedded (PGlite)' : 'server (PostgreSQL 15)');

const MEMORY_GOALS: Record<Store, { idle?: number; after: number }> = { embedded: { idle: 300, after: 500 }, postgres: { after: 350 } };

function memoryGoal(store: Store, r: Measured): string {
  const goal = MEMORY_GOALS[store];
  const parts = [`${storeName(store)} after the run ${mb(r.memory.rss)} MB (goal ≤ ${goal.after}: ${yes(r.memory.rss <= goal.after * MB)})`];
  if (goal.idle) parts.push(`idle ${mb(r.idle.rss)} MB (goal ≤ ${goal.idle}: ${yes(r.idle.rss <= goal.idle * MB)})`);
  return parts.join(', ');
}

function startSettings(start: WebhookFigures['start']): string {
  const env = Object.entries(start.env).map(([k, v]) => `\`${k}=${v}\``);
  const flags = start.flags.map((x) => `\`${x}\``);
  return [...env, ...flags].join(', ') || 'no extra settings';
}

export function webhookReport(f: WebhookFigures): string {
  const m = f.method;
  const ratio = (r: Measured) => r.perSecond / f.framework.perSecond;
  const row = (name: string, r: Measured, target: string) =>
    `| ${name} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.failures} | ${(ratio(r) * 100).toFixed(0)} % | ${target} | ${(r.sutCpu * 100).toFixed(0)} % | ${(r.loadCpu * 100).toFixed(0)} % | ${mb(r.idle.rss)} | ${mb(r.memory.rss)} |`;
  const growth = (f.soak.after.heapUsed - f.soak.before.heapUsed) / MB;
  const lines = [
    '### Webhook throughput: this bot next to a bare-framework bot and a bare Express handler',
    '',
    `Method: each system under test runs in a Node process of its own; the fake Webex and the load generator share another (${cpus().length} CPUs in all). ${m.senders} admins each send \`help\` in their 1:1 space, one message after the other (closed loop): the message is written in the fake, its signed webhook event POSTed to the system, and the clock runs until the bot's reply (the help card) is in the fake — the framework's reads (\`GET /messages/{id}\`, \`GET /people\`) and the \`POST /messages\` included. ${m.events.toLocaleString('en')} events after 300 of warm-up, each system started fresh, ${m.rounds} rounds alternating between the systems, the best round of each shown. The bare-framework bot (webex-node-bot-framework + Express, the framework's own webhook handler) answers \`help\` with the same card; the bare Express handler only verifies the signature over the raw body (no reply: its time is the HTTP answer). "CPU" is busy time over wall time (100 % = one core).`,
    '',
    'Target: this bot ≥ 70 % of the bare-framework bot\'s throughput.',
    '',
    '| system | events/s | p50 ms | p99 ms | failed | vs framework | target met | its CPU | load side CPU | RSS idle after start, MB | RSS after the run, MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    row('bare Express, signature check only', f.express, '—'),
    row('bare webex-node-bot-framework bot', f.framework, '—'),
    ...f.ours.map(([store, r]) => row(`this bot, ${storeName(store)}`, r, yes(ratio(r) >= 0.7))),
    '',
    `Resident memory: RSS of the whole process at rest (a full GC, then 2 s for V8 to return the pages the collection itself used), the embedded database's thread included. Every system ran as \`npm start\` runs the bot: plain Node on the build (dist/), with ${startSettings(f.start)}. Goals from issue 17: ${f.ours.map(([store, r]) => memoryGoal(store, r)).join('; ')}.`,
    '',
    'What holds it, after the run: the JavaScript heap (committed by V8, the bot\'s objects and compiled code) and the rest (Node and V8 themselves, the native side of the libraries, malloc, and for the embedded database its thread: a second JavaScript heap, PGlite\'s WebAssembly code and its Wasm memory, where PostgreSQL\'s 16 MB buffer cache lives).',
    '',
    '| system | RSS after the run, MB | JavaScript heap, MB | the rest, MB | over the bare framework, MB |',
    '|---|---|---|---|---|',
    ...[['bare webex-node-bot-framework bot', f.framework] as const, ...f.ours.map(([store, r]) => [`this bot, ${storeName(store)}`, r] as const)].map(
      ([name, r]) =>
        `| ${name} | ${mb(r.memory.rss)} | ${r.memory.heapTotal !== undefined ? mb(r.memory.heapTotal) : '—'} | ${r.memory.heapTotal !== undefined ? mb(r.memory.rss - r.memory.heapTotal) : '—'} | ${r === f.framework ? '—' : mb(r.memory.rss - f.framework.memory.rss)} |`,
    ),
    '',
    `### \`users\` and \`export all\` through the bot, ${m.subscribers.toLocaleString('en')} subscribers`,
    '',
    `Method: ${m.subscribers.toLocaleString('en')} subscribers (bench/subscriber-rows.ts) inserted into the bot's store, then \`ANALYZE\`. One \`users\` (first page of pending + errored, after one warm-up) and one \`export all\` (every subscriber as CSV), each end to end: signed event in, card or CSV file in the fake. Memory: the bot process's peak (sampled every 2 ms) over its idle reading after a GC; RSS is the whole process (the embedded database's thread included), heap the bot's own JavaScript heap.`,
    '',
    'Target: export under 3 s and under 64 MB extra.',
    '',
    '| database | seed | `users` | `users` extra RSS / heap | `export all` | `export all` extra RSS / heap | target met |',
    '|---|---|---|---|---|---|---|',
    ...f.lists.map(
      (l) =>
        `| ${storeName(l.store)} | ${(l.seedMs / 1000).toFixed(1)} s | ${ms(l.users.ms)} ms | ${mb(l.users.extra.rss)} / ${mb(l.users.extra.heapUsed)} MB | ${(l.export.ms / 1000).toFixed(2)} s | ${mb(l.export.extra.rss)} / ${mb(l.export.extra.heapUsed)} MB | ${yes(l.export.ms < 3_000 && Math.max(l.export.extra.rss, l.export.extra.heapUsed) < 64 * MB)} |`,
    ),
    '',
    `### Soak: ${m.soakEvents.toLocaleString('en')} events`,
    '',
    `Method: the same \`help\` load on ${storeName(f.soak.store)}; memory at rest (as above) once 1,000 events of warm-up are done, and again at the end.`,
    '',
    '| events | events/s | failed | RSS start → end | heap start → end | heap growth |',
    '|---|---|---|---|---|---|',
    `| ${m.soakEvents.toLocaleString('en')} | ${f.soak.result.perSecond.toFixed(0)} | ${f.soak.result.failures} | ${mb(f.soak.before.rss)} → ${mb(f.soak.after.rss)} MB | ${mb(f.soak.before.heapUsed)} → ${mb(f.soak.after.heapUsed)} MB | ${growth.toFixed(1)} MB |`,
    '',
    `_Webhook section: ${f.seconds.toFixed(0)} s._`,
    '',
  ];
  if (!f.postgres) lines.push('PostgreSQL was not reachable: its rows are missing.', '');
  return lines.join('\n');
}
