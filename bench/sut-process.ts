// Starts bench/sut.ts in a child process and talks to it over IPC. BENCH_PROFILE_DIR=<dir> writes
// a CPU profile of each system under test there (open it in Chrome DevTools).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Variant = 'ours' | 'framework' | 'express';

export interface Memory {
  rss: number;
  heapUsed: number;
}

export interface Sut {
  variant: Variant;
  webhookUrl: string;
  /** rss/heap after a GC. */
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

const SUT = fileURLToPath(new URL('./sut.ts', import.meta.url));

export async function startSut(variant: Variant, port: number, env: Record<string, string>): Promise<Sut> {
  const child: ChildProcess = fork(SUT, [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, ...env, SUT_VARIANT: variant, SUT_PORT: String(port), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
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

  const request = (type: string, extra: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (body) => (body.error ? reject(new Error(String(body.error))) : resolve(body)));
      child.send({ id, type, ...extra });
    });
  const memory = async (type: string) => {
    const m = await request(type);
    return { rss: Number(m.rss), heapUsed: Number(m.heapUsed) };
  };
  return {
    variant,
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
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
