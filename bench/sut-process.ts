// Starts bench/sut.ts in a child process and talks to it over IPC. BENCH_PROFILE_DIR=<dir> writes
// a CPU profile of each system under test there (open it in Chrome DevTools).
//
// The child runs what `npm start` runs: plain Node with the start script's flags, on the build
// (dist/, rebuilt here first). bench/sut.ts and its helper are compiled next to it with their
// imports of ../src/ pointed at dist/, so no TypeScript loader sits in the measured process.
import { fork, type ChildProcess } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { buildDist } from '../scripts/build.mjs';
import { renderHelp } from '../src/cards/index.js';
import { createCommands } from '../src/bot/commands/index.js';

export type Variant = 'ours' | 'framework' | 'express';

export interface Memory {
  rss: number;
  heapUsed: number;
  /** The JavaScript heap's committed size (readings at rest only). */
  heapTotal?: number;
}

export interface Sut {
  variant: Variant;
  webhookUrl: string;
  /** From the fork to the process serving (its webhook route listening), ms. */
  startedMs: number;
  /** rss/heap at rest: after a GC and 2 s for V8 to return the collection's own pages. */
  memory(): Promise<Memory>;
  /** CPU time used so far (user + system), µs. */
  cpuMicros(): Promise<number>;
  /** GC, then sample memory every 2 ms until stopSampling(); returns the idle reading. */
  startSampling(): Promise<Memory>;
  /** The peak since startSampling(). */
  stopSampling(): Promise<Memory>;
  seedSubscribers(count: number): Promise<number>;
  /** Ages the mirror's freshness watermark by an hour (the next `users` refreshes first). */
  expireFreshness(): Promise<void>;
  /** Records `count` days of history from the mirror, one after the other; resolves with the time taken. */
  snapshots(count: number): Promise<number>;
  stop(): Promise<void>;
}

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const COMPILED = path.join(BENCH, '.compiled');
const ROOT = path.resolve(BENCH, '..');

/**
 * What package.json's start script runs, `exec env NAME=value… node <flags> dist/main.js`: its
 * environment settings and Node flags. BENCH_NODE_FLAGS, when set, replaces the flags (to try others).
 */
export async function startCommand(): Promise<{ env: Record<string, string>; flags: string[] }> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start!.split(/\s+/);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const flags = process.env.BENCH_NODE_FLAGS !== undefined ? process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean) : words.slice(node + 1, words.indexOf('dist/main.js'));
  return { env, flags };
}

let compiled: Promise<string> | undefined;
/** dist/ rebuilt, then bench/.compiled/sut.js; resolves with its path. */
function compileSut(): Promise<string> {
  return (compiled ??= (async () => {
    await buildDist();
    await mkdir(COMPILED, { recursive: true });
    for (const name of ['sut', 'subscriber-rows']) {
      const { code } = await transform(await readFile(path.join(BENCH, `${name}.ts`), 'utf8'), { loader: 'ts', format: 'esm', platform: 'node', target: 'node20' });
      await writeFile(path.join(COMPILED, `${name}.js`), code.replaceAll(/(["'])\.\.\/src\//g, '$1../../dist/'));
    }
    return path.join(COMPILED, 'sut.js');
  })());
}

/** The help card both bots answer with, rendered here so the bare framework's process loads none of our code. */
function helpCard(): string {
  const help = renderHelp({ cardId: 'bench', commands: createCommands().map((c) => ({ command: c.usage, description: c.description, example: c.example })) });
  return JSON.stringify({ card: help.card, fallbackText: help.fallbackText });
}

export async function startSut(variant: Variant, port: number, env: Record<string, string>): Promise<Sut> {
  const start = await startCommand();
  const sutPath = await compileSut();
  const forkedAt = performance.now();
  const child: ChildProcess = fork(sutPath, [], {
    execArgv: [...start.flags, '--expose-gc', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, ...start.env, ...env, SUT_VARIANT: variant, SUT_PORT: String(port), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', SUT_HELP_CARD: helpCard() },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  let nextId = 1;
  const waiting = new Map<number, (body: Record<string, unknown>) => void>();
  let onReady: () => void = () => {};
  let onExit: (err: Error) => void = () => {};
  child.on('message', (msg: { id: number; ready?: boolean } & Record<string, unknown>) => {
    if (msg.ready) return onReady();
    waiting.get(msg.id)?.(msg);
    waiting.delete(msg.id);
  });
  child.on('exit', (code) => {
    const err = new Error(`the ${variant} process exited (${code}): ${stderr}`);
    onExit(err);
    for (const done of waiting.values()) done({ error: err.message });
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onExit = reject;
    setTimeout(() => reject(new Error(`the ${variant} process did not start in 90 s: ${stderr}`)), 90_000).unref();
  });

  const startedMs = performance.now() - forkedAt;
  const request = (type: string, extra: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (body) => (body.error ? reject(new Error(String(body.error))) : resolve(body)));
      child.send({ id, type, ...extra });
    });
  const memory = async (type: string) => {
    const m = await request(type);
    return { rss: Number(m.rss), heapUsed: Number(m.heapUsed), ...(m.heapTotal !== undefined ? { heapTotal: Number(m.heapTotal) } : {}) };
  };
  return {
    variant,
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    startedMs,
    memory: () => memory('memory'),
    cpuMicros: async () => Number((await request('cpu')).micros),
    startSampling: () => memory('sample-start'),
    stopSampling: () => memory('sample-stop'),
    seedSubscribers: async (count) => Number((await request('seed', { count })).ms),
    expireFreshness: async () => void (await request('expire-freshness')),
    snapshots: async (count) => Number((await request('snapshots', { count })).ms),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      await request('stop').catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
