// Every repository, run once on the embedded database and once on the PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { SubscriberFilter, SubscriberInput } from '../../src/store/subscribers.js';
import type { PersonInput } from '../../src/store/people.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const STATUSES = ['error', 'provisioning', 'pending_email_input', 'provisioned'] as const;

function subscriber(i: number, over: Partial<SubscriberInput> = {}): SubscriberInput {
  return {
    id: `sub-${String(i).padStart(3, '0')}`,
    personId: null,
    userId: `user${i}@sp.example`,
    spEnterpriseId: i % 2 === 0 ? 'Reseller1+acme' : 'Reseller1+globex',
    firstName: `First${i}`,
    lastName: i === 7 ? "O'Brien" : `Last${i}`,
    email: `person${i}@acme.example`,
    primaryPhoneNumber: null,
    mobilePhoneNumber: null,
    extension: null,
    package: 'standard',
    status: STATUSES[i % STATUSES.length]!,
    errorCode: i % 4 === 0 ? 10022 : null,
    errorText: i % 4 === 0 ? 'The BroadWorks UserID is already associated with an existing user.' : null,
    created: T0,
    lastStatusChange: minutes(i % 10), // ties on purpose: paging must break them by id
    provisioningId: 'prov-1',
    selfActivated: false,
    ...over,
  };
}

/** The columns the export tests ask for; the header is the field name, to compare with rows. */
const CSV = (['id', 'firstName', 'lastName', 'email', 'errorCode', 'lastStatusChange', 'created'] as const).map((key) => ({ key, header: key }));
const cell = (v: unknown) => (v === null ? '' : v instanceof Date ? v.toISOString() : String(v));

