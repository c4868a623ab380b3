// Pushed to the spaces that asked (`errors on`): subscribers that newly fell into error, or have
// been pending too long, merged into one card (at most one per space every few minutes). Each
// shows who, the error code and text; "Manage a user…" opens one of them (only these).
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { displayName, formatDateTime, statusLabel } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { errorLine, type SubscriberRow } from './users-list.js';
import { capRows, moreNote } from './view.js';

export interface FailingSubscriber extends SubscriberRow {
  /** "error": newly in error; "stuck": pending for longer than STUCK_AFTER_HOURS. */
  kind: 'error' | 'stuck';
}

export interface FailurePushData extends CardBase {
  /** The newest first; at most 10 are shown. */
  users: readonly FailingSubscriber[];
  /** How many are new since this space's last card (may exceed the rows shown). */
  total: number;
  stuckAfterHours: number;
  /** A title and summary of the caller's own (a cause's users) instead of "Needs attention". */
  heading?: { title: string; summary: string };
  /** How current the list is (an answer to a click says so; the push follows a refresh). */
  freshness?: FreshnessView;
  now?: Date;
}

export function renderFailurePush(data: FailurePushData): RenderedCard<'errors.push'> {
  const { shown } = capRows(data.users, 10);
  const errors = data.users.filter((u) => u.kind === 'error').length;
  const stuck = data.users.length - errors;
  const title = data.heading ? escapeMarkdown(data.heading.title, 120) : t('push.title', { n: data.total });
  const summary = data.heading ? escapeMarkdown(data.heading.summary, 300) : [errors ? t('push.newErrors', { n: errors }) : '', stuck ? t('push.stuck', { n: stuck, h: data.stuckAfterHours }) : '']
    .filter(Boolean)
    .join(' · ');
  const fresh = data.freshness ? freshnessLine(data.freshness, data.now ?? new Date()) : '';
  const rows = shown.map((u) => ({
    name: escapeMarkdown(displayName(u, u.userId), 80),
    email: u.email ? escapeMarkdown(u.email, 120) : t('users.noEmail'),
    details: t('push.details', { userId: escapeMarkdown(u.userId, 80), enterprise: escapeMarkdown(u.spEnterpriseId, 80), status: statusLabel(u.status), at: formatDateTime(u.lastStatusChange) }),
    problem: [u.kind === 'error' ? errorLine(u, 300) : '', u.explanation ? `↳ ${escapeMarkdown(u.explanation, 200)}` : ''].filter(Boolean).join(' '),
  }));
  const card = expandTemplate('failure-push', {
    title,
    summary: [summary, fresh].filter(Boolean).join(' '),
    rows,
    moreNote: moreNote(data.total - shown.length, 'user') + (data.total > shown.length ? t('push.wholeList') : ''),
    choices: shown.map((u) => ({ title: plainText(`${displayName(u, u.userId)} (${u.userId})`, 90), value: u.id })),
    openData: submitData('user.open', data.cardId, {}),
    listData: submitData('users.page', data.cardId, { page: 0, statuses: 'error', includeProvisioned: false }),
  });
  return {
    card,
    offer: offerOf('errors.push', card, { subscriberIds: shown.map((u) => u.id) }),
    fallbackText: fallbackText([
      `**${title}**`,
      summary,
      fresh,
      ...rows.map((r) => `- **${r.name}** · ${r.email}: ${r.details}${r.problem ? ` · ${r.problem}` : ''}`),
      t('push.fallbackHow'),
    ]),
  };
}
