import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { isAppError } from '../../src/errors.js';
import { createStore } from '../../src/store/index.js';

describe('embedded database (PGlite) on disk', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('is created under DATA_DIR, migrated once, and keeps its data across a restart', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'bot-data-')), 'nested', 'data');
    dirs.push(path.dirname(path.dirname(dataDir)));
    const first = await openDatabase({ kind: 'embedded', dataDir });
    expect(first.applied.length).toBeGreaterThan(0);
    await createStore(first.prisma, first.pool).audit.record({ actor: 'a@x.com', action: 'emails.on', result: 'ok' });
    await first.close();
    expect(await readdir(path.join(dataDir, 'pg'))).toContain('PG_VERSION');

    const second = await openDatabase({ kind: 'embedded', dataDir });
    expect(second.applied).toEqual([]);
    const entries = await createStore(second.prisma, second.pool).audit.latest();
    expect(entries.map((e) => [e.actor, e.action])).toEqual([['a@x.com', 'emails.on']]);
    expect(await second.isReady()).toBe(true);
    await second.close();
    expect(await second.isReady()).toBe(false);
  });

  it('refuses a second opener of the same directory instead of corrupting it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bot-lock-'));
    dirs.push(dataDir);
    const first = await openDatabase({ kind: 'embedded', dataDir });
    try {
      // Same process id would be taken for our own lock: fake another live holder (pid 1).
      const { writeFile } = await import('node:fs/promises');
      await first.close();
      await writeFile(path.join(dataDir, 'embedded.pid'), '1');
      const err = await openDatabase({ kind: 'embedded', dataDir }).catch((e: unknown) => e);
      expect(isAppError(err, 'database_locked')).toBe(true);
      expect((err as Error).message).toContain('in use by process 1');
      // A lock left by a dead process is taken over.
      await writeFile(path.join(dataDir, 'embedded.pid'), '999999');
      const again = await openDatabase({ kind: 'embedded', dataDir });
      await again.close();
    } finally {
      await first.close();
    }
  });

  it('serves many concurrent queries through its single connection', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    try {
      const store = createStore(db.prisma, db.pool);
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.audit.record({ actor: `u${i}@x.com`, action: 'test', result: 'ok' })),
      );
      expect(await store.audit.count()).toBe(100);
      const inTx = db.prisma.$transaction(async (tx) => {
        await tx.auditEntry.create({ data: { actor: 'tx@x.com', action: 'tx', result: 'ok' } });
        throw new Error('roll back');
      });
      await expect(inTx).rejects.toThrow('roll back');
      expect(await store.audit.count()).toBe(100);
      expect(db.pool.totalCount).toBeLessThanOrEqual(1);
    } finally {
      await db.close();
    }
  });

  it('answers the statement after a failed one (the pool reconnects, the session goes on)', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    try {
      const store = createStore(db.prisma, db.pool);
      for (let round = 0; round < 3; round++) {
        await expect(db.pool.query('SELECT * FROM "NoSuchTable"')).rejects.toThrow(/does not exist/);
        expect((await db.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        await expect(db.prisma.$executeRawUnsafe('INSERT INTO "NoSuchTable" VALUES (1)')).rejects.toThrow();
        await store.audit.record({ actor: `after${round}@x.com`, action: 'test', result: 'ok' });
      }
      expect(await store.audit.count()).toBe(3);
    } finally {
      await db.close();
    }
  });

  it('answers the queries waiting for its one connection when it is closed (none hangs)', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    const queries = Array.from({ length: 6 }, (_, i) => db.pool.query('SELECT $1::int AS n, pg_sleep(0.02)', [i]).then((r) => r.rows[0].n as number));
    await db.close();
    const settled = await Promise.race([Promise.allSettled(queries), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
    expect(settled).not.toBe('hung');
    expect((settled as PromiseSettledResult<number>[]).map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