/** A Writable that keeps what it is given. */
function collector(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

function person(i: number, createdDaysAgo: number, over: Partial<PersonInput> = {}): PersonInput {
  return {
    id: `p-${i}`,
    email: `p${i}@acme.example`,
    displayName: `Person ${i}`,
    firstName: null,
    lastName: null,
    invitePending: true,
    loginEnabled: true,
    created: new Date(T0.getTime() - createdDaysAgo * 86_400_000),
    lastActivity: null,
    licenses: ['lic-1'],
    plan: 'paid',
    convertedToPaidAt: null,
    ...over,
  };
}

describe.each(DB_KINDS)('repositories on the %s database', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.dispose());

  describe('subscribers', () => {
    async function exportCsv(filter: SubscriberFilter) {
      const sink = collector();
      const count = await t.store.subscribers.copyCsv(filter, CSV, sink.out);
      const text = sink.text();
      return { count, text, records: parse(text, { columns: true }) as Record<string, string>[] };
    }

    beforeAll(async () => {
      await t.store.subscribers.upsertMany(Array.from({ length: 40 }, (_, i) => subscriber(i)));
    });

    it('pages forward and back through a filter without gaps or repeats', async () => {
      const filter = { statuses: ['error' as const, 'provisioning' as const, 'pending_email_input' as const] };
      const total = await t.store.subscribers.count(filter);
      expect(total).toBe(30);
      const seen: string[] = [];
      let cursor;
      const pages = [];
      for (;;) {
        const page = await t.store.subscribers.page(filter, 7, cursor);
        pages.push(page.rows);
        seen.push(...page.rows.map((r) => r.id));
        const last = page.rows.at(-1);
        if (!page.hasMore || !last) break;
        cursor = { lastStatusChange: last.lastStatusChange, id: last.id };
      }
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
      // Newest status change first.
      const times = pages.flat().map((r) => r.lastStatusChange.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      // Previous from the start of page 3 gives page 2 exactly.
      const first = pages[2]![0]!;
      const back = await t.store.subscribers.page(filter, 7, { lastStatusChange: first.lastStatusChange, id: first.id }, 'prev');
      expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.map((r) => r.id));
      expect(back.hasMore).toBe(true);
    });

    it('filters by enterprise and text, case-insensitively, and counts per status', async () => {
      const acme = await t.store.subscribers.count({ enterpriseId: 'Reseller1+acme' });
      expect(acme).toBe(20);
      const found = await t.store.subscribers.page({ text: "o'brien" }, 10);
      expect(found.rows.map((r) => r.id)).toEqual(['sub-007']);
      const byEmail = await t.store.subscribers.page({ text: 'PERSON12@' }, 10);
      expect(byEmail.rows.map((r) => r.id)).toEqual(['sub-012']);
      const counts = await t.store.subscribers.countByStatus({ enterpriseId: 'Reseller1+acme' });
      expect(counts).toMatchObject({ error: 10, provisioning: 0, pending_email_input: 10, provisioned: 0, updating: 0 });
    });

    it('exports every row of a filter as CSV in list order, exactly as the pages list them', async () => {
      for (const filter of [{ statuses: ['error' as const] }, { enterpriseId: 'Reseller1+acme' }, { text: "o'brien" }, {}]) {
        const { records, count } = await exportCsv(filter);
        const paged = (await t.store.subscribers.page(filter, 1000)).rows;
        expect(count).toBe(paged.length);
        expect(records.map((r) => r.id)).toEqual(paged.map((r) => r.id));
        // Every cell as the row holds it: dates as ISO text, nulls empty.
        expect(records[0]).toEqual(Object.fromEntries(CSV.map(({ key }) => [key, cell(paged[0]![key])])));
      }
      expect((await exportCsv({ text: '%' })).records).toEqual([]); // % and _ are matched literally
      expect((await exportCsv({ text: "'; DROP TABLE \"Subscriber\"; --" })).count).toBe(0);
      expect(await t.store.subscribers.count({})).toBe(40);
    });

    it('quotes what CSV must quote and defuses cells a spreadsheet would run as formulas', async () => {
      await t.store.subscribers.upsertMany([
        subscriber(90, { firstName: '=HYPERLINK("http://evil.example")', lastName: 'Smith, "Jr"\nthe second', email: '@SUM(A1)', errorCode: -5, status: 'error' }),
      ]);
      try {
        const { records, text } = await exportCsv({ text: 'user90@' });
        expect(text.split('\n')[0]).toBe('id,firstName,lastName,email,errorCode,lastStatusChange,created');
        expect(records).toEqual([
          {
            id: 'sub-090',
            firstName: `'=HYPERLINK("http://evil.example")`,
            lastName: 'Smith, "Jr"\nthe second',
            email: "'@SUM(A1)",
            errorCode: "'-5",
            lastStatusChange: minutes(0).toISOString(),
            created: T0.toISOString(),
          },
        ]);
      } finally {
        await t.store.subscribers.remove('sub-090');
      }
    });

    it('matches % and _ literally, the same in pages, counts and the export', async () => {
      const odd = [
        subscriber(91, { userId: 'john_doe@sp.example', email: 'john_doe@acme.example', firstName: '100%', lastName: 'Club' }),
        subscriber(92, { userId: 'johnxdoe@sp.example', email: 'johnxdoe@acme.example', firstName: 'John', lastName: 'Xdoe' }),
      ];
      await t.store.subscribers.upsertMany(odd);
      try {
        for (const [text, expected] of [['%', ['sub-091']], ['_', ['sub-091']], ['john_doe', ['sub-091']], ['0%c', []], ['JOHN', ['sub-091', 'sub-092']]] as const) {
          const paged = (await t.store.subscribers.page({ text }, 100)).rows.map((r) => r.id).sort();
          expect(paged, `page of "${text}"`).toEqual(expected);
          expect((await t.store.subscribers.pageAt({ text }, 100, 0)).map((r) => r.id).sort(), `pageAt of "${text}"`).toEqual(expected);
          expect(await t.store.subscribers.count({ text }), `count of "${text}"`).toBe(expected.length);
          const perStatus = Object.values(await t.store.subscribers.countByStatus({ text })).reduce((a, b) => a + b, 0);
          expect(perStatus, `countByStatus of "${text}"`).toBe(expected.length);
          expect((await exportCsv({ text })).records.map((r) => r.id).sort(), `export of "${text}"`).toEqual(expected);
        }
      } finally {
        for (const s of odd) await t.store.subscribers.remove(s.id);
      }
    });

    it('finds by user id or email exactly (case aside): _ and % are not wildcards', async () => {
      const odd = [
        subscriber(93, { userId: 'john_doe@sp.example', email: 'john_doe@acme.example', lastStatusChange: minutes(1) }),
        subscriber(94, { userId: 'johnxdoe@sp.example', email: 'johnxdoe@acme.example', lastStatusChange: minutes(900) }),
      ];
      await t.store.subscribers.upsertMany(odd);
      try {
        expect((await t.store.subscribers.findByUserIdOrEmail('JOHN_DOE@ACME.EXAMPLE')).map((r) => r.id)).toEqual(['sub-093']);
        expect((await t.store.subscribers.findByUserIdOrEmail('John_Doe@SP.example')).map((r) => r.id)).toEqual(['sub-093']);
        expect(await t.store.subscribers.findByUserIdOrEmail('john%@acme.example')).toEqual([]);
        const [found] = await t.store.subscribers.findByUserIdOrEmail('johnxdoe@acme.example');
        // The whole row, typed as the model: dates as Dates.
        expect(found).toMatchObject({ id: 'sub-094', status: odd[1]!.status, lastStatusChange: minutes(900), created: T0, selfActivated: false });
      } finally {
        for (const s of odd) await t.store.subscribers.remove(s.id);
      }
    });

    it('upserts, finds by user id or email, removes, and knows the newest change', async () => {
      await t.store.subscribers.upsertMany([subscriber(5, { status: 'provisioned', lastStatusChange: minutes(500), errorCode: null })]);
      expect((await t.store.subscribers.get('sub-005'))?.status).toBe('provisioned');
      expect((await t.store.subscribers.findByUserIdOrEmail('USER5@sp.example')).map((r) => r.id)).toEqual(['sub-005']);
      expect((await t.store.subscribers.findByUserIdOrEmail('person5@acme.example')).map((r) => r.id)).toEqual(['sub-005']);
      expect(await t.store.subscribers.latestStatusChange()).toEqual(minutes(500));
      await t.store.subscribers.remove('sub-005');
      expect(await t.store.subscribers.get('sub-005')).toBeNull();
      expect(await t.store.subscribers.enterprises()).toEqual(['Reseller1+acme', 'Reseller1+globex']);
    });
  });

  describe('people', () => {
    beforeAll(async () => {
      await t.store.people.insertMany([
        person(1, 30),
        person(2, 10),
        person(3, 3),
        person(4, 40, { invitePending: false }),
        person(5, 20, { plan: 'paid', convertedToPaidAt: T0 }),
      ]);
    });

    it('lists pending invitations older than the threshold, oldest first', async () => {
      const q = { invitedBefore: new Date(T0.getTime() - 7 * 86_400_000), now: T0 };
      expect((await t.store.people.inactive(q)).map((p) => p.id)).toEqual(['p-1', 'p-5', 'p-2']);
      expect(await t.store.people.countInactive(q)).toBe(3);
    });

    it('leaves snoozed people out until the snooze ends, and handled people out for good', async () => {
      const q = { invitedBefore: new Date(T0.getTime() - 7 * 86_400_000), now: T0 };
      await t.store.people.snooze('p-1', new Date(T0.getTime() + 86_400_000));
      await t.store.people.markHandled('p-2', 'admin@x.com', T0);
      expect((await t.store.people.inactive(q)).map((p) => p.id)).toEqual(['p-5']);
      const later = { ...q, now: new Date(T0.getTime() + 2 * 86_400_000) };
      expect((await t.store.people.inactive(later)).map((p) => p.id)).toEqual(['p-1', 'p-5']);
      expect(await t.store.people.countInactive({ ...q, includeDismissed: true })).toBe(3);
    });

    it('upserts a batch in one go: every field as given, and an email re-invited under a new id moves to it', async () => {
      const lastActivity = new Date('2026-02-20T08:30:00.123Z');
      const rows = [
        person(20, 12, { licenses: ['lic-a', 'lic-b'], lastActivity, firstName: 'Zoë', plan: 'free' }),
        person(21, 13, { displayName: null, licenses: [], convertedToPaidAt: T0 }),
      ];
      const before = new Date();
      await t.store.people.upsertMany(rows);
      for (const row of rows) {
        const stored = await t.store.people.get(row.id);
        expect(stored).toMatchObject({ ...row, followUpSnoozedUntil: null, followUpHandledAt: null, followUpHandledBy: null });
        expect(stored!.syncedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
      }
      // Deleted and invited again in Webex: same email, new id. The old row gives way.
      await t.store.people.upsertMany([person(22, 1, { email: 'p20@acme.example' })]);
      expect(await t.store.people.get('p-20')).toBeNull();
      expect((await t.store.people.byEmail('p20@acme.example'))?.id).toBe('p-22');
      await t.db.prisma.person.deleteMany({ where: { id: { in: ['p-21', 'p-22'] } } }); // leave the suite's other rows as they were
    });

    it('keeps follow-up state when Webex data is re-synced', async () => {
      await t.store.people.upsertMany([person(2, 10, { displayName: 'Renamed' })]);
      const p = await t.store.people.byEmail('P2@acme.example');
      expect(p).toMatchObject({ displayName: 'Renamed', followUpHandledBy: 'admin@x.com' });
    });
  });

  it('templates: replaces the set and lists by name', async () => {
    await t.store.templates.replaceAll([
      { provisioningId: 'a', name: 'Zeta', spEnterpriseId: null, untrustedEmails: true, shareLinkKind: 'activation' },
      { provisioningId: 'b', name: 'Alpha', spEnterpriseId: null, untrustedEmails: false, shareLinkKind: 'download' },
    ]);
    await t.store.templates.replaceAll([
      { provisioningId: 'b', name: 'Alpha', spEnterpriseId: null, untrustedEmails: true, shareLinkKind: 'activation' },
      { provisioningId: 'c', name: 'Beta', spEnterpriseId: 'e', untrustedEmails: true, shareLinkKind: 'none' },
    ]);
    const list = await t.store.templates.list();
    expect(list.map((x) => [x.name, x.untrustedEmails])).toEqual([['Alpha', true], ['Beta', true]]);
    expect(await t.store.templates.get('a')).toBeNull();
  });

  it('settings: records values and a history of changes only', async () => {
    expect(await t.store.settings.record('org', 'allow-admin-invite-emails', 'true', 'sync')).toEqual({ changed: true, oldValue: null });
    expect(await t.store.settings.record('org', 'allow-admin-invite-emails', 'true', 'sync')).toEqual({ changed: false, oldValue: 'true' });
    expect(await t.store.settings.record('org', 'allow-admin-invite-emails', 'false', 'a@x.com')).toEqual({ changed: true, oldValue: 'true' });
    expect((await t.store.settings.get('org', 'allow-admin-invite-emails'))?.value).toBe('false');
    const history = await t.store.settings.history('org', 'allow-admin-invite-emails');
    expect(history.map((h) => [h.oldValue, h.newValue, h.changedBy])).toEqual([
      ['true', 'false', 'a@x.com'],
      [null, 'true', 'sync'],
    ]);
  });

  it('reminders: latest per person and the 24-hour lookup', async () => {
    const base = { email: 'p1@acme.example', requestedBy: 'a@x.com', roomId: null, jobId: null, errorCode: null, errorText: null };
    await t.store.reminders.record({ ...base, personId: 'p-1', outcome: 'sent', requestedAt: minutes(0) });
    await t.store.reminders.record({ ...base, personId: 'p-1', outcome: 'suppressed', requestedAt: minutes(60), errorCode: 'ATLAS-600199' });
    await t.store.reminders.record({ ...base, personId: 'p-2', outcome: 'error', requestedAt: minutes(5) });
    const latest = await t.store.reminders.latestFor(['p-1', 'p-2', 'p-9']);
    expect(latest.get('p-1')?.outcome).toBe('suppressed');
    expect(latest.get('p-2')?.outcome).toBe('error');
    expect(latest.has('p-9')).toBe(false);
    expect((await t.store.reminders.lastSentSince('p-1', minutes(-1)))?.requestedAt).toEqual(minutes(0));
    expect(await t.store.reminders.lastSentSince('p-1', minutes(1))).toBeNull();
  });

  it('alert subscriptions: subscribe, unsubscribe, resubscribe', async () => {
    await t.store.alertSubscriptions.subscribe('room-1', 'a@x.com');
    await t.store.alertSubscriptions.subscribe('room-2', 'b@x.com');
    expect(await t.store.alertSubscriptions.unsubscribe('room-1', 'c@x.com')).toBe(true);
    expect(await t.store.alertSubscriptions.unsubscribe('room-1', 'c@x.com')).toBe(false);
    expect((await t.store.alertSubscriptions.active()).map((s) => s.roomId)).toEqual(['room-2']);
    expect(await t.store.alertSubscriptions.get('room-1')).toMatchObject({ active: false, unsubscribedBy: 'c@x.com' });
    await t.store.alertSubscriptions.subscribe('room-1', 'd@x.com');
    expect(await t.store.alertSubscriptions.get('room-1')).toMatchObject({ active: true, subscribedBy: 'd@x.com', unsubscribedBy: null });
  });

  it('leases: one holder at a time, taken over after expiry, each occurrence claimed once', async () => {
    const now = T0;
    const results = await Promise.all(['i1', 'i2', 'i3'].map((h) => t.store.leases.acquire('alerts', h, 60_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = (await t.store.leases.get('alerts'))!.holder!;
    expect(await t.store.leases.acquire('alerts', holder, 60_000, now)).toBe(true);
    expect(await t.store.leases.acquire('alerts', 'other', 60_000, minutes(0.5))).toBe(false);
    expect(await t.store.leases.acquire('alerts', 'other', 60_000, minutes(2))).toBe(true);
    await t.store.leases.release('alerts', 'other');
    expect(await t.store.leases.acquire('alerts', 'third', 60_000, minutes(2))).toBe(true);

    const claims = await Promise.all([1, 2, 3].map(() => t.store.leases.claimOccurrence('alerts-run', '2026-03-02T09:00:00.000Z')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await t.store.leases.claimOccurrence('alerts-run', '2026-03-01T09:00:00.000Z')).toBe(false);
    expect(await t.store.leases.claimOccurrence('alerts-run', '2026-03-03T09:00:00.000Z')).toBe(true);
  });

  it('retry operations: create, advance, and find the open one', async () => {
    const op = await t.store.retryOperations.create({ subscriberId: 's1', userId: 'u1@sp', newEmail: 'new@acme.example', requestedBy: 'a@x.com' });
    expect(op.step).toBe('precheck');
    await t.store.retryOperations.advance(op.id, { step: 'remove', snapshot: { id: 's1', userId: 'u1@sp' } });
    await t.store.retryOperations.noteFailure(op.id, 'Webex 503');
    const open = await t.store.retryOperations.openForUser('u1@sp');
    expect(open).toMatchObject({ id: op.id, step: 'remove', attempts: 1, lastError: 'Webex 503', snapshot: { id: 's1', userId: 'u1@sp' } });
    await t.store.retryOperations.advance(op.id, { step: 'done', newSubscriberId: 's2', lastError: null });
    expect(await t.store.retryOperations.openForUser('u1@sp')).toBeNull();
    expect(await t.store.retryOperations.listOpen()).toEqual([]);
  });
});
