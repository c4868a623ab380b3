// What each card says and offers, beyond being valid: the product rules the cards carry.
import { describe, expect, it } from 'vitest';
import {
  renderAlertsStatus,
  renderEmailJob,
  renderEmailsOffChecklist,
  renderEmailsOffConfirm,
  renderEmailsStatus,
  renderErrorText,
  renderInactiveAlert,
  renderRemoveConfirm,
  renderTemplatesCheck,
  renderUserDetail,
  renderUsersList,
  type AdaptiveCardJson,
} from '../../src/cards/index.js';
import { NOW, subscriber } from './fixtures.js';

const cardId = 'card_1';
type Json = Record<string, unknown>;
const actions = (card: AdaptiveCardJson) => (card.actions as Json[]).map((a) => `${a.type}:${a.title}`);
const submitActions = (card: AdaptiveCardJson) =>
  JSON.stringify(card)
    .match(/"action":"[^"]+"/g)!
    .map((m) => m.slice(10, -1));
const text = (card: AdaptiveCardJson) => JSON.stringify(card);

describe('activation emails', () => {
  it('status ON offers Turn off…, send to one user (email input) and send to all', () => {
    const { card } = renderEmailsStatus({ cardId, enabled: true });
    expect(actions(card)).toEqual(['Action.Submit:Turn off…', 'Action.ShowCard:Send to one user…', 'Action.Submit:Send to all eligible users…']);
    expect(submitActions(card)).toEqual(['emails.off', 'emails.sendOne', 'emails.sendAll']);
    expect(text(card)).toMatch(/"id":"email".*"isRequired":true/);
  });

  it('status OFF offers Turn on and the checklist', () => {
    const { card, fallbackText } = renderEmailsStatus({ cardId, enabled: false });
    expect(submitActions(card)).toEqual(['emails.on', 'emails.sendOne', 'emails.sendAll', 'emails.checklist']);
    expect(fallbackText).toMatch(/OFF/);
  });

  it('turning off asks first and shows the warning', () => {
    const { card } = renderEmailsOffConfirm({ cardId });
    expect(submitActions(card)).toEqual(['emails.off.confirm', 'card.cancel']);
    expect(text(card)).toMatch(/verification link and password-creation logic/);
    expect(text(card)).toMatch(/free to a paid plan are still emailed/);
  });

  it('after turning off: the warning and all seven checklist items, with the portal link', () => {
    const { card, fallbackText } = renderEmailsOffChecklist({ cardId, justTurnedOff: true });
    const items = (card.body as Json[]).filter((b) => typeof b.text === 'string' && /^\d\. /.test(b.text as string));
    expect(items).toHaveLength(7);
    expect(text(card)).toContain('[https://settings.webex.com](https://settings.webex.com)');
    for (const words of ['goals and rollout plan', 'Webex App', 'Personal Meeting Room', 'internal support', 'internal training', 'SSO page']) {
      expect(text(card)).toContain(words);
      expect(fallbackText).toContain(words);
    }
  });

  it('a running job says so and offers Refresh; a finished one lists per-user errors', () => {
    const counts = { userResendInviteSent: 3, userResendInviteFailed: 1, userResendInviteSkipped: 0, totalUsers: 10 };
    const running = renderEmailJob({ cardId, job: { id: 'job-1', latestExecutionStatus: 'STARTED', counts } });
    expect(text(running.card)).toContain('Still running');
    expect(submitActions(running.card)).toEqual(['emails.job.refresh']);
    const done = renderEmailJob({
      cardId,
      job: { id: 'job-1', latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED_WITH_ERRORS', counts },
      errors: [{ itemNumber: 1, key: '304', code: 'ATLAS-600199', description: 'suppressed: invited in last 24 hours', user: 'ana@acme.example' }],
    });
    expect(done.card.actions).toEqual([]);
    expect(text(done.card)).toMatch(/Completed with errors.*Sent.*Failed.*Skipped.*Total/);
    expect(text(done.card)).toContain('ana@acme.example: **Skipped** suppressed: invited in last 24 hours ↳ Possible again 24 hours after the previous invitation');
    expect(text(done.card)).toContain('last 24 hours');
  });
});

describe('users', () => {
  const rows = [subscriber(0), subscriber(1)];
  const list = (page: number, total: number) =>
    renderUsersList({ cardId, rows, page, pageSize: 10, total, countsByStatus: { error: 1, pending_email_input: 1 }, filter: { statuses: [], includeProvisioned: false } });

  it('shows the counts, the filter and every column of a row', () => {
    const { card } = list(0, 2);
    const json = text(card);
    expect(json).toContain('2 users match: Pending email input 1 · Error 1');
    expect(json).toContain('Filters: status: pending and errored · provisioned excluded');
    for (const part of ['bw-1000', 'Ana Popescu', 'user0@acme.example', 'acme-ent', 'Softphone', 'Error 7012: Email address is already in use']) {
      expect(json).toContain(part);
    }
  });

  it('pages with Previous/Next only where there is a page, within five buttons', () => {
    expect(actions(list(0, 2).card)).toEqual(['Action.ShowCard:Manage a user…', 'Action.ShowCard:Filter…', 'Action.Submit:Export CSV']);
    expect(actions(list(1, 35).card)).toHaveLength(5);
    const next = (list(1, 35).card.actions as Json[])[4]!.data as Json;
    expect(next).toMatchObject({ action: 'users.page', page: 2, statuses: '', includeProvisioned: false });
  });

  it('user detail: retry with a required, validated email; remove; change package; copy error; back', () => {
    const { card } = renderUserDetail({ cardId, user: { ...subscriber(0), lastStatusChange: NOW } });
    expect(actions(card)).toEqual([
      'Action.ShowCard:Retry activation',
      'Action.Submit:Remove user…',
      'Action.ShowCard:Change package',
      'Action.Submit:Copy error text',
      'Action.Submit:Back to list',
    ]);
    const retry = ((card.actions as Json[])[0]!.card as Json).body as Json[];
    expect(retry[1]).toMatchObject({ type: 'Input.Text', id: 'email', isRequired: true, errorMessage: expect.any(String), regex: expect.any(String) });
    const pkg = ((card.actions as Json[])[2]!.card as Json).body as Json[];
    expect((pkg[0]!.choices as Json[]).map((c) => c.value)).toEqual(['softphone', 'basic', 'standard', 'premium']);
  });

  it('user detail: a provisioned user without error gets no retry and no copy error', () => {
    const { card } = renderUserDetail({ cardId, user: subscriber(4) });
    expect(submitActions(card)).toEqual(['user.remove', 'user.package', 'users.page']);
  });

  it('remove confirmation names the user', () => {
    const { card } = renderRemoveConfirm({ cardId, user: subscriber(0) });
    expect(text(card)).toContain('Remove Ana Popescu?');
    expect(submitActions(card)).toEqual(['user.remove.confirm', 'card.cancel']);
  });

  it('copy error text: monospace in the card, exact text in a code block beside it', () => {
    const { card, fallbackText } = renderErrorText({ cardId, user: { ...subscriber(0), errorText: 'Bad *email* <x>' } });
    expect(text(card)).toMatch(/"fontType":"Monospace"/);
    expect(fallbackText).toContain('```\n7012: Bad *email* <x>\n```');
  });
});

describe('templates', () => {
  it('passes a good template and says what to change on a bad one, with the Partner Hub path', () => {
    const { card } = renderTemplatesCheck({
      cardId,
      templates: [
        { provisioningId: 'p1', name: 'Good', untrustedEmails: true, shareLinkKind: 'activation' },
        { provisioningId: 'p2', name: 'Bad', untrustedEmails: false, shareLinkKind: 'download' },
      ],
    });
    const json = text(card);
    expect(json.indexOf('Bad')).toBeLessThan(json.indexOf('Good')); // failing first
    expect(json).toContain('✘ Untrusted Emails: not checked');
    expect(json).toContain('✘ Share Link: download (must be the Activation link)');
    expect(json).toContain('✔ Share Link: Activation link');
    expect(json).toContain('Settings → BroadWorks Calling → View Templates → the template → User Authentication');
  });
});

describe('alerts', () => {
  const person = (i: number) => ({ id: `p${i}`, email: `p${i}@acme.example`, invitedAt: new Date(NOW.getTime() - (10 + i) * 86_400_000) });

  it('one card for many users: oldest first, capped rows, how many more, paging', () => {
    const people = Array.from({ length: 10 }, (_, i) => person(i));
    const { card } = renderInactiveAlert({ cardId, people, total: 137, page: 0, pageSize: 10, inactiveAfterDays: 7, autoEmailsEnabled: true, now: NOW });
    const json = text(card);
    expect(json.indexOf('p9@acme')).toBeLessThan(json.indexOf('p0@acme'));
    expect(json).toContain('127 more users not shown.');
    expect(json).toContain('Invited 2025-02-19 (19 days ago) · never reminded');
    expect(actions(card)).toEqual(['Action.ShowCard:Remind or snooze selected…', 'Action.Submit:Remind all 137…', 'Action.Submit:Next']);
    expect(submitActions(card)).toEqual(['alerts.remind', 'alerts.snooze', 'alerts.handled', 'alerts.remindAll', 'alerts.page']);
    expect(json).toMatch(/"id":"personIds","label":"Users on this page","isMultiSelect":true/);
    expect(json).not.toContain('Control Hub');
  });

  it('shows how long everyone has been waiting, by age band, in the card and its text', () => {
    const bands = [
      { fromDays: 7, toDays: 13, count: 4 },
      { fromDays: 14, toDays: 29, count: 0 },
      { fromDays: 30, toDays: null, count: 2 },
    ];
    const { card, fallbackText } = renderInactiveAlert({ cardId, people: [person(1)], total: 6, page: 0, pageSize: 10, inactiveAfterDays: 7, bands, autoEmailsEnabled: true, now: NOW });
    const facts = (card.body as { type: string; facts?: { title: string; value: string }[] }[]).find((e) => e.type === 'FactSet')?.facts;
    expect(facts).toEqual([
      { title: '7–13 days', value: '4' },
      { title: '30+ days', value: '2' },
    ]);
    expect(fallbackText).toContain('By time pending: 7–13 days: 4 · 30+ days: 2');
    const none = renderInactiveAlert({ cardId, people: [], total: 0, page: 0, pageSize: 10, inactiveAfterDays: 7, bands: [], autoEmailsEnabled: true, now: NOW });
    expect(text(none.card)).not.toContain('FactSet');
  });

  it('notes and links Control Hub when automatic emails are off', () => {
    const { card } = renderInactiveAlert({ cardId, people: [person(1)], total: 1, page: 0, pageSize: 10, inactiveAfterDays: 7, autoEmailsEnabled: false, now: NOW });
    expect(text(card)).toContain('Automatic activation emails are OFF');
    expect(text(card)).toContain('](https://admin.webex.com)');
  });

  it('status shows who subscribed, when, and the next run', () => {
    const { card } = renderAlertsStatus({
      cardId,
      subscription: { active: true, subscribedBy: 'admin@acme.example', subscribedAt: NOW },
      nextRun: new Date('2025-03-11T09:00:00Z'),
      inactiveAfterDays: 7,
    });
    expect(text(card)).toContain('admin@acme.example');
    expect(text(card)).toContain('2025-03-11 09:00 UTC');
    expect(submitActions(card)).toEqual(['alerts.off', 'alerts.page']);
  });
});
