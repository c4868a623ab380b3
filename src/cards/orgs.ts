// `orgs`: a partner's customer orgs, worst first (errored and stuck users, then pending), each
// with what needs attention and an Open button; paged for partners with thousands of customers.
import { formatNumber, formatTimeUtc, t, type MessageKey } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { formatDateTime } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';

export interface OrgLine {
  id: string;
  name: string;
  pending: number;
  errored: number;
  stuck: number;
  inactive: number;
  autoEmails: boolean | null;
  syncError: string | null;
  failingSince: Date | null;
}

export interface OrgsData extends CardBase {
  orgs: readonly OrgLine[];
  page: number;
  pageSize: number;
  total: number;
  text: string | null;
  /** How current the subscriber counts are (the mirror, brought up to date first). */
  freshness: FreshnessView;
  /** When the orgs were last discovered (null: not yet). */
  discoveredAt: Date | null;
  now: Date;
}

const AUTO_EMAILS: Record<'on' | 'off' | 'unknown', MessageKey> = {
  on: 'orgs.emailsOn',
  off: 'orgs.emailsOff',
  unknown: 'orgs.emailsUnknown',
};

export function renderOrgs(data: OrgsData): RenderedCard<'orgs'> {
  const from = data.page * data.pageSize;
  const orgs = data.orgs.map((o) => {
    const attention = o.errored + o.stuck > 0;
    const emails = t(AUTO_EMAILS[o.autoEmails === null ? 'unknown' : o.autoEmails ? 'on' : 'off']);
    return {
      name: escapeMarkdown(o.name, 120),
      color: attention ? 'Attention' : 'Default',
      counts: t('orgs.counts', { errored: formatNumber(o.errored), stuck: formatNumber(o.stuck), pending: formatNumber(o.pending), inactive: formatNumber(o.inactive), emails }),
      note: o.syncError
        ? o.failingSince
          ? t('orgs.failingSince', { at: formatDateTime(o.failingSince), error: escapeMarkdown(o.syncError, 200) })
          : t('orgs.failing', { error: escapeMarkdown(o.syncError, 200) })
        : ' ',
      openData: submitData('orgs.open', data.cardId, { orgId: o.id }),
    };
  });
  const title = data.text ? t('orgs.titleFind', { text: escapeMarkdown(data.text, 80) }) : t('orgs.title');
  const range = data.total === 0 ? '' : t('orgs.range', { from: from + 1, to: from + data.orgs.length, n: data.total });
  const counts = freshnessLine(data.freshness, data.now, 'counts');
  const discovered = data.discoveredAt
    ? t('orgs.listedAt', { time: formatTimeUtc(data.discoveredAt) })
    : t('orgs.notListed');
  const summary = `${range}${counts} ${discovered}`;
  const card = expandTemplate('orgs', {
    title,
    summary,
    empty: data.text ? t('orgs.noMatch') : t('orgs.none'),
    orgs,
    hasPrev: data.page > 0,
    hasNext: from + data.orgs.length < data.total,
    prevData: submitData('orgs.page', data.cardId, { page: data.page - 1, text: data.text ?? '' }),
    nextData: submitData('orgs.page', data.cardId, { page: data.page + 1, text: data.text ?? '' }),
  });
  return {
    card,
    offer: offerOf('orgs', card, { orgIds: data.orgs.map((o) => o.id), page: data.page, text: data.text }),
    fallbackText: fallbackText([`**${title}**`, summary, ...orgs.map((o) => `- **${o.name}**: ${o.counts}`)]),
  };
}
