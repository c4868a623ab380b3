// The action catalogue: names, and what each accepts as a submission (data merged with inputs,
// as Webex's attachment action `inputs` delivers it).
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, actionSchema, parseSubmission, submitData } from '../../src/cards/actions.js';

const base = { cardId: 'card_1' };

describe('action names', () => {
  it('are unique, dotted and lower-camel', () => {
    expect(new Set(ACTION_NAMES).size).toBe(ACTION_NAMES.length);
    for (const name of ACTION_NAMES) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('include the ones the cards and handlers rely on', () => {
    for (const name of ['emails.off.confirm', 'users.page', 'user.open', 'user.retry', 'user.remove.confirm', 'user.package', 'user.copyError', 'alerts.remind', 'alerts.snooze', 'card.cancel']) {
      expect(ACTION_NAMES).toContain(name);
    }
  });
});

describe('parseSubmission: good submissions', () => {
  it('user.retry: data id + typed email, trimmed', () => {
    const r = parseSubmission({ action: 'user.retry', ...base, subscriberId: 'sub-1', email: '  ana@acme.example ' });
    expect(r).toEqual({ ok: true, submission: { action: 'user.retry', cardId: 'card_1', subscriberId: 'sub-1', email: 'ana@acme.example' } });
  });

  it('users.page: string page and comma-separated statuses from a card, booleans as strings', () => {
    const r = parseSubmission({ action: 'users.page', ...base, page: '2', statuses: 'error,pending_email_input', enterprise: '', text: ' ana ', includeProvisioned: 'true' });
    expect(r.ok && r.submission).toEqual({ action: 'users.page', cardId: 'card_1', page: 2, statuses: ['error', 'pending_email_input'], enterprise: undefined, text: 'ana', includeProvisioned: true });
  });

  it('users.page: defaults when the filter fields are absent', () => {
    const r = parseSubmission({ action: 'users.page', ...base, page: 0 });
    expect(r.ok && r.submission).toMatchObject({ page: 0, statuses: [], includeProvisioned: false });
  });

  it('users.filter: the filter inputs', () => {
    const r = parseSubmission({ action: 'users.filter', ...base, filterStatuses: '', filterEnterprise: 'acme', filterText: '', filterIncludeProvisioned: 'false', subscriberId: 'ignored' });
    expect(r.ok && r.submission).toEqual({ action: 'users.filter', cardId: 'card_1', filterStatuses: [], filterEnterprise: 'acme', filterText: undefined, filterIncludeProvisioned: false });
  });

  it('alerts.snooze: multi-select ids and a number input', () => {
    const r = parseSubmission({ action: 'alerts.snooze', ...base, personIds: 'p1,p2', snoozeDays: '14' });
    expect(r.ok && r.submission).toEqual({ action: 'alerts.snooze', cardId: 'card_1', personIds: ['p1', 'p2'], snoozeDays: 14 });
  });

  it('user.package, user.open, emails.sendOne, card.cancel', () => {
    expect(parseSubmission({ action: 'user.package', ...base, subscriberId: 's', package: 'premium' }).ok).toBe(true);
    expect(parseSubmission({ action: 'user.open', ...base, subscriberId: 'Y2lzY29zcGFyazovL3Vz=' }).ok).toBe(true);
    expect(parseSubmission({ action: 'emails.sendOne', ...base, email: 'jiri.novak@acme.example' }).ok).toBe(true);
    expect(parseSubmission({ action: 'card.cancel', ...base }).ok).toBe(true);
  });

  it('drops keys the action does not know (parent-card inputs come along)', () => {
    const r = parseSubmission({ action: 'alerts.remind', ...base, personIds: 'p1', snoozeDays: '7', extra: 'x' });
    expect(r.ok && r.submission).toEqual({ action: 'alerts.remind', cardId: 'card_1', personIds: ['p1'] });
  });
});

describe('parseSubmission: bad submissions', () => {
  it.each([
    ['unknown action', { action: 'user.delete', ...base, subscriberId: 's' }, 'unknown-action'],
    ['no action', { ...base }, 'unknown-action'],
    ['not an object', 'user.open', 'unknown-action'],
    ['prototype key as action', { action: 'constructor', ...base }, 'unknown-action'],
    ['missing cardId', { action: 'emails.on' }, 'invalid'],
    ['forged cardId', { action: 'emails.on', cardId: '<@all>' }, 'invalid'],
    ['malformed email', { action: 'user.retry', ...base, subscriberId: 's', email: 'ana@' }, 'invalid'],
    ['mention instead of email', { action: 'emails.sendOne', ...base, email: '<@personEmail:boss@acme.example>' }, 'invalid'],
    ['missing email', { action: 'user.retry', ...base, subscriberId: 's' }, 'invalid'],
    ['missing subscriber id', { action: 'user.remove.confirm', ...base }, 'invalid'],
    ['id with a comma', { action: 'user.open', ...base, subscriberId: 'a,b' }, 'invalid'],
    ['unknown package', { action: 'user.package', ...base, subscriberId: 's', package: 'platinum' }, 'invalid'],
    ['no users selected', { action: 'alerts.remind', ...base, personIds: '' }, 'invalid'],
    ['snooze of 0 days', { action: 'alerts.snooze', ...base, personIds: 'p1', snoozeDays: '0' }, 'invalid'],
    ['snooze of 1000 days', { action: 'alerts.snooze', ...base, personIds: 'p1', snoozeDays: '1000' }, 'invalid'],
    ['negative page', { action: 'users.page', ...base, page: -1 }, 'invalid'],
    ['unknown status', { action: 'users.page', ...base, page: 0, statuses: 'error,deleted' }, 'invalid'],
    ['toggle not a boolean', { action: 'users.page', ...base, page: 0, includeProvisioned: 'yes' }, 'invalid'],
  ])('refuses %s', (_name, inputs, reason) => {
    const r = parseSubmission(inputs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.issues.length).toBeGreaterThan(0);
    }
  });
});

describe('refusals in our own words', () => {
  const base = { cardId: 'card_1' };
  it.each([
    ['an email that is not one', { action: 'user.retry', ...base, subscriberId: 's', email: 'not-an-email' }, 'The email address is not a valid email address.'],
    ['an email too long', { action: 'user.retry', ...base, subscriberId: 's', email: `${'a'.repeat(250)}@b.example` }, 'The email address is too long (at most 254 characters).'],
    ['a missing email', { action: 'user.retry', ...base, subscriberId: 's' }, 'The email address is missing.'],
    ['no users selected', { action: 'alerts.remind', ...base, personIds: '' }, 'Select at least one user.'],
    ['a snooze too long', { action: 'alerts.snooze', ...base, personIds: 'p1', snoozeDays: '1000' }, 'The number of days must be at most 90.'],
    ['an unknown package', { action: 'user.package', ...base, subscriberId: 's', package: 'platinum' }, 'The package is not one of the choices offered.'],
    ['a search text too long', { action: 'users.filter', ...base, filterText: 'x'.repeat(300) }, 'The search text is too long (at most 200 characters).'],
    ['an unknown button', { action: 'users.delete', ...base }, 'That button is not one I offer.'],
  ])('%s', (_name, inputs, message) => {
    const r = parseSubmission(inputs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(message);
  });

  it('never passes on zod\'s own wording', () => {
    const r = parseSubmission({ action: 'users.filter', ...base, filterText: 'x'.repeat(300) });
    expect(r.ok ? '' : r.message).not.toMatch(/Too big|expected|<=|\\/);
  });
});

describe('submitData', () => {
  it('builds data that its own schema accepts once the inputs are added', () => {
    const data = submitData('user.retry', 'card_1', { subscriberId: 'sub-9' });
    expect(data).toEqual({ action: 'user.retry', cardId: 'card_1', subscriberId: 'sub-9' });
    expect(actionSchema('user.retry').safeParse({ ...data, email: 'a@b.example' }).success).toBe(true);
  });
});
