// errors status: whether this space is told when subscribers fall into error or stay pending
// too long, and who turned that on or off and when.
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import type { AlertSubscriptionRow } from './alerts-status.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
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
    facts.push(fact(t('alertsStatus.turnedOnBy'), sub.subscribedBy, 120), fact(t('alertsStatus.turnedOn'), formatDateTime(sub.subscribedAt)));
    if (!sub.active && sub.unsubscribedAt) facts.push(fact(t('alertsStatus.turnedOffBy'), sub.unsubscribedBy ?? t('alertsStatus.unknown'), 120), fact(t('alertsStatus.turnedOff'), formatDateTime(sub.unsubscribedAt)));
  }
  const stateText = subscribed ? t('errorsStatus.on') : t('errorsStatus.off');
  const explanation = t('errorsStatus.explain', { h: data.stuckAfterHours });
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
    fallbackText: fallbackText([t('errorsStatus.fallbackTitle', { state: escapeMarkdown(stateText, 80) }), ...facts.map((f) => `- ${f.title}: ${f.value}`), explanation, t('errorsStatus.fallbackChange', { word: subscribed ? 'off' : 'on' })]),
  };
}
