// Versioned migrations from prisma/migrations, applied by the Wasm schema engine with the
// standard _prisma_migrations bookkeeping (so `prisma migrate deploy` stays an option).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { AppError } from '../errors.js';
import { NO_FILTERS, openSchemaEngine, type MigrationList } from './schema-engine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PRISMA_DIR = path.resolve(here, '../../prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');

export async function readMigrations(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockContent = await readFile(path.join(baseDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const sql = await readFile(path.join(baseDir, dir, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (err: Error) => ({ tag: 'error' as const, value: err.message }),
        );
        return { path: dir, migrationFile: { path: 'migration.sql', content: sql } };
      }),
    ),
  };
}

interface AppliedRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** What the database says it has applied; [] before the first migration. */
export async function appliedMigrations(pool: pg.Pool): Promise<AppliedRow[]> {
  const exists = await pool.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  const res = await pool.query<AppliedRow>(
    'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
  );
  return res.rows;
}

/** Refuses, with a message an operator can act on, a history this build cannot continue. */
function checkHistory(applied: AppliedRow[], local: MigrationList): void {
  const known = new Set(local.migrationDirectories.map((d) => d.path));
  const failed = applied.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    throw new AppError(
      'migration_failed',
      `Migration ${failed.map((r) => r.migration_name).join(', ')} failed earlier and was not rolled back. ` +
        'Fix the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back <name>) and start again.',
    );
  }
  const unknown = applied.filter((r) => r.rolled_back_at === null && !known.has(r.migration_name));
  if (unknown.length > 0) {
    throw new AppError(
      'migration_unknown',
      `The database has migration(s) this version does not know: ${unknown.map((r) => r.migration_name).join(', ')}. ` +
        'It was migrated by a newer version of the bot; run that version, or restore a matching backup.',
    );
  }
}

function allApplied(local: MigrationList, applied: AppliedRow[]): boolean {
  const done = new Set(applied.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  return local.migrationDirectories.every((d) => done.has(d.path));
}

/** Applies every pending migration through `pool` (the one connection, on the embedded database). */
export async function migrate(pool: pg.Pool, log: (msg: string) => void = () => {}): Promise<string[]> {
  const local = await readMigrations();
  const applied = await appliedMigrations(pool);
  checkHistory(applied, local);
  // Nothing pending (every start but the first after an upgrade): the Wasm schema engine is not
  // loaded at all, which saves start-up time and the resident memory its compiled code keeps.
  if (allApplied(local, applied)) return [];
  const handle = await openSchemaEngine(SCHEMA_PATH, new PrismaPg(pool));
  try {
    const { appliedMigrationNames } = await handle.engine.applyMigrations({
      migrationsList: local,
      filters: NO_FILTERS,
    });
    for (const name of appliedMigrationNames) log(`applied migration ${name}`);
    return appliedMigrationNames;
  } catch (err) {
    throw new AppError('migration_failed', `Applying migrations failed: ${describeEngineError(err)}`);
  } finally {
    handle.close();
  }
}

/** The engine throws JSON-ish strings or objects; keep the human part. */
export function describeEngineError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  const maybe = err as { message?: string; error?: string } | null;
  return maybe?.message ?? maybe?.error ?? JSON.stringify(err);
}

/** True when every local migration is applied (readiness). */
export async function migrationsUpToDate(pool: pg.Pool): Promise<boolean> {
  return allApplied(await readMigrations(), await appliedMigrations(pool));
}
