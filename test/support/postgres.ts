// The PostgreSQL server used by the tests: one throw-away database per use, dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The machine's own server, used when it answers and no TEST_PG_URL is given. */
export const MACHINE_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Admin connection to the run's server: TEST_PG_URL, which the global setup sets to the machine's
 * server or to the one it started from npm (test/support/global-setup.ts).
 */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? MACHINE_PG_URL;

export interface ThrowAwayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createServerDatabase(prefix = 't'): Promise<ThrowAwayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function serverIsUp(url = PG_ADMIN_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}
