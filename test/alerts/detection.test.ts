// Detection and the digest, on both databases: the threshold, oldest-first order, age bands,
// snoozed and handled people, and one valid card however many are inactive.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { detectInactive, invitedBefore, renderDigest } from '../../src/alerts/index.js';
import { ALERT_PAGE_SIZE, FALLBACK_MAX_BYTES, byteLength } from '../../src/cards/index.js';
import { validateCard } from '../../src/cards/validate.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { DAY, HOUR, personInvited } from './helpers.js';

const NOW = new Date('2026-03-10T09:00:00Z');
const detect = (t: TestDatabase, over: { page?: number; now?: Date; inactiveAfterDays?: number } = {}) =>
  detectInactive(t.store, { now: over.now ?? NOW, inactiveAfterDays: over.inactiveAfterDays ?? 7, page: over.page, pageSize: ALERT_PAGE_SIZE });

describe.each(DB_KINDS)('inactive-user detection on the %s database', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.dispose());
  beforeEach(async () => {
    await t.db.prisma.reminder.deleteMany();
    await t.db.prisma.person.deleteMany();
  });

  it('takes people pending longer than INACTIVE_AFTER_DAYS: 8 days yes, 6 days no', async () => {
    await t.store.people.insertMany([
      personInvited(1, 6, NOW),
      personInvited(2, 8, NOW),
      personInvited(3, 7 - 1 / 24, NOW), // 6 days 23 hours: not yet
      personInvited(4, 30, NOW, { invitePending: false }), // activated
    ]);
    const digest = await detect(t);
    expect(digest.total).toBe(1);
    expect(digest.rows.map((r) => r.email)).toEqual(['user2@acme.example']);
    // An hour later the 6-days-23-hours one has crossed the line; with a 5-day threshold the 6-day one too.
    expect((await detect(t, { now: new Date(NOW.getTime() + 2 * HOUR) })).total).toBe(2);
    expect((await detect(t, { inactiveAfterDays: 5 })).total).toBe(3);
  });

  it('lists the oldest invitation first, pages, and counts age bands', async () => {
    const ages = [8, 9, 13, 14, 20, 29, 30, 45, 59, 60, 75, 89, 90, 120, 365];
    await t.store.people.insertMany(ages.map((d, i) => personInvited(i, d, NOW)));
    const first = await detect(t);
    expect(first.total).toBe(ages.length);
    expect(first.rows).toHaveLength(ALERT_PAGE_SIZE);
    expect(first.rows[0]!.email).toBe('user14@acme.example'); // 365 days
    const days = first.rows.map((r) => (NOW.getTime() - r.invitedAt.getTime()) / DAY);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(first.bands.map((b) => [b.label, b.count])).toEqual([
      ['7–13 days', 3],
      ['14–29 days', 3],
      ['30–59 days', 3],
      ['60–89 days', 3],
      ['90+ days', 3],
    ]);
    const second = await detect(t, { page: 1 });
    expect(second.rows).toHaveLength(ages.length - ALERT_PAGE_SIZE);
    expect(second.rows.at(-1)!.email).toBe('user0@acme.example'); // 8 days: the newest
    // A page past the end (people dismissed since the card was sent) shows the last page.
    expect((await detect(t, { page: 9 })).page).toBe(1);
    // Bands start at the threshold: with 30 days there are three.
    expect((await detect(t, { inactiveAfterDays: 30 })).bands.map((b) => b.label)).toEqual(['30–59 days', '60–89 days', '90+ days']);
  });

  it('leaves out snoozed people until the snooze ends, and handled people for good', async () => {
    await t.store.people.insertMany([personInvited(1, 10, NOW), personInvited(2, 11, NOW), personInvited(3, 12, NOW)]);
    await t.store.people.snooze('person-000001', new Date(NOW.getTime() + 3 * DAY));
    await t.store.people.markHandled('person-000002', 'admin@acme.example', NOW);
    expect((await detect(t)).rows.map((r) => r.id)).toEqual(['person-000003']);
    const later = await detect(t, { now: new Date(NOW.getTime() + 3 * DAY) });
    expect(later.rows.map((r) => r.id)).toEqual(['person-000003', 'person-000001']);
  });

  it("shows each person's latest reminder", async () => {
    await t.store.people.insertMany([personInvited(1, 10, NOW), personInvited(2, 11, NOW)]);
    const base = { email: 'user1@acme.example', requestedBy: 'admin@acme.example', roomId: null, jobId: null, errorCode: null, errorText: null };
    await t.store.reminders.record({ ...base, personId: 'person-000001', requestedAt: new Date(NOW.getTime() - 3 * DAY), outcome: 'sent' });
    await t.store.reminders.record({ ...base, personId: 'person-000001', requestedAt: new Date(NOW.getTime() - DAY), outcome: 'suppressed', errorCode: 'ATLAS-600199', errorText: 'x' });
    const rows = (await detect(t)).rows;
    expect(rows.find((r) => r.id === 'person-000001')).toMatchObject({ lastRemindedAt: new Date(NOW.getTime() - DAY), lastReminderOutcome: 'suppressed' });
    expect(rows.find((r) => r.id === 'person-000002')).toMatchObject({ lastRemindedAt: null, lastReminderOutcome: null });
  });

  it('hundreds of inactive users: one card, within Webex limits', async () => {
    const n = 640;
    await t.store.people.insertMany(
      Array.from({ length: n }, (_, i) =>
        personInvited(i, 8 + (i % 200), NOW, { displayName: `Ünïcødé Person ${i} **bold** <@personEmail:boss@acme.example>`, email: `user${i}@acme.example` }),
      ),
    );
    const digest = await detect(t);
    expect(digest.total).toBe(n);
    expect(digest.bands.reduce((s, b) => s + b.count, 0)).toBe(n);
    const rendered = renderDigest({ digest, autoEmailsEnabled: false, perUserEmails: true }, 'card-1');
    expect(validateCard(rendered.card)).toEqual([]);
    expect(byteLength(rendered.fallbackText)).toBeLessThanOrEqual(FALLBACK_MAX_BYTES);
    expect(byteLength(JSON.stringify(rendered.card))).toBeLessThan(22_000);
    const text = JSON.stringify(rendered.card);
    expect(text).toContain('Inactive users: 640');
    expect(text).toContain('Automatic activation emails are OFF');
    expect(text).not.toMatch(/[^\\]<@personEmail/);
    expect(rendered.fallbackText).toContain('By time pending: 7–13 days');
    // The card offers exactly the people it shows.
    expect(rendered.offer.context.personIds).toEqual(digest.rows.map((r) => r.id));
    expect(rendered.offer.context.personIds).toHaveLength(ALERT_PAGE_SIZE);
    expect(rendered.offer.actions).toEqual(['alerts.remind', 'alerts.snooze', 'alerts.handled', 'alerts.remindAll', 'alerts.page']);
  });

  it('the one-statement counts agree with the Prisma filter', async () => {
    await t.store.people.insertMany(Array.from({ length: 50 }, (_, i) => personInvited(i, i * 3, NOW, { invitePending: i % 5 !== 0 })));
    await t.store.people.snooze('person-000011', new Date(NOW.getTime() + DAY));
    const q = { invitedBefore: invitedBefore(NOW, 7), now: NOW };
    const { total } = await t.store.people.countInactiveOlderThan(q, []);
    expect(total).toBe(await t.store.people.countInactive(q));
    expect((await t.store.people.inactiveIds(q)).length).toBe(total);
  });
});
