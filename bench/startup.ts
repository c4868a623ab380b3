// Start-up and idle footprint of the real start command: `npm start` spawned as a user (or a
// process manager) would, the clock running from the spawn to the first /readyz 200; then the bot
// process's resident memory once it has settled (no forced GC: this is what `ps` shows). Each
// database twice: on a fresh DATA_DIR / empty database (first start: files created, migrations
// applied) and again on the same one (the everyday restart). Goal (issue 17): under 5 s on an
// existing embedded database.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServerDatabase, serverIsUp } from '../test/support/postgres.js';
import { freePort } from '../test/support/free-port.js';
import { runIfMain } from './run-if-main.js';
import { start } from './webhook-throughput.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETTLE_MS = 3_000;
const MB = 1_048_576;

interface Start {
  database: string;
  dataDir: 'fresh' | 'existing' | '—';
  readyMs: number;
  settledRss: number;
}

/** VmRSS of a process, from /proc (Linux), in bytes. */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

async function startOnce(env: Record<string, string>): Promise<{ readyMs: number; settledRss: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
  npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => npm.once('exit', r));
  try {
    for (;;) {
      if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}): ${out.slice(-2_000)}`);
      if (performance.now() - t0 > 120_000) throw new Error(`npm start not ready in 120 s: ${out.slice(-2_000)}`);
      const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pid = Number(/"pid":(\d+)/.exec(out)?.[1]);
    return { readyMs, settledRss: await rssOf(pid) };
  } finally {
    npm.kill('SIGTERM');
    await exited;
  }
}

/**
 * The baseline: a bare webex-node-bot-framework bot (Express, its webhook handler) started the
 * same way, plain Node with the start script's settings, against a fake Webex on loopback; from
 * the fork to its webhook route listening, then its memory at rest.
 */
async function bareFramework(): Promise<Start> {
  const s = await start('framework');
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { database: 'bare webex-node-bot-framework bot (no database)', dataDir: '—', readyMs: s.sut.startedMs, settledRss: (await s.sut.memory()).rss };
  } finally {
    await s.close();
  }
}

export async function measureStartup(): Promise<Start[]> {
  const starts: Start[] = [await bareFramework()];
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-startup-'));
  try {
    for (const dataDir of ['fresh', 'existing'] as const) starts.push({ database: 'embedded (PGlite)', dataDir, ...(await startOnce({ DATA_DIR: dir })) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (await serverIsUp()) {
    const db = await createServerDatabase('bench_start');
    try {
      for (const dataDir of ['fresh', 'existing'] as const) starts.push({ database: 'server (PostgreSQL)', dataDir, ...(await startOnce({ DATABASE_URL: db.url })) });
    } finally {
      await db.drop();
    }
  }
  return starts;
}

export function startupReport(starts: Start[]): string {
  return [
    '### Start-up and idle memory of `npm start`',
    '',
    `Method: \`npm start\` spawned in local mode (simulator backend, demo data); the clock runs from the spawn to the first \`/readyz\` 200 (polled every 20 ms), npm's own start and its \`prestart\` (the build: nothing to rewrite) included. Then ${SETTLE_MS / 1000} s of idle and the bot process's resident memory (VmRSS, no forced GC). "fresh": a new DATA_DIR or an empty database (files created, every migration applied, demo data seeded); "existing": the same one again right after a SIGTERM to npm. Baseline: a bare webex-node-bot-framework bot with Express, forked with the same Node settings against a fake Webex on loopback (no npm, no database): from the fork to its webhook route listening, and its memory at rest after a GC.`,
    '',
    'Goal: under 5 s on an existing embedded database.',
    '',
    '| system / database | data | to ready | RSS idle, MB | goal met |',
    '|---|---|---|---|---|',
    ...starts.map(
      (s) =>
        `| ${s.database} | ${s.dataDir} | ${(s.readyMs / 1000).toFixed(2)} s | ${(s.settledRss / MB).toFixed(1)} | ${s.database.startsWith('embedded') && s.dataDir === 'existing' ? (s.readyMs < 5_000 ? 'yes' : '**no**') : '—'} |`,
    ),
    '',
  ].join('\n');
}

export async function run(): Promise<string> {
  return startupReport(await measureStartup());
}

runIfMain(import.meta.url, run);
