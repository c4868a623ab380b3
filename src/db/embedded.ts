// The embedded default: PostgreSQL compiled to Wasm (PGlite), persisted under DATA_DIR and
// served on a private Unix socket (a loopback port on Windows) so that the ordinary pg driver and
// @prisma/adapter-pg reach it exactly as they reach a PostgreSQL server. PGlite is one session:
// one process, one client. It runs on a worker thread of its own (embedded-worker.ts), off the
// bot's event loop.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { FromWorker, ToWorker, WorkerOptions } from './embedded-worker.js';

export interface EmbeddedDatabase {
  /** postgresql:// URL of the socket server. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const LOCK_FILE = 'embedded.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A second process on the same PGlite directory would corrupt it: refuse with a clear error. */
async function takeLock(dir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'database_locked',
          `The embedded database in ${dir} is in use by process ${holder}. Stop it first, or set DATA_DIR to another folder.`,
        );
      }
      await rm(lockPath, { force: true }); // left behind by a process that died
    }
  }
  throw new AppError('database_locked', `Could not lock the embedded database in ${dir}.`);
}

/**
 * The database thread's young generation, MB. Its JavaScript only passes messages between the
 * socket and PGlite; V8's default (~48 MB) filled up under load and stayed resident (~35 MB more
 * after the throughput run than with 4 MB, same throughput: bench/results.md, footprint).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** The worker's module next to this one: through a tsx bootstrap when run from source, .js when built. */
function spawnWorker(options: WorkerOptions): Worker {
  const entry = import.meta.url.endsWith('.ts') ? './embedded-worker-boot.mjs' : './embedded-worker.js';
  return new Worker(new URL(entry, import.meta.url), { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
}

/**
 * A private directory for the Unix socket, named as libpq and pg expect (.s.PGSQL.<port>): a
 * query over it costs ~20 % less CPU than over TCP loopback. None on Windows, or when the
 * temporary directory's path is too long for a socket name (the TCP port is used then).
 */
async function socketDirectory(): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  const dir = await mkdtemp(path.join(tmpdir(), 'wab-pg-'));
  if (path.join(dir, SOCKET_NAME).length > 100) {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  return dir;
}
const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * Creates a new data directory's files (initdb) on a thread of its own that then exits. PGlite's
 * initdb runs in a second Wasm instance whose memory is never given back while its thread lives:
 * a process that initialised its database in the serving thread stayed ~450 MB larger for good
 * (measured: ~810 MB resident after a first open, ~335 MB after opening an existing directory).
 */
async function initialiseDataDir(dir: string): Promise<void> {
  const worker = spawnWorker({ dataDir: dir, initialiseOnly: true });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const answer = await nextMessage(worker);
  await exited;
  if (answer.type !== 'initialised') throw new Error(answer.type === 'failed' ? answer.message : 'unexpected answer from the database thread');
}

function nextMessage(worker: Worker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the embedded database thread exited (${code})`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (msg: FromWorker) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      resolve(msg);
    });
  });
}

/**
 * Starts PGlite on `dataDir` (created if missing; `memory://` for a throw-away database) and its
 * socket server, both on their own thread. `onCrash` hears
 * of the thread dying while in use (queries then fail and /readyz turns unready).
 */
export async function startEmbeddedDatabase(dataDir: string, onCrash: (err: Error) => void = () => {}): Promise<EmbeddedDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : path.resolve(dataDir, 'pg');
  let releaseLock: () => Promise<void> = async () => {};
  if (!inMemory) {
    await mkdir(dir, { recursive: true });
    releaseLock = await takeLock(path.dirname(dir));
  }
  try {
    if (!inMemory && !existsSync(path.join(dir, 'PG_VERSION'))) await initialiseDataDir(dir);
  } catch (err) {
    await releaseLock();
    throw err;
  }
  const socketDir = await socketDirectory();
  const cleanUp = async () => {
    if (socketDir) await rm(socketDir, { recursive: true, force: true });
    await releaseLock();
  };
  const worker = spawnWorker({ dataDir: inMemory ? undefined : dir, socketPath: socketDir && path.join(socketDir, SOCKET_NAME) });
  try {
    const started = await nextMessage(worker);
    if (started.type !== 'ready') throw new Error(started.type === 'failed' ? started.message : 'unexpected answer from the database thread');
    const url = socketDir
      ? `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&sslmode=disable`
      : `postgresql://postgres@${started.conn}/postgres?sslmode=disable`;
    let stopping = false;
    worker.on('error', (err) => onCrash(err));
    worker.on('exit', (code) => {
      if (!stopping) onCrash(new Error(`the embedded database thread exited (${code})`));
    });
    return {
      url,
      dataDir: dir,
      async stop() {
        if (stopping) return;
        stopping = true;
        const stopped = nextMessage(worker).catch(() => undefined);
        worker.postMessage({ type: 'stop' } satisfies ToWorker);
        // A database that does not close in time is cut off (its data is in the WAL already).
        const timer = setTimeout(() => void worker.terminate(), 15_000);
        await stopped;
        clearTimeout(timer);
        await cleanUp();
      },
    };
  } catch (err) {
    await worker.terminate();
    await cleanUp();
    throw err;
  }
}
