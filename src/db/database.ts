// Opens the store: the embedded PGlite (default) or a PostgreSQL server, migrates it, and hands
// out one Prisma client over one pg pool. On the embedded database the pool holds exactly one
// connection and the migration engine uses that same pool (PGlite is a single session).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from 'pino';
import { PrismaClient } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import { migrate, migrationsUpToDate } from './migrations.js';

export type DatabaseLocation = { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };

export interface Database {
  kind: DatabaseLocation['kind'];
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Names of the migrations this open applied (empty when already up to date). */
  applied: string[];
  /** True when the database answers and every migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Server pool size; the embedded database always gets one connection. */
  poolSize?: number;
}

/**
 * The schema engine keeps PostgreSQL's migration advisory lock on the connection it used, so on
 * a server it gets a connection of its own, closed afterwards (another instance starting on the
 * same database would otherwise wait for that lock). The embedded database has one session only,
 * and no other instance to block: it migrates through the main pool.
 */
async function migrateOnce(location: DatabaseLocation, pool: pg.Pool, log: (msg: string) => void): Promise<string[]> {
  if (location.kind === 'embedded') return migrate(pool, log);
  const own = new pg.Pool({ connectionString: location.url, max: 1, connectionTimeoutMillis: 5_000 });
  own.on('error', () => {});
  try {
    return await migrate(own, log);
  } finally {
    await own.end();
  }
}

/** How long close() waits for queries in flight and queued before ending the pool. */
const CLOSE_DRAIN_MS = 5_000;

export async function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): Promise<Database> {
  const log = options.logger;
  let embedded: EmbeddedDatabase | undefined;
  let pool: pg.Pool;
  if (location.kind === 'embedded') {
    embedded = await startEmbeddedDatabase(location.dataDir, (err) => log?.error({ err: err.message }, 'the embedded database stopped unexpectedly'));
    // idleTimeoutMillis 0: never drop the one session (a reconnect would be refused while the
    // old socket is still being torn down).
    pool = new pg.Pool({ connectionString: embedded.url, max: 1, idleTimeoutMillis: 0 });
  } else {
    pool = new pg.Pool({ connectionString: location.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
  }
  // An idle client losing its server (database restart) must not crash the process.
  pool.on('error', (err) => log?.warn({ err: err.message }, 'database connection lost; it will reconnect'));
  // Nor a checked-out one: pg emits the server's "terminating connection" on a client between
  // queries (inside a transaction, say) as an 'error' event, which unheard would end the process.
  // Its next query fails, and whoever awaits it answers as for any database error.
  pool.on('connect', (client) => client.on('error', (err) => log?.warn({ err: err.message }, 'database connection lost while in use')));

  let applied: string[];
  try {
    await pool.query('SELECT 1').catch((err: Error) => {
      throw new AppError('database_unreachable', `Cannot reach the database: ${err.message}`);
    });
    applied = await migrateOnce(location, pool, (msg) => log?.info(msg));
  } catch (err) {
    await pool.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

  let closed = false;
  return {
    kind: location.kind,
    prisma,
    pool,
    applied,
    async isReady() {
      if (closed) return false;
      try {
        return await migrationsUpToDate(pool);
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      // pg-pool's end() never answers a query still waiting for a connection (it would hang
      // forever): let the work in flight and in the queue drain first, for a few seconds.
      const until = Date.now() + CLOSE_DRAIN_MS;
      while ((pool.waitingCount > 0 || pool.idleCount < pool.totalCount) && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
      await embedded?.stop();
    },
  };
}
