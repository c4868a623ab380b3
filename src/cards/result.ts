// The outcome of a card action: success, error, refused (not an admin, or not offered by that
// card) or stale (the card is out of date). Everything given is escaped: callers pass plain text.
import { submitData, type ActionName, type SubmitFields } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact } from './view.js';

export type ResultKind = 'success' | 'error' | 'refused' | 'stale';

/** A button offered under the result, e.g. "Open user" after a retry. */
export interface FollowUp<N extends ActionName = ActionName> {
  title: string;
  action: N;
  fields: SubmitFields<N>;
}

export type AnyFollowUp = { [N in ActionName]: FollowUp<N> }[ActionName];

export interface ResultCardData extends CardBase {
  kind: ResultKind;
  title: string;
  message?: string;
  facts?: ReadonlyArray<{ title: string; value: string | number | null | undefined }>;
  /** At most three buttons are kept. */
  followUps?: readonly AnyFollowUp[];
}

const LOOK: Record<ResultKind, { icon: string; color: string }> = {
  success: { icon: '✅', color: 'Good' },
  error: { icon: '❌', color: 'Attention' },
  refused: { icon: '⛔', color: 'Attention' },
  stale: { icon: '⌛', color: 'Warning' },
};
const MAX_FACTS = 10;
const MAX_FOLLOW_UPS = 3;

/** The Submit data of a follow-up: its action and fields, with the card id. */
function followUpData(f: AnyFollowUp, cardId: string): Record<string, unknown> {
  return { ...f.fields, action: f.action, cardId };
}

/** Builds a typed follow-up button (keeps action and fields in step). */
export function followUp<N extends ActionName>(title: string, action: N, fields: SubmitFields<N>): FollowUp<N> {
  return { title, action, fields };
}

/** The ids the follow-up buttons name: a click may act on these and nothing else. */
function followUpIds(followUps: readonly AnyFollowUp[]): { subscriberIds: string[]; personIds: string[] } {
  const subscriberIds: string[] = [];
  const personIds: string[] = [];
  for (const f of followUps) {
    const fields: Record<string, unknown> = { ...f.fields };
    if (typeof fields.subscriberId === 'string') subscriberIds.push(fields.subscriberId);
    if (typeof fields.personIds === 'string') personIds.push(...fields.personIds.split(','));
  }
  return { subscriberIds, personIds };
}

export function renderResult(data: ResultCardData): RenderedCard<'result'> {
  const title = escapeMarkdown(data.title, 120);
  const message = escapeMarkdown(data.message, 600);
  const facts = (data.facts ?? []).slice(0, MAX_FACTS).map((f) => fact(escapeMarkdown(f.title, 40), f.value ?? '—', 200));
  const kept = (data.followUps ?? []).slice(0, MAX_FOLLOW_UPS);
  const followUps = kept.map((f) => ({ title: plainText(f.title, 40), data: followUpData(f, data.cardId) }));
  const { icon, color } = LOOK[data.kind];
  const card = expandTemplate('result', { icon, color, title, message, facts, followUps });
  return {
    card,
    offer: offerOf('result', card, followUpIds(kept)),
    fallbackText: fallbackText([`${icon} **${title}**`, message, ...facts.map((f) => `- ${f.title}: ${f.value}`)]),
  };
}
