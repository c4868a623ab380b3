// The outcome of a card action: success, error, refused (not an admin, or not offered by that
// card) or stale (the card is out of date). Everything given is escaped: callers pass plain text.
import { submitData, type ActionName, type SubmitFields } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { expandTemplate } from './templates.js';
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

/** Builds a typed follow-up button (keeps action and fields in step). */
export function followUp<N extends ActionName>(title: string, action: N, fields: SubmitFields<N>): FollowUp<N> {
  return { title, action, fields };
}

export function renderResult(data: ResultCardData): RenderedCard {
  const title = escapeMarkdown(data.title, 120);
  const message = escapeMarkdown(data.message, 600);
  const facts = (data.facts ?? []).slice(0, MAX_FACTS).map((f) => fact(escapeMarkdown(f.title, 40), f.value ?? '—', 200));
  const followUps = (data.followUps ?? []).slice(0, MAX_FOLLOW_UPS).map((f) => ({
    title: plainText(f.title, 40),
    data: submitData(f.action, data.cardId, f.fields as never),
  }));
  const { icon, color } = LOOK[data.kind];
  const card = expandTemplate('result', { icon, color, title, message, facts, followUps });
  return {
    card,
    fallbackText: fallbackText([`${icon} **${title}**`, message, ...facts.map((f) => `- ${f.title}: ${f.value}`)]),
  };
}
