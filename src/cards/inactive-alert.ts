// The inactive-users alert digest: people whose invitation is still pending after N days, oldest
// first, one page of rows per card however many there are. Buttons (at most five): Remind or
// snooze selected… (a multi-select with Remind / Snooze N days / Mark handled), Remind all…,
// Previous, Next.
import { formatNumber, t, type MessageKey } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { daysBetween, displayName, formatDate } from './format.js';
import { CONTROL_HUB_URL } from './product-text.js';
import { expandTemplate } from './templates.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { capRows, moreNote } from './view.js';

/** One inactive person (the store's Person plus its latest reminder). */
export interface InactivePersonRow {
  id: string;
  email: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  /** When they were invited (Person.created). */
  invitedAt: Date;
  lastRemindedAt?: Date | null;
  /** "sent", "suppressed" or "error" for the latest reminder. */
  lastReminderOutcome?: string | null;
}

export interface InactiveAlertData extends CardBase {
  /** This page's people; they are shown oldest invitation first. */
  people: readonly InactivePersonRow[];
  /** Everyone inactive, over all pages. */
  total: number;
  /** Zero-based page number. */
  page: number;
  pageSize: number;
  inactiveAfterDays: number;
  /** How long everyone inactive has been waiting, e.g. { fromDays: 7, toDays: 13, count: 4 } (empty bands are left out). */
  bands?: readonly { fromDays: number; toDays: number | null; count: number }[];
  /** Org setting: when false, Webex sends no reminders itself, so the note and link appear. */
  autoEmailsEnabled: boolean;
  /**
   * Whether one user can be emailed (false on the webex backend): if not, the card offers Webex's
   * org-wide activation-email job instead of per-user reminders. Default true.
   */
  perUserEmails?: boolean;
  /** How current the people data is (the card says so); omitted: nothing is said. */
  freshness?: FreshnessView;
  now?: Date;
}

/** Rows shown per card: the rest is one "Next" away, and the card stays small. */
export const ALERT_PAGE_SIZE = 10;

const OUTCOME_LABEL: Record<string, MessageKey> = { sent: 'alerts.outcome.sent', suppressed: 'alerts.outcome.suppressed', error: 'alerts.outcome.error' };

export function renderInactiveAlert(data: InactiveAlertData): RenderedCard<'alerts.digest'> {
  const now = data.now ?? new Date();
  const perUserEmails = data.perUserEmails ?? true;
  const size = Math.max(1, Math.floor(data.pageSize));
  const ordered = [...data.people].sort((a, b) => a.invitedAt.getTime() - b.invitedAt.getTime());
  const { shown } = capRows(ordered, Math.min(size, ALERT_PAGE_SIZE));
  const page = Math.max(0, Math.floor(data.page));
  const first = page * size;
  const hasPrev = page > 0;
  const hasNext = first + size < data.total;
  const notShown = Math.max(0, data.total - first - shown.length);

  const rows = shown.map((p) => {
    const known = p.lastReminderOutcome ? OUTCOME_LABEL[p.lastReminderOutcome] : undefined;
    const outcome = known ? t(known) : p.lastReminderOutcome ? escapeMarkdown(p.lastReminderOutcome, 20) : '';
    const date = formatDate(p.lastRemindedAt);
    const reminded = p.lastRemindedAt ? (outcome ? t('alerts.lastRemindedOutcome', { date, outcome }) : t('alerts.lastReminded', { date })) : t('alerts.neverReminded');
    return {
      name: escapeMarkdown(displayName(p), 80),
      email: escapeMarkdown(p.email, 120),
      details: t('alerts.invited', { date: formatDate(p.invitedAt), n: daysBetween(p.invitedAt, now), reminded }),
    };
  });
  // Expanded (checkbox) choice labels are rendered as markdown, so these titles are escaped.
  const choices = shown.map((p) => ({ title: escapeMarkdown(`${displayName(p)} <${p.email}>`, 100), value: p.id }));
  const autoEmailsOffNote = data.autoEmailsEnabled ? '' : t('alerts.autoOffNote', { url: CONTROL_HUB_URL });
  const pages = Math.max(1, Math.ceil(data.total / size));
  const summary =
    data.total === 0
      ? t('alerts.nobody', { n: data.inactiveAfterDays })
      : t('alerts.summary', { total: data.total, n: data.inactiveAfterDays, page: page + 1, pages });
  const bands = (data.bands ?? [])
    .filter((b) => b.count > 0)
    .map((b) => ({ label: b.toDays === null ? t('alerts.bandOpen', { from: b.fromDays }) : t('alerts.band', { from: b.fromDays, to: b.toDays }), people: formatNumber(b.count) }));
  const bandsLine = bands.length ? t('alerts.byTime', { bands: bands.map((b) => `${b.label}: ${b.people}`).join(' · ') }) : '';
  const title = t('alerts.title', { n: formatNumber(data.total) });
  const card = expandTemplate('inactive-alert', {
    title,
    summary,
    freshness: data.freshness ? freshnessLine(data.freshness, now, 'people') : '',
    bands,
    autoEmailsOffNote,
    rows,
    moreNote: moreNote(notShown, 'user') + (notShown > 0 && hasNext ? t('alerts.useNext') : ''),
    choices,
    perUserEmails,
    selectTitle: perUserEmails ? t('alerts.selectRemind') : t('alerts.selectSnooze'),
    remindAllTitle: perUserEmails ? plainText(t('alerts.remindAll', { n: formatNumber(data.total) }), 40) : t('alerts.emailEveryone'),
    hasPrev,
    hasNext,
    remindData: submitData('alerts.remind', data.cardId, {}),
    snoozeData: submitData('alerts.snooze', data.cardId, {}),
    handledData: submitData('alerts.handled', data.cardId, {}),
    // Without a one-user API the only email there is Webex's org-wide job, previewed honestly.
    remindAllData: perUserEmails ? submitData('alerts.remindAll', data.cardId, {}) : submitData('emails.sendAll', data.cardId, {}),
    prevData: submitData('alerts.page', data.cardId, { page: page - 1 }),
    nextData: submitData('alerts.page', data.cardId, { page: page + 1 }),
  });
  return {
    card,
    offer: offerOf('alerts.digest', card, { personIds: shown.map((p) => p.id), page }),
    fallbackText: fallbackText([
      `**${title}**`,
      data.freshness ? freshnessLine(data.freshness, now, 'people') : '',
      bandsLine,
      summary,
      autoEmailsOffNote,
      ...rows.map((r) => `- **${r.name}** · ${r.email}: ${r.details}`),
      notShown > 0 ? t('alerts.fallbackMore', { n: formatNumber(notShown) }) : '',
      data.total > 0 ? t('alerts.fallbackUse') : '',
    ]),
  };
}
