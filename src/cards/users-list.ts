// users: BroadWorks subscribers that are pending or errored (provisioned only with the toggle),
// one page at a time. Buttons stay within Webex's five: Manage a user… (pick from this page),
// Filter…, Export CSV, Previous, Next.
import type { SubscriberPackage, SubscriberStatus } from '../provisioning/types.js';
import { formatNumber, t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { SUBSCRIBER_STATUSES, displayName, packageLabel, statusColor, statusLabel } from './format.js';
import { expandTemplate } from './templates.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { capRows, moreNote } from './view.js';

/** One subscriber as the cards show it; the store's Subscriber row fits as is. */
export interface SubscriberRow {
  /** Our / Webex's subscriber id: what actions carry. */
  id: string;
  /** BroadWorks user id. */
  userId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  spEnterpriseId: string;
  /** Partner-wide lists: the customer org's name (each row says whose user it is). */
  orgName?: string | null;
  package: SubscriberPackage;
  status: SubscriberStatus;
  errorCode?: number | string | null;
  errorText?: string | null;
  /** What its error (or waiting state) means, short, in our words (src/error-intelligence). */
  explanation?: string | null;
  /** Where the row sits in list order (with id): the next page starts after it. */
  lastStatusChange?: Date | null;
}

/** The list's filter; exactly what `users.page` / `users.export` submissions carry back. */
export interface UsersFilter {
  /** Empty: every status except provisioned (and provisioned too when includeProvisioned). */
  statuses: SubscriberStatus[];
  enterprise?: string | null;
  text?: string | null;
  includeProvisioned: boolean;
}

export interface UsersListData extends CardBase {
  /** This page's rows (at most USERS_PAGE_SIZE are shown). */
  rows: readonly SubscriberRow[];
  /** Zero-based page number. */
  page: number;
  pageSize: number;
  /** How many subscribers match the filter, over all pages. */
  total: number;
  /** Matching subscribers per status (the summary line). */
  countsByStatus: Partial<Record<SubscriberStatus, number>>;
  filter: UsersFilter;
  /** How current the mirror is (the card says so); omitted: nothing is said. */
  freshness?: FreshnessView;
  now?: Date;
}

/** Rows per page: keeps the card and its fallback well inside Webex's limits. */
export const USERS_PAGE_SIZE = 10;

export function errorLine(row: Pick<SubscriberRow, 'errorCode' | 'errorText'>, maxChars = 300): string {
  if (row.errorCode == null && !row.errorText) return '';
  const text = escapeMarkdown(row.errorText || t('users.noDescription'), maxChars);
  return row.errorCode == null ? t('users.errorNoCode', { text }) : t('users.error', { code: escapeMarkdown(row.errorCode, 20), text });
}

function summaryLine(total: number, counts: UsersListData['countsByStatus']): string {
  const parts = SUBSCRIBER_STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${statusLabel(s)} ${formatNumber(counts[s] ?? 0)}`);
  const matches = t('users.match', { n: total });
  return parts.length ? t('users.matchSummary', { matches, parts: parts.join(' · ') }) : t('users.matchNone', { matches });
}

export function filterLine(filter: UsersFilter): string {
  const statuses = filter.statuses.length
    ? filter.statuses.map(statusLabel).join(', ')
    : filter.includeProvisioned
      ? t('users.filter.all')
      : t('users.filter.pendingErrored');
  const parts = [t('users.filter.status', { statuses })];
  if (filter.enterprise) parts.push(t('users.filter.enterprise', { enterprise: escapeMarkdown(filter.enterprise, 60) }));
  if (filter.text) parts.push(t('users.filter.text', { text: escapeMarkdown(filter.text, 60) }));
  parts.push(filter.includeProvisioned ? t('users.filter.provisionedIn') : t('users.filter.provisionedOut'));
  return t('users.filters', { parts: parts.join(' · ') });
}

function filterFields(filter: UsersFilter) {
  return {
    statuses: filter.statuses.join(','),
    enterprise: plainText(filter.enterprise, 100),
    text: plainText(filter.text, 100),
    includeProvisioned: filter.includeProvisioned,
  };
}

export function renderUsersList(data: UsersListData): RenderedCard<'users'> {
  const { cardId, filter } = data;
  const size = Math.max(1, Math.floor(data.pageSize));
  const { shown, hidden } = capRows(data.rows, Math.min(size, USERS_PAGE_SIZE));
  const page = Math.max(0, Math.floor(data.page));
  const pages = Math.max(1, Math.ceil(data.total / size));
  const hasPrev = page > 0;
  const hasNext = (page + 1) * size < data.total;
  const first = page * size + 1;

  const rows = shown.map((row) => ({
    name: escapeMarkdown(displayName(row, t('users.noName')), 80),
    email: row.email ? escapeMarkdown(row.email, 120) : t('users.noEmail'),
    details: row.orgName
      ? t('users.detailsOrg', { userId: escapeMarkdown(row.userId, 80), org: escapeMarkdown(row.orgName, 80), enterprise: escapeMarkdown(row.spEnterpriseId, 80), package: packageLabel(row.package) })
      : t('users.details', { userId: escapeMarkdown(row.userId, 80), enterprise: escapeMarkdown(row.spEnterpriseId, 80), package: packageLabel(row.package) }),
    status: statusLabel(row.status),
    statusColor: statusColor(row.status),
    error: errorLine(row),
    explanation: row.explanation ? `↳ ${escapeMarkdown(row.explanation, 200)}` : '',
  }));
  // Compact ChoiceSet titles are plain <option> text, never markdown: plainText, not escaped.
  const choices = shown.map((row) => ({
    title: plainText(`${displayName(row, t('users.noName'))} (${row.userId}) · ${statusLabel(row.status)}`, 90),
    value: row.id,
  }));
  const fields = filterFields(filter);
  const card = expandTemplate('users-list', {
    summary: summaryLine(data.total, data.countsByStatus),
    filters: filterLine(filter),
    freshness: data.freshness ? freshnessLine(data.freshness, data.now ?? new Date()) : '',
    pageLine: data.total > 0 ? t('users.page', { page: page + 1, pages, first, last: first + shown.length - 1, total: formatNumber(data.total) }) : '',
    rows,
    moreNote: moreNote(hidden, 'userOnPage'),
    choices,
    filterForm: {
      statuses: fields.statuses,
      statusChoices: SUBSCRIBER_STATUSES.map((s) => ({ title: statusLabel(s), value: s })),
      enterprise: fields.enterprise,
      text: fields.text,
      includeProvisioned: String(filter.includeProvisioned),
    },
    hasPrev,
    hasNext,
    openData: submitData('user.open', cardId, {}),
    filterData: submitData('users.filter', cardId, {}),
    exportData: submitData('users.export', cardId, fields),
    prevData: submitData('users.page', cardId, { page: page - 1, ...fields }),
    nextData: submitData('users.page', cardId, { page: page + 1, ...fields }),
  });
  const key = (row: SubscriberRow | undefined) => (row?.lastStatusChange ? { t: row.lastStatusChange.toISOString(), id: row.id } : undefined);
  const firstKey = key(shown[0]);
  const lastKey = key(shown.at(-1));
  return {
    card,
    offer: offerOf('users', card, {
      filter,
      page,
      subscriberIds: shown.map((r) => r.id),
      ...(firstKey ? { first: firstKey } : {}),
      ...(lastKey ? { last: lastKey } : {}),
    }),
    fallbackText: fallbackText([
      t('users.fallbackTitle', { summary: summaryLine(data.total, data.countsByStatus) }),
      filterLine(filter),
      data.freshness ? freshnessLine(data.freshness, data.now ?? new Date()) : '',
      ...rows.map((r) => `- **${r.name}** · ${r.email} · ${r.details} · ${r.status}${r.error ? ` · ${r.error}` : ''}`),
      hasNext ? t('users.fallbackMore') : '',
    ]),
  };
}
