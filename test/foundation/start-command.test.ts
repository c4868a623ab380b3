// What `npm start` runs (the build, dist/main.js, on plain Node), as a process: serves health on
// the embedded default, stops cleanly on SIGTERM, and a bad configuration stops start-up with one
// clear message. Built first, so the build itself is under test: every module transpiled, the
// files beside them copied (migrations, messages, the database thread's module).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../scripts/build.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

async function waitFor<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  beforeAll(async () => {
    await buildDist();
  }, 60_000);
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('starts on the embedded database, serves health, and stops on SIGTERM with data kept', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bot-start-'));
    dirs.push(dataDir);
    const p = run({ PORT: '0', DATA_DIR: dataDir });
    const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(p.output())?.[1]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await readdir(path.join(dataDir, 'pg'))).toContain('PG_VERSION');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('"msg":"stopped"');
    expect(await readdir(dataDir)).not.toContain('embedded.pid');

    const again = run({ PORT: '0', DATA_DIR: dataDir });
    await waitFor(() => (again.output().includes('"msg":"listening"') ? true : undefined));
    expect(again.output()).toContain('"migrationsApplied":[]');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('refuses a bad configuration with one clear message and no stack trace', async () => {
    const p = run({ PORT: 'eighty', ADMIN_EMAILS: 'nobody' });
    expect(await p.exited).toBe(1);
    expect(p.errors().trim()).toBe(
      'Invalid configuration:\n  - PORT: must be a whole number\n  - ADMIN_EMAILS: "nobody" is not an email address',
    );
  });
});
