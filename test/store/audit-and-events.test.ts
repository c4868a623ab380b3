import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createLogger } from '../../src/logger.js';
import { schedulePrune } from '../../src/store/retention.js';

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

  it('claims each of many concurrent events exactly once: duplicates within a batch, overlapping batches, no deadlock', async () => {
    // Hundreds of claims make several batches at once; shuffled, they share ids in different
    // orders (on a server, concurrent statements on several connections).
    for (let round = 0; round < 3; round++) {
      const ids = Array.from({ length: 150 }, (_, i) => `burst-${round}-${i}`);
      const attempts = [...ids, ...ids, ...ids.slice(0, 50)].sort(() => Math.random() - 0.5);
      const results = await Promise.all(attempts.map((id) => t.store.events.claim(id, 'message', 'i1').then((claimed) => ({ id, claimed }))));
      const winners = results.filter((r) => r.claimed).map((r) => r.id);
      expect(winners.sort()).toEqual([...ids].sort());
      expect(await t.store.events.claim(`burst-${round}-7`, 'message', 'i1')).toBe(false);
    }
  });

  it('answers every waiting claim with the error when the database fails, then works again', async () => {
    const db = await openTestDatabase(kind);
    try {
      await db.db.pool.query('ALTER TABLE "ProcessedEvent" RENAME TO "ProcessedEventAway"');
      const failed = await Promise.allSettled([1, 2, 3].map((i) => db.store.events.claim(`f-${i}`, 'message', 'i1')));
      expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      await db.db.pool.query('ALTER TABLE "ProcessedEventAway" RENAME TO "ProcessedEvent"');
      expect(await db.store.events.claim('f-1', 'message', 'i1')).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it('prunes events by when they were received (stored in UTC, as Prisma reads them)', async () => {
    await t.store.events.claim('evt-old', 'message', 'i1');
    expect(await t.store.events.prune(new Date(Date.now() - 60_000))).toBe(0);
    const pruned = await t.store.events.prune(new Date(Date.now() + 60_000));
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(await t.store.events.claim('evt-old', 'message', 'i1')).toBe(true);
  });

  it('prunes old events, expired cards and old alert deliveries on a timer, keeping recent ones', async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const seed = async (tag: string) => {
      await t.store.events.claim(`${tag}-old-evt`, 'message', 'i1');
      await t.store.events.claim(`${tag}-new-evt`, 'message', 'i1');
      await t.db.prisma.processedEvent.update({ where: { id: `${tag}-old-evt` }, data: { receivedAt: daysAgo(8) } });
      const expired = await t.store.sentCards.issue({ roomId: 'r', kind: 'help', actions: [], expiresAt: daysAgo(1) });
      const valid = await t.store.sentCards.issue({ roomId: 'r', kind: 'help', actions: [], expiresAt: daysAgo(-6) });
      await t.store.alertDeliveries.begin(`${tag}-old`, 'r', 'i1', daysAgo(31));
      await t.store.alertDeliveries.begin(`${tag}-new`, 'r', 'i1', daysAgo(2));
      return { expired: expired.id, valid: valid.id };
    };
    const kept = async (tag: string, cards: { expired: string; valid: string }) => ({
      oldEvent: (await t.db.prisma.processedEvent.count({ where: { id: `${tag}-old-evt` } })) === 1,
      newEvent: (await t.db.prisma.processedEvent.count({ where: { id: `${tag}-new-evt` } })) === 1,
      expiredCard: (await t.store.sentCards.get(cards.expired)) !== null,
      validCard: (await t.store.sentCards.get(cards.valid)) !== null,
      oldDelivery: (await t.store.alertDeliveries.forOccurrence(`${tag}-old`)).length === 1,
      newDelivery: (await t.store.alertDeliveries.forOccurrence(`${tag}-new`)).length === 1,
    });
    const onlyRecent = { oldEvent: false, newEvent: true, expiredCard: false, validCard: true, oldDelivery: false, newDelivery: true };

    const first = await seed('a');
    const schedule = schedulePrune(t.store, createLogger('silent'), { everyMs: 20 });
    try {
      await schedule.firstRun;
      expect(await kept('a', first)).toEqual(onlyRecent);
      // Rows that grow old later go at a later run of the timer.
      const later = await seed('b');
      // A run deletes old events, then expired cards, then old deliveries: wait for a whole run.
      for (let i = 0; i < 250; i++) {
        const now = await kept('b', later);
        if (!now.oldEvent && !now.expiredCard && !now.oldDelivery) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await kept('b', later)).toEqual(onlyRecent);
      expect(await kept('a', first)).toEqual(onlyRecent);
    } finally {
      await schedule.stop();
    }
  });

  it('records a sent card and reads back exactly what it offered', async () => {
    const expiresAt = new Date('2026-05-01T12:34:56.789Z');
    const before = Date.now();
    const { id } = await t.store.sentCards.issue({
      roomId: 'room-1', threadId: 'parent-1', kind: 'users', actions: ['users.page', 'user.open'],
      context: { filter: { statuses: ['error'] }, note: "it's \"quoted\"" }, expiresAt,
    });
    await t.store.sentCards.attachMessage(id, 'message-1');
    const card = await t.store.sentCards.get(id);
    expect(card).toMatchObject({
      id, roomId: 'room-1', threadId: 'parent-1', messageId: 'message-1', kind: 'users', actions: ['users.page', 'user.open'],
      context: { filter: { statuses: ['error'] }, note: "it's \"quoted\"" }, expiresAt,
    });
    expect(card).not.toHaveProperty('issuedTo');
    expect(card!.issuedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(card!.issuedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1);
    const plain = await t.store.sentCards.issue({ roomId: 'room-2', kind: 'help', actions: [], expiresAt });
    expect(await t.store.sentCards.get(plain.id)).toMatchObject({ threadId: null, messageId: null, actions: [], context: {} });
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
