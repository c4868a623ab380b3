// `orgs`: a partner's customer orgs, worst first (errored and stuck users, then pending), each
// with what needs attention and an Open button; paged for partners with thousands of customers.
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { formatDateTime, plural } from './format.js';
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

const AUTO_EMAILS: Record<'on' | 'off' | 'unknown', string> = {
  on: 'automatic emails on',
  off: 'automatic emails **off**',
  unknown: 'automatic emails not read yet',
};

export function renderOrgs(data: OrgsData): RenderedCard<'orgs'> {
  const from = data.page * data.pageSize;
  const orgs = data.orgs.map((o) => {
    const attention = o.errored + o.stuck > 0;
    const emails = AUTO_EMAILS[o.autoEmails === null ? 'unknown' : o.autoEmails ? 'on' : 'off'];
    return {
      name: escapeMarkdown(o.name, 120),
      color: attention ? 'Attention' : 'Default',
      counts: `${o.errored} errored · ${o.stuck} stuck · ${o.pending} pending · ${o.inactive} inactive invitations · ${emails}`,
      note: o.syncError
        ? `⚠ Webex did not answer for this org${o.failingSince ? ` since ${formatDateTime(o.failingSince)} UTC` : ''}: ${escapeMarkdown(o.syncError, 200)}`
        : ' ',
      openData: submitData('orgs.open', data.cardId, { orgId: o.id }),
    };
  });
  const title = data.text ? `Customer orgs matching “${escapeMarkdown(data.text, 80)}”` : 'Customer orgs, worst first';
  const range = data.total === 0 ? '' : `${from + 1}–${from + data.orgs.length} of ${plural(data.total, 'org')}. `;
  const counts = freshnessLine(data.freshness, data.now, 'counts');
  const discovered = data.discoveredAt
    ? `Customer orgs last listed at ${data.discoveredAt.toISOString().slice(11, 16)} UTC.`
    : 'The customer orgs have not been listed from Webex yet; they will be within a minute.';
  const summary = `${range}${counts} ${discovered}`;
  const card = expandTemplate('orgs', {
    title,
    summary,
    empty: data.text ? 'No customer org matches that.' : 'No customer orgs yet.',
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
