// The error catalogue: every entry is reachable and renders; unknown codes fall back, raw; causes
// group by code, else by the description with per-user details taken out; the CSV's SQL explains
// exactly as the cards do.
import { describe, expect, it } from 'vitest';
import { renderErrorsGroup, renderUserDetail } from '../../src/cards/index.js';
import { validateCard } from '../../src/cards/validate.js';
import { CATALOGUE, lookup } from '../../src/error-intelligence/catalogue.js';
import { causeKey, normalizeDescription } from '../../src/error-intelligence/cause.js';
import { explainError, explainSubscriber, shortExplanation } from '../../src/error-intelligence/explain.js';
import { groupCauses } from '../../src/error-intelligence/groups.js';
import type { CauseRow } from '../../src/store/subscribers.js';
import { SUBSCRIBER_ERRORS, EMAIL_ERRORS } from '../../src/provisioning/simulator/catalog.js';
import { BW_ERRORS } from '../../src/fake-webex/broadworks-rules.js';

const NOW = new Date('2026-12-03T10:00:00Z');

/** An error that reaches the entry: by its first code, else by text its pattern matches. */
function sampleOf(entry: (typeof CATALOGUE)[number]): { code: string | null; text: string } {
  if (entry.codes?.length) return { code: entry.codes[0]!, text: '' };
  const samples: Record<string, string> = { 'template-share-link': 'The Share Link of the customer template is not the activation link' };
  return { code: null, text: samples[entry.id] ?? '' };
}

describe('the error catalogue', () => {
  it('every entry says where it comes from, and Cisco’s are marked as such', () => {
    for (const e of CATALOGUE) {
      expect(e.sourceNote.length, e.id).toBeGreaterThan(10);
      expect(['cisco', 'ours']).toContain(e.source);
    }
    for (const id of ['bw-1001-null-parameter', 'bw-10022-userid-in-use', 'precheck-100-ok', 'email-304-suppressed-24h', 'calling-2560-maintenance', 'wxc-25058-extension-length']) {
      expect(CATALOGUE.find((e) => e.id === id)?.source, id).toBe('cisco');
    }
  });

  it('every entry is reachable by its code or its pattern, and renders on a valid card', () => {
    for (const entry of CATALOGUE) {
      const { code, text } = sampleOf(entry);
      expect(code !== null || text !== '', `${entry.id} needs a sample`).toBe(true);
      expect(lookup(code, text)?.id, entry.id).toBe(entry.id);
      const explanation = explainError(code, text);
      const rendered = renderErrorsGroup({ cardId: 'card_1', group: { key: causeKey(code, text), count: 3, codeLabel: code ?? 'Error (no code)', enterprises: [{ id: 'acme', n: 3 }], oldest: NOW, newest: NOW, explanation, sampleText: text || null }, filter: {} });
      expect(validateCard(rendered.card), entry.id).toEqual([]);
      expect(JSON.stringify(rendered.card)).toContain(entry.title.slice(0, 20));
    }
  });

  it('explains every code the simulator and the fake Webex produce', () => {
    for (const e of Object.values(SUBSCRIBER_ERRORS)) expect(explainError(e.errorCode, e.description).known, String(e.errorCode)).toBe(true);
    for (const e of Object.values(EMAIL_ERRORS)) expect(explainError(e.code, null).known, e.code).toBe(true);
    for (const e of Object.values(BW_ERRORS)) {
      const err = typeof e === 'function' ? e('email') : e;
      expect(explainError(err.errorCode, err.description).known, String(err.errorCode)).toBe(true);
    }
  });

  it('the 24-hour suppression is "later", not a failure; 2560 is transient; 10022 cannot be retried', () => {
    expect(explainError('ATLAS-600199', null).retry).toBe('later');
    expect(explainError(null, 'Re-send invite for x by y is suppressed as the user x has already received an invitation email in last 24 hours ; Error with a@b.c.').retry).toBe('later');
    expect(explainError(2560, null).retry).toBe('yes');
    expect(explainError(10022, null)).toMatchObject({ retry: 'no', action: 'remove' });
    expect(explainSubscriber({ status: 'pending_user_migration', errorCode: null, errorText: null })).toMatchObject({ action: 'consent', known: true });
  });

  it('an unknown code is not guessed at: marked not in the catalogue, the raw text kept apart', () => {
    const e = explainError(99999, 'Something new went wrong');
    expect(e).toMatchObject({ known: false, source: 'unknown', retry: 'unknown', cause: null });
    expect(shortExplanation(e)).toBe('Not in the catalogue.');
    const card = renderUserDetail({ cardId: 'c', user: { id: 's', userId: 'u', spEnterpriseId: 'e', package: 'basic', status: 'error', errorCode: 99999, errorText: 'Something new went wrong', lastStatusChange: NOW }, explanation: e });
    const json = JSON.stringify(card.card);
    expect(json).toContain('Error 99999: Something new went wrong');
    expect(json).toContain('not in the catalogue');
  });

  it('an org’s note is shown beside the catalogue’s entry, and explains a code the catalogue lacks', () => {
    const notes = new Map([['99999', { text: 'Our BroadWorks export bug; call Ana.', writtenBy: 'ana@acme.example', writtenAt: NOW }]]);
    expect(explainError(99999, 'x', notes)).toMatchObject({ known: true, source: 'org', note: { writtenBy: 'ana@acme.example' } });
    const withCatalogue = explainError(10022, null, new Map([['10022', { text: 'Ask Bob.', writtenBy: 'b@x', writtenAt: NOW }]]));
    expect(withCatalogue.source).toBe('cisco');
    expect(shortExplanation(withCatalogue)).toBe('This BroadWorks user ID already belongs to another Webex user. Your org: Ask Bob.');
  });
});

