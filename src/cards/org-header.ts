// Partner mode: every card says which customer org it is about, on its first line, so a card
// in a space shared by several orgs' admins can never be mistaken for another org's.
import { t } from '../i18n/translate.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import type { RenderedCard } from './types.js';

/** What a card is about: one customer org by name, or all of them. */
export type OrgHeading = { kind: 'org'; name: string } | { kind: 'partner' };

export function orgHeadingText(heading: OrgHeading): string {
  return heading.kind === 'org' ? t('orgHeader.org', { name: escapeMarkdown(heading.name, 120) }) : t('orgHeader.all');
}

/** The card with its org heading first (body and fallback text); the offer is unchanged. */
export function withOrgHeader<R extends RenderedCard>(rendered: R, heading: OrgHeading): R {
  const text = orgHeadingText(heading);
  const body = Array.isArray(rendered.card.body) ? rendered.card.body : [];
  const line = { type: 'TextBlock', text, size: 'Small', isSubtle: true, wrap: true };
  return { ...rendered, card: { ...rendered.card, body: [line, ...body] }, fallbackText: fallbackText([text, rendered.fallbackText]) };
}
