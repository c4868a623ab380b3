// The CSV's Explanation column is written by the database from the catalogue (a CASE, first match
// wins): on both databases it must say exactly what the cards say for every entry, for an org's
// note, for an unknown code and for a row with nothing to explain.
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/error-intelligence/catalogue.js';
import { explainSubscriber, shortExplanation } from '../../src/error-intelligence/explain.js';
import { csvColumns, explanationHeader, withExplanation } from '../../src/export/subscribers-csv.js';

const EXPLANATION_HEADER = explanationHeader();
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '../../src/provisioning/types.js';
import type { SubscriberInput } from '../../src/store/subscribers.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const STATUS_CODES = new Set<string>(SUBSCRIBER_STATUSES);

function row(i: number, status: SubscriberStatus, errorCode: number | null, errorText: string | null): SubscriberInput {
  return {
    id: `s-${i}`, personId: null, userId: `u${i}@sp.example`, spEnterpriseId: 'acme', firstName: 'A', lastName: `B${i}`, email: `u${i}@acme.example`,
    primaryPhoneNumber: null, mobilePhoneNumber: null, extension: null, package: 'basic', status, errorCode, errorText, created: NOW, lastStatusChange: new Date(NOW.getTime() - i * 1000),
    provisioningId: 'prov-1', selfActivated: false,
  };
}

/** One row per catalogue entry that a subscriber can carry (numeric codes, patterns, statuses), and a few more. */
function rows(): SubscriberInput[] {
  const out: SubscriberInput[] = [];
  let i = 0;
  for (const e of CATALOGUE) {
    const numeric = e.codes?.find((c) => /^\d+$/.test(c));
    const status = e.codes?.find((c) => STATUS_CODES.has(c)) as SubscriberStatus | undefined;
    if (status) out.push(row(i++, status, null, null));
    else if (numeric) out.push(row(i++, 'error', Number(numeric), 'whatever Webex said'));
    if (e.pattern) {
      const sample = { 'email-304-suppressed-24h': 'Re-send invite for a by b is suppressed as the user a has already received an invitation email in last 24 hours ; Error with x@y.z.', 'template-untrusted-emails-off': 'Self-activation failed: the customer template does not allow untrusted emails', 'template-share-link': 'The Share Link is wrong', 'wxc-48xx-invalid-email': 'WXC-4812 email rejected' }[e.id];
      if (sample) out.push(row(i++, 'error', null, sample));
    }
  }
  out.push(row(i++, 'error', 424242, 'Something nobody has seen'), row(i++, 'error', null, 'Codeless and unknown'), row(i++, 'error', 777, 'x'), row(i++, 'provisioned', null, null), row(i++, 'pending_email_input', null, null));
  return out;
}

describe.each(DB_KINDS)('the CSV explanation column on the %s database', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await t.store.subscribers.upsertMany(rows());
  }, 60_000);
  afterAll(() => t?.dispose());

  it('says what the cards say, row by row (the org’s notes included)', async () => {
    const notes = new Map([
      ['10022', { text: 'Ask Ana first.', writtenBy: 'ana@acme.example', writtenAt: NOW }],
      ['777', { text: 'Our own code.', writtenBy: 'ana@acme.example', writtenAt: NOW }],
    ]);
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) });
    const columns = [{ key: 'id' as const, header: 'id' }, ...withExplanation(csvColumns().filter((c) => c.header === EXPLANATION_HEADER), notes)];
    const count = await t.store.subscribers.copyCsv({}, columns, out);
    const parsed = parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(count);
    const byId = new Map(rows().map((r) => [r.id, r]));
    let explained = 0;
    for (const line of parsed) {
      const r = byId.get(line.id!)!;
      const expected = r.status === 'error' || r.status === 'pending_user_migration' ? shortExplanation(explainSubscriber(r, notes)) : '';
      expect(line[EXPLANATION_HEADER], `${r.status} ${r.errorCode} ${r.errorText}`).toBe(expected);
      if (expected && expected !== 'Not in the catalogue.') explained++;
    }
    expect(explained).toBeGreaterThan(20);
  });
});
