import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';

describe.each(DB_KINDS)('events and audit on the %s database', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.dispose());

  it('claims an event once, however often it is delivered', async () => {
    const claims = await Promise.all(Array.from({ length: 5 }, () => t.store.events.claim('evt-1', 'message', 'i1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await t.store.events.claim('evt-1', 'message', 'i2')).toBe(false);
    await t.store.events.release('evt-1');
    expect(await t.store.events.claim('evt-1', 'message', 'i2')).toBe(true);
  });

  it('records audit entries newest first', async () => {
    await t.store.audit.record({ actor: 'a@x.com', action: 'emails.off', result: 'ok', at: new Date('2026-01-01T00:00:00Z') });
    await t.store.audit.record({ actor: 'b@x.com', action: 'user.remove', result: 'refused', target: 'u1', detail: { reason: 'not admin' } });
    const latest = await t.store.audit.latest(10);
    expect(latest.map((e) => e.action)).toEqual(['user.remove', 'emails.off']);
    expect(latest[0]?.detail).toEqual({ reason: 'not admin' });
    expect(await t.store.audit.count({ result: 'refused' })).toBe(1);
  });
});
