// A database outage right after Webex made a change: the service waits it out and records the
// change; if the database stays away, it says the change was made. Real PostgreSQL behind a TCP
// proxy the test cuts; the webex backend over HTTP against the fake Webex.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { isAppError } from '../../src/errors.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { AUTO_EMAILS_KEY, createProvisioningService } from '../../src/provisioning/service.js';
import type { ProvisioningBackend } from '../../src/provisioning/types.js';
import { createWebexBackend } from '../../src/provisioning/webex-backend.js';
import { createStore, type Store } from '../../src/store/index.js';
import { isTransientDatabaseError } from '../../src/store/transient.js';
import { createServerDatabase, PG_ADMIN_URL, serverIsUp, type ThrowAwayDatabase } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const ADMIN = 'admin@example.com';
const ORG_ID = 'org-outage';

/** The real backend, with `hook` run after `method` has done its work (and before its answer returns). */
function after(backend: ProvisioningBackend, method: keyof ProvisioningBackend, hook: () => Promise<void>): ProvisioningBackend {
  return new Proxy(backend, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        await hook();
        return result;
      };
    },
  });
}

describe.runIf(await serverIsUp())('a database outage around a change', () => {
  let pg: ThrowAwayDatabase;
  let proxy: TcpProxy;
  let db: Database;
  let store: Store;
  let fake: FakeWebex;
  let webex: ProvisioningBackend;

  beforeAll(async () => {
    pg = await createServerDatabase('outage');
    const server = new URL(PG_ADMIN_URL);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    db = await openDatabase({ kind: 'server', url: proxy.via(pg.url) }, { poolSize: 2 });
    store = createStore(db.prisma, db.pool);
    fake = await startFakeWebex({ orgId: ORG_ID });
    webex = createWebexBackend({ apiUrl: fake.url, adminToken: fake.adminToken, orgId: ORG_ID, client: { sleep: async () => {}, maxAttempts: 1 } });
  });
  afterAll(async () => {
    await db?.close();
    await proxy?.close();
    await fake?.close();
    await pg?.drop();
  });
  beforeEach(() => proxy.up());

  const service = (backend: ProvisioningBackend, retries: number) =>
    createProvisioningService({ backend, store, orgId: ORG_ID, instanceId: 'outage', recordRetry: { retries, minTimeoutMs: 100 } });
  const audits = async (action: string) => (await store.audit.latest(50, { action })).map((a) => a.result);

  it('records a change Webex made although the database went away right after', async () => {
    const cut = after(webex, 'setAutoActivationEmails', async () => {
      await proxy.down();
      setTimeout(() => void proxy.up(), 1_500);
    });
    const started = Date.now();
    await expect(service(cut, 8).setAutoEmails(false, ADMIN)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400); // it really waited the outage out
    expect(await webex.getAutoActivationEmails()).toBe(false);
    const history = await store.settings.history(ORG_ID, AUTO_EMAILS_KEY, 5);
    expect(history.map((h) => [h.newValue, h.changedBy])).toEqual([['false', ADMIN]]);
    expect(await audits('emails.off')).toEqual(['ok']);
  });

  it('says the change was made when the database stays away', async () => {
    const cut = after(webex, 'setAutoActivationEmails', () => proxy.down());
    const failure = await service(cut, 2).setAutoEmails(true, ADMIN).catch((err: unknown) => err);
    expect(isAppError(failure, 'applied_not_recorded')).toBe(true);
    expect((failure as Error).message).toMatch(/Webex made the change/);
    expect(await webex.getAutoActivationEmails()).toBe(true);
    await proxy.up();
    expect(await audits('emails.on')).toEqual([]); // nothing recorded, as the admin was told
  });

  it('reports Webex’s own failure, not the database’s, when both fail', async () => {
    fake.faults.serverError(/^\/settings\//, 503);
    try {
      await proxy.down();
      const failure = await service(webex, 1).setAutoEmails(false, ADMIN).catch((err: unknown) => err);
      expect(isAppError(failure, 'webex_error')).toBe(true);
      expect(isTransientDatabaseError(failure)).toBe(false);
    } finally {
      fake.faults.clear();
      await proxy.up();
    }
  });

  it('tells transient database failures from bad statements', async () => {
    await proxy.down();
    const refused = await store.audit.latest(1).catch((err: unknown) => err);
    const refusedRaw = await db.pool.query('SELECT 1').catch((err: unknown) => err);
    await proxy.up();
    const badStatement = await db.pool.query('SELECT * FROM "NoSuchTable"').catch((err: unknown) => err);
    const badPrisma = await db.prisma.$executeRawUnsafe('SELEC 1').catch((err: unknown) => err);
    expect([refused, refusedRaw].map(isTransientDatabaseError)).toEqual([true, true]);
    expect([badStatement, badPrisma].map(isTransientDatabaseError)).toEqual([false, false]);
  });

  it('counts a transaction that outlived its timeout (rolled back, so safe to run again) as transient', async () => {
    const expired = await db.prisma
      .$transaction(async (tx) => void (await tx.$executeRaw`SELECT pg_sleep(0.3)`), { timeout: 100 })
      .catch((err: unknown) => err);
    expect((expired as { code?: string }).code).toBe('P2028');
    expect(isTransientDatabaseError(expired)).toBe(true);
  });
});
