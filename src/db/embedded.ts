// The embedded default: PostgreSQL compiled to Wasm (PGlite), persisted under DATA_DIR and
// served on a loopback port so that the ordinary pg driver and @prisma/adapter-pg reach it
// exactly as they reach a PostgreSQL server. PGlite is one session: one process, one client.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { AppError } from '../errors.js';

export interface EmbeddedDatabase {
  /** postgresql:// URL of the loopback socket server. */
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
 * Starts PGlite on `dataDir` (created if missing; `memory://` for a throw-away database) and a
 * socket server on 127.0.0.1 with an ephemeral port.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : path.resolve(dataDir, 'pg');
  let releaseLock: () => Promise<void> = async () => {};
  if (!inMemory) {
    await mkdir(dir, { recursive: true });
    releaseLock = await takeLock(path.dirname(dir));
  }
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(inMemory ? undefined : dir);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    const pglite = db;
    return {
      url,
      dataDir: dir,
      async stop() {
        await server.stop();
        await pglite.close();
        await releaseLock();
      },
    };
  } catch (err) {
    await db?.close().catch(() => {});
    await releaseLock();
    throw err;
  }
}
