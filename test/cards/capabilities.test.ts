// No card offers a button the active backend cannot carry out: on the webex backend (no one-user
// activation email API) neither the emails card nor the inactive digest offers one-user emails.
import { describe, expect, it } from 'vitest';
import { renderEmailsStatus, renderInactiveAlert } from '../../src/cards/index.js';
import { NOW } from './fixtures.js';

const people = [0, 1, 2].map((i) => ({ id: `p${i}`, email: `p${i}@acme.example`, displayName: `P ${i}`, invitedAt: new Date(NOW.getTime() - 30 * 86_400_000) }));
const digest = (perUserEmails: boolean) =>
  renderInactiveAlert({ cardId: 'c1', people, total: 3, page: 0, pageSize: 10, inactiveAfterDays: 7, autoEmailsEnabled: true, perUserEmails, now: NOW });

describe('capability-aware cards', () => {
  it('the digest offers per-user reminders only where one user can be emailed', () => {
    expect(digest(true).offer.actions).toEqual(expect.arrayContaining(['alerts.remind', 'alerts.remindAll', 'alerts.snooze', 'alerts.handled']));
    const webex = digest(false);
    expect(webex.offer.actions).not.toContain('alerts.remind');
    expect(webex.offer.actions).not.toContain('alerts.remindAll');
    // Snoozing and marking handled are the bot's own; the only email is Webex's org-wide job, previewed first.
    expect(webex.offer.actions).toEqual(expect.arrayContaining(['alerts.snooze', 'alerts.handled', 'emails.sendAll']));
    expect(JSON.stringify(webex.card)).toContain('Email everyone pending');
  });

  it('the emails card offers "send to one user" only where one user can be emailed', () => {
    expect(renderEmailsStatus({ cardId: 'c1', enabled: true }).offer.actions).toContain('emails.sendOne');
    expect(renderEmailsStatus({ cardId: 'c1', enabled: true, perUserEmails: false }).offer.actions).not.toContain('emails.sendOne');
  });
});
