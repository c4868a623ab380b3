import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { readMigrations } from '../../src/db/migrations.js';
import { isAppError } from '../../src/errors.js';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';

const TABLES = ['AlertSubscription', 'AuditEntry', 'CustomerTemplate', 'JobLease', 'OrgSetting', 'OrgSettingChange', 'Person', 'ProcessedEvent', 'Reminder', 'RetryOperation', 'SentCard', 'Subscriber'];

describe('migrations on a PostgreSQL server', () => {
  let server: ThrowAwayDatabase;
  beforeAll(async () => {
    server = await createServerDatabase();
  });
  afterAll(() => server?.drop());

  it('applies every migration once, creating all tables, and nothing on the second start', async () => {
    const local = await readMigrations();
    const first = await openDatabase({ kind: 'server', url: server.url });
    expect(first.applied).toEqual(local.migrationDirectories.map((d) => d.path));
    const tables = await first.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining([...TABLES, '_prisma_migrations']));
    expect(await first.isReady()).toBe(true);
    await first.close();

    const second = await openDatabase({ kind: 'server', url: server.url });
    expect(second.applied).toEqual([]);
    const rows = await second.pool.query('SELECT migration_name FROM _prisma_migrations');
    expect(rows.rowCount).toBe(local.migrationDirectories.length);
    await second.close();
  });

  it('refuses a database migrated by a newer version, with a clear message', async () => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('future', 'x', '29990101000000_from_the_future', now(), now(), 1)`,
    );
    await c.end();
    const err = await openDatabase({ kind: 'server', url: server.url }).catch((e: unknown) => e);
    expect(isAppError(err, 'migration_unknown')).toBe(true);
    expect((err as Error).message).toContain('29990101000000_from_the_future');
    expect((err as Error).message).toContain('newer version');
  });

  it('refuses a database with a failed migration, saying how to resolve it', async () => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query(`DELETE FROM _prisma_migrations WHERE id = 'future'`);
    await c.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count, logs)
       VALUES ('failed', 'x', '20000101000000_half_done', now(), 0, 'boom')`,
    );
    await c.end();
    const err = await openDatabase({ kind: 'server', url: server.url }).catch((e: unknown) => e);
    expect(isAppError(err, 'migration_failed')).toBe(true);
    expect((err as Error).message).toMatch(/20000101000000_half_done failed.*rolled-back/s);
  });

  it('reports an unreachable server clearly', async () => {
    const err = await openDatabase({ kind: 'server', url: 'postgresql://postgres@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(isAppError(err, 'database_unreachable')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot reach the database/);
  });
});
