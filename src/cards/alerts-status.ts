// alerts status: whether this space gets the inactive-user alerts, who turned them on or off and
// when, and when they run next.
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, type Fact } from './view.js';

/** The space's subscription (the store's AlertSubscription fits), or null if never subscribed. */
export interface AlertSubscriptionRow {
  active: boolean;
  subscribedBy: string;
  subscribedAt: Date;
  unsubscribedBy?: string | null;
  unsubscribedAt?: Date | null;
}

export interface AlertsStatusData extends CardBase {
  subscription: AlertSubscriptionRow | null;
  /** Next scheduled run (from ALERT_CRON), if known. */
  nextRun?: Date | null;
  /** The schedule as configured, e.g. "0 9 * * 1-5". */
  schedule?: string | null;
  inactiveAfterDays: number;
}

export function renderAlertsStatus(data: AlertsStatusData): RenderedCard<'alerts.status'> {
  const sub = data.subscription;
  const subscribed = sub?.active === true;
  const facts: Fact[] = [];
  if (sub) {
    facts.push(fact(t('alertsStatus.turnedOnBy'), sub.subscribedBy, 120), fact(t('alertsStatus.turnedOn'), formatDateTime(sub.subscribedAt)));
    if (!sub.active && sub.unsubscribedAt) {
      facts.push(fact(t('alertsStatus.turnedOffBy'), sub.unsubscribedBy ?? t('alertsStatus.unknown'), 120), fact(t('alertsStatus.turnedOff'), formatDateTime(sub.unsubscribedAt)));
    }
  }
  if (subscribed) facts.push(fact(t('alertsStatus.nextRun'), formatDateTime(data.nextRun)));
  if (data.schedule) facts.push(fact(t('alertsStatus.schedule'), data.schedule, 60));
  const stateText = subscribed ? t('alertsStatus.on') : t('alertsStatus.off');
  const explanation = t('alertsStatus.explain', { n: data.inactiveAfterDays });
  const card = expandTemplate('alerts-status', {
    subscribed,
    stateText,
    stateColor: subscribed ? 'Good' : 'Warning',
    facts,
    explanation,
    onData: submitData('alerts.on', data.cardId, {}),
    offData: submitData('alerts.off', data.cardId, {}),
    showData: submitData('alerts.page', data.cardId, { page: 0 }),
  });
  return {
    card,
    offer: offerOf('alerts.status', card, {}),
    fallbackText: fallbackText([
      t('alertsStatus.fallbackTitle', { state: escapeMarkdown(stateText, 80) }),
      ...facts.map((f) => `- ${f.title}: ${f.value}`),
      explanation,
      t('alertsStatus.fallbackChange', { word: subscribed ? 'off' : 'on' }),
    ]),
  };
}
