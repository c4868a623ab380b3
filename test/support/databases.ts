// Opens the real store on either database kind, for suites that run once per kind.
import { openDatabase, type Database } from '../../src/db/database.js';
import { createStore, type Store } from '../../src/store/index.js';
import type { OrgPlacement } from '../../src/store/subscribers.js';
import { createServerDatabase } from './postgres.js';

export const DB_KINDS = ['embedded', 'server'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export interface TestDatabase {
  kind: DbKind;
  db: Database;
  store: Store;
  /** Closes and (for the server) drops the database. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the local server. */
export async function openTestDatabase(kind: DbKind, placement: OrgPlacement = {}): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    return { kind, db, store: createStore(db.prisma, db.pool, placement), dispose: () => db.close() };
  }
  const pg = await createServerDatabase();
  const db = await openDatabase({ kind: 'server', url: pg.url });
  return {
    kind,
    db,
    store: createStore(db.prisma, db.pool, placement),
    async dispose() {
      await db.close();
      await pg.drop();
    },
  };
}
