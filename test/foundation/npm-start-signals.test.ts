// `npm start` under a process manager: systemd, a container runtime or any supervisor sends
// SIGTERM to the process it started — npm itself, not the bot. npm forwards the signal only to its
// direct child, so the bot must be that child (package.json's `exec`); otherwise the bot is left
// running, detached, holding the embedded database and the port, and the next start is refused.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function npmStart(env: Record<string, string>) {
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
  npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    npm,
    exited,
    output: () => out,
    /** The bot's own pid, from its log lines (it is not the npm process). */
    botPid: () => Number(/"pid":(\d+)/.exec(out)?.[1] ?? 0),
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 90_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ready = (url: string) => fetch(`${url}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start under SIGTERM to the npm process', () => {
  const dirs: string[] = [];
  const bots: number[] = [];
  afterAll(async () => {
    // Only if the test failed half-way: never leave a bot of ours running.
    for (const pid of bots) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('stops the bot gracefully, frees the data directory and the port, and the next start comes up', { timeout: 240_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bot-npm-signal-'));
    dirs.push(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const first = npmStart({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor('the first start to answer /readyz 200', () => ready(url));
    const bot = first.botPid();
    bots.push(bot);
    expect(bot).toBeGreaterThan(0);
    expect(bot).not.toBe(first.npm.pid); // the signal below goes to npm, not to the bot

    first.npm.kill('SIGTERM');
    // Bounded by the shutdown's own deadlines (20 s per step) with room to spare.
    const exit = await waitFor('npm to exit after SIGTERM', () => Promise.race([first.exited, new Promise<undefined>((r) => setTimeout(r, 100))]), 120_000);
    expect(exit).toEqual({ code: 0, signal: null });
    await waitFor(`the bot (pid ${bot}) to exit`, () => (alive(bot) ? undefined : true), 10_000);
    expect(first.output()).toContain('"msg":"signal received"');
    expect(first.output()).toContain('"msg":"stopped"');
    expect(await readdir(dataDir)).not.toContain('embedded.pid');

    // Right away, on the same data directory and port.
    const second = npmStart({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor('the second start to answer /readyz 200', () => ready(url));
    bots.push(second.botPid());
    expect(second.output()).toContain('"migrationsApplied":[]');
    expect(second.output()).not.toContain('in use by process');
    second.npm.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toContain('"msg":"stopped"');
  });
});
