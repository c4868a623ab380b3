// Webhook throughput, list/export cost and a soak, each next to its baseline in the same run.
// `run()` returns the markdown section for bench/results.md; `tsx bench/webhook-throughput.ts`
// prints it. Sizes: BENCH_EVENTS, BENCH_SUBSCRIBERS, BENCH_SOAK_EVENTS (defaults 3,000 / 100,000 / 20,000).
// throughput() and listCost() are exported to measure or profile one section on its own
// (with BENCH_PROFILE_DIR, see sut-process.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServerDatabase, serverIsUp, type ThrowAwayDatabase } from '../test/support/postgres.js';
import { freePort } from '../test/support/free-port.js';
import { drive, startLoadFake, takeOverDelivery, webhookBotEnv, type LoadFake } from './loopback-load.js';
import { startCommand, startSut, type Memory, type Sut, type Variant } from './sut-process.js';
import { webhookReport, type ListCost, type Measured, type Store } from './webhook-report.js';
import { runIfMain } from './run-if-main.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const SOAK_EVENTS = Number(process.env.BENCH_SOAK_EVENTS ?? 20_000);
const SENDERS = 16;
/** Throughput runs alternate between the systems this many times; the best of each is reported
 * (the machine may be busy with other work: the best run is the least disturbed). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);


export interface Started {
  load: LoadFake;
  sut: Sut;
  webhookName: string;
  close(): Promise<void>;
}

/** A fresh fake Webex and one system under test wired to it (`env`: extra settings for it). */
export async function start(variant: Variant, store: Store = 'embedded', env: Record<string, string> = {}): Promise<Started> {
  const load = await startLoadFake(SENDERS);
  const port = await freePort();
  let db: ThrowAwayDatabase | undefined;
  let dir: string | undefined;
  if (variant === 'ours' && store === 'postgres') db = await createServerDatabase('bench');
  else if (variant === 'ours') dir = await mkdtemp(path.join(tmpdir(), 'bench-data-'));
  const sut = await startSut(variant, port, {
    ...webhookBotEnv(load, port),
    ...(db ? { DATABASE_URL: db.url } : { DATA_DIR: dir ?? '' }),
    ...env,
  });
  const webhookName = await takeOverDelivery(load.fake, sut.webhookUrl, variant !== 'express');
  return {
    load,
    sut,
    webhookName,
    async close() {
      await sut.stop();
      await load.close();
      await db?.drop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export const helpLoad = (s: Started, total: number) =>
  drive(s.load, { webhookUrl: s.sut.webhookUrl, webhookName: s.webhookName, total, text: 'help', expectReply: s.sut.variant !== 'express' });

/** CPU busy share (1 = one core) of the system under test and of the load side during `work`. */
async function withCpu<T>(s: Started, work: () => Promise<T>): Promise<T & { sutCpu: number; loadCpu: number }> {
  const sut0 = await s.sut.cpuMicros();
  const load0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const wall = (performance.now() - t0) * 1000;
  const load = process.cpuUsage(load0);
  return { ...result, sutCpu: ((await s.sut.cpuMicros()) - sut0) / wall, loadCpu: (load.user + load.system) / wall };
}

export async function throughput(variant: Variant, store?: Store): Promise<Measured> {
  const s = await start(variant, store);
  try {
    const idle = await s.sut.memory(); // started, nothing handled yet
    await helpLoad(s, 300); // warm-up: JIT, connection pools, the framework's per-space bots
    const result = await withCpu(s, () => helpLoad(s, EVENTS));
    return { ...result, idle, memory: await s.sut.memory() };
  } finally {
    await s.close();
  }
}

/** One command end to end (signed event in, reply in the fake). */
export async function answerMs(s: Started, text: string): Promise<number> {
  const r = await drive({ ...s.load, senders: s.load.senders.slice(0, 1) }, { webhookUrl: s.sut.webhookUrl, webhookName: s.webhookName, total: 1, text, expectReply: true, timeoutMs: 120_000 });
  if (r.failures) throw new Error(`"${text}" got no answer`);
  return r.p50;
}

/** One command end to end, with peak memory over idle (the sampling slows the answer a little). */
export async function timed(s: Started, text: string): Promise<{ ms: number; extra: Memory }> {
  const idle = await s.sut.startSampling();
  const ms = await answerMs(s, text);
  const peak = await s.sut.stopSampling();
  return { ms, extra: { rss: peak.rss - idle.rss, heapUsed: peak.heapUsed - idle.heapUsed } };
}

export async function listCost(store: Store): Promise<ListCost> {
  const s = await start('ours', store);
  try {
    const seedMs = await s.sut.seedSubscribers(SUBSCRIBERS);
    await timed(s, 'users'); // warm-up of the query plans and card templates
    const users = await timed(s, 'users');
    const exported = await timed(s, 'export all');
    return { store, seedMs, users, export: exported };
  } finally {
    await s.close();
  }
}

async function soak(store: Store) {
  const s = await start('ours', store);
  try {
    await helpLoad(s, 1_000);
    const before = await s.sut.memory();
    const result = await helpLoad(s, SOAK_EVENTS);
    const after = await s.sut.memory();
    return { store, result, before, after };
  } finally {
    await s.close();
  }
}

export async function run(): Promise<string> {
  const t0 = Date.now();
  const postgres = await serverIsUp();
  const stores: Store[] = postgres ? ['embedded', 'postgres'] : ['embedded'];
  const systems: [string, Variant, Store?][] = [['express', 'express'], ['framework', 'framework'], ...stores.map((st): [string, Variant, Store] => [st, 'ours', st])];
  const best: Record<string, Measured> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, variant, store] of systems) {
      const r = await throughput(variant, store);
      if (!best[key] || r.perSecond > best[key].perSecond) best[key] = r;
    }
  }
  const express = best.express!;
  const framework = best.framework!;
  const lists: ListCost[] = [];
  for (const store of stores) lists.push(await listCost(store));
  const soaked = await soak(postgres ? 'postgres' : 'embedded');

  return webhookReport({ seconds: (Date.now() - t0) / 1000, method: { senders: SENDERS, events: EVENTS, rounds: ROUNDS, subscribers: SUBSCRIBERS, soakEvents: SOAK_EVENTS }, postgres, express, framework, ours: stores.map((st) => [st, best[st]!]), lists, soak: soaked, start: await startCommand() });
}

runIfMain(import.meta.url, run);
