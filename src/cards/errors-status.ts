// errors status: whether this space is told when subscribers fall into error or stay pending
// too long, and who turned that on or off and when.
import { submitData } from './actions.js';
import type { AlertSubscriptionRow } from './alerts-status.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime, plural } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, type Fact } from './view.js';

export interface ErrorsStatusData extends CardBase {
  subscription: AlertSubscriptionRow | null;
  stuckAfterHours: number;
}

export function renderErrorsStatus(data: ErrorsStatusData): RenderedCard<'errors.status'> {
  const sub = data.subscription;
  const subscribed = sub?.active === true;
  const facts: Fact[] = [];
  if (sub) {
    facts.push(fact('Turned on by', sub.subscribedBy, 120), fact('Turned on', formatDateTime(sub.subscribedAt)));
    if (!sub.active && sub.unsubscribedAt) facts.push(fact('Turned off by', sub.unsubscribedBy ?? 'unknown', 120), fact('Turned off', formatDateTime(sub.unsubscribedAt)));
  }
  const stateText = subscribed ? 'ON: this space is told about failing users' : 'OFF: this space is not told about failing users';
  const explanation = `When a user falls into error, or stays pending for more than ${plural(data.stuckAfterHours, 'hour')}, a card lists them here (at most one card every 5 minutes).`;
  const card = expandTemplate('errors-status', {
    subscribed,
    stateText,
    stateColor: subscribed ? 'Good' : 'Warning',
    facts,
    explanation,
    onData: submitData('errors.on', data.cardId, {}),
    offData: submitData('errors.off', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('errors.status', card, {}),
    fallbackText: fallbackText([`**Failure alerts: ${escapeMarkdown(stateText, 80)}**`, ...facts.map((f) => `- ${f.title}: ${f.value}`), explanation, `Type “errors ${subscribed ? 'off' : 'on'}” to change it.`]),
  };
}