describe('causes', () => {
  const row = (over: Partial<CauseRow>): CauseRow => ({ status: 'error', errorCode: null, errorText: null, spEnterpriseId: 'acme', n: 1, oldest: NOW, newest: NOW, ...over });

  it('the same cause with different user names, emails and ids in the text is one group', () => {
    const texts = [
      'Provisioning of "Ana Popescu" <ana@acme.example> failed: template 1234 rejected user 9f1c2e4a-1b2c-4d3e-8f90-123456789abc',
      'Provisioning of "Jiří Novák" <jiri.novak@globex.example> failed: template 77 rejected user 0a0b0c0d-1111-4222-8333-444455556666',
      "Provisioning of 'Eva' <eva+x@initech.example> failed: template 5 rejected user Y2lzY29zcGFyazovL3VzL1NVQlNDUklCRVIvMTIz",
    ];
    expect(new Set(texts.map(normalizeDescription)).size).toBe(1);
    const groups = groupCauses(texts.map((errorText, i) => row({ errorText, spEnterpriseId: ['acme', 'globex', 'initech'][i]!, n: i + 1 })), new Map());
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 6, enterprises: [{ id: 'initech', n: 3 }, { id: 'globex', n: 2 }, { id: 'acme', n: 1 }] });
    expect(groups[0]!.selector).toEqual({ kind: 'texts', texts });
  });

  it('a code groups whatever its text says; different codes are different causes; biggest first, ties by key', () => {
    const groups = groupCauses(
      [
        row({ errorCode: 10022, errorText: 'a', n: 2 }),
        row({ errorCode: 10022, errorText: 'b', n: 2, spEnterpriseId: 'globex' }),
        row({ errorCode: 10031, errorText: 'c', n: 4 }),
        row({ status: 'pending_user_migration', n: 1 }),
        row({ errorCode: 2560, n: 1 }),
      ],
      new Map(),
    );
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ['code:10022', 4],
      ['code:10031', 4],
      ['code:2560', 1],
      ['status:pending_user_migration', 1],
    ]);
    expect(groups[0]!.selector).toEqual({ kind: 'code', errorCode: 10022 });
    expect(groups[3]!.explanation.action).toBe('consent');
  });
});
