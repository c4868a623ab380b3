// A single-org database written before partner mode existed keeps working after the upgrade, on
// the embedded database and on a PostgreSQL server: the migration adds the org columns, and the
// first start (single-org mode) records the configured org and gives it every existing row.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseLocation } from '../../src/db/database.js';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { readMigrations } from '../../src/db/migrations.js';
import { NO_FILTERS, openSchemaEngine } from '../../src/db/schema-engine.js';
import { SCHEMA_PATH } from '../../src/db/migrations.js';
import { createOrgService } from '../../src/orgs/service.js';
import { createProvisioningService } from '../../src/provisioning/service.js';
import { createSimulatorBackend } from '../../src/provisioning/simulator/index.js';
import { createStore } from '../../src/store/index.js';
import { createServerDatabase } from '../support/postgres.js';

const ORG = 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9zaW5nbGUtb3Jn';
const PARTNER_MIGRATION = 'partner_orgs';

/** Applies every migration before partner mode, as an older version of the bot did. */
async function migrateAsBefore(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const local = await readMigrations();
    // Every migration before partner mode's (directories are named by time).
    const first = local.migrationDirectories.findIndex((d) => d.path.includes(PARTNER_MIGRATION));
    expect(first).toBeGreaterThan(0);
    const older = { ...local, migrationDirectories: local.migrationDirectories.slice(0, first) };
    const handle = await openSchemaEngine(SCHEMA_PATH, new PrismaPg(pool));
    try {
      await handle.engine.applyMigrations({ migrationsList: older, filters: NO_FILTERS });
    } finally {
      handle.close();
    }
    // What a single-org bot had written: a subscriber, a person, an audit entry, a card.
    await pool.query(`INSERT INTO "Subscriber" ("id", "userId", "spEnterpriseId", "package", "status", "created", "lastStatusChange", "provisioningId", "syncedAt")
      VALUES ('sub-1', 'old@sp.example', 'SP1+acme', 'basic', 'error', now(), now(), 'prov', now())`);
    await pool.query(`INSERT INTO "Person" ("id", "email", "created", "licenses", "invitePending", "syncedAt") VALUES ('p-1', 'old@acme.example', now(), '{}', true, now())`);
    await pool.query(`INSERT INTO "AuditEntry" ("actor", "action", "result") VALUES ('admin@acme.example', 'emails.off', 'ok')`);
    await pool.query(`INSERT INTO "SentCard" ("id", "roomId", "kind", "actions", "context", "expiresAt") VALUES ('card-1', 'room-1', 'users', '{users.page}', '{}', now() + interval '1 day')`);
  } finally {
    await pool.end();
  }
}

async function upgradeAndCheck(location: DatabaseLocation): Promise<void> {
  const db = await openDatabase(location);
  try {
    expect(db.applied.some((name) => name.includes(PARTNER_MIGRATION))).toBe(true);
    const store = createStore(db.prisma, db.pool, { singleOrgId: ORG });
    const backend = createSimulatorBackend({ prisma: db.prisma });
    const provisioning = createProvisioningService({ backend, store, orgId: ORG, instanceId: 'migration-test' });
    const orgs = createOrgService({ mode: 'single', single: { orgId: ORG, name: 'this org' }, adminEmails: ['admin@acme.example'], store, provisioning, instanceId: 'migration-test', now: () => new Date(), stuckAfterHours: 24, inactiveAfterDays: 7 });
    await orgs.start();
    expect((await store.orgs.get(ORG))?.source).toBe('configured');
    expect((await db.prisma.subscriber.findUnique({ where: { id: 'sub-1' } }))?.orgId).toBe(ORG);
    expect((await db.prisma.person.findUnique({ where: { id: 'p-1' } }))?.orgId).toBe(ORG);
    expect((await db.prisma.auditEntry.findFirst({ where: { action: 'emails.off' } }))?.orgId).toBe(ORG);
    expect((await db.prisma.sentCard.findUnique({ where: { id: 'card-1' } }))?.orgId).toBe(ORG);
    // Single-org answers are as before: the old row is listed and counted.
    const page = await provisioning.page({ statuses: ['error'] }, 10);
    expect(page.rows.map((r) => r.userId)).toEqual(['old@sp.example']);
    // New rows written in single-org mode are the configured org's too.
    await store.subscribers.upsertMany([{ ...page.rows[0]!, id: 'sub-2', userId: 'new@sp.example' }]);
    expect((await db.prisma.subscriber.findUnique({ where: { id: 'sub-2' } }))?.orgId).toBe(ORG);
    // Every access answers as before: ADMIN_EMAILS are the admins, of the one org.
    expect(await orgs.access('admin@acme.example')).toEqual({ kind: 'all' });
    expect(await orgs.scopeFor('room-1', { kind: 'all' })).toEqual({ ok: true, scope: { kind: 'single', orgId: ORG } });
  } finally {
    await db.close();
  }
}

describe('single-org data through the partner-mode migration', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('on the embedded database', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'orgs-migration-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const embedded = await startEmbeddedDatabase(dir);
    try {
      await migrateAsBefore(embedded.url);
    } finally {
      await embedded.stop();
    }
    await upgradeAndCheck({ kind: 'embedded', dataDir: dir });
  }, 120_000);

  it('on a PostgreSQL server', async () => {
    const server = await createServerDatabase('orgs');
    cleanups.push(() => server.drop());
    await migrateAsBefore(server.url);
    await upgradeAndCheck({ kind: 'server', url: server.url });
  }, 120_000);
});
