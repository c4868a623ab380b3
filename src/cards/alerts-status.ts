// alerts status: whether this space gets the inactive-user alerts, who turned them on or off and
// when, and when they run next.
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime, plural } from './format.js';
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
    facts.push(fact('Turned on by', sub.subscribedBy, 120), fact('Turned on', formatDateTime(sub.subscribedAt)));
    if (!sub.active && sub.unsubscribedAt) {
      facts.push(fact('Turned off by', sub.unsubscribedBy ?? 'unknown', 120), fact('Turned off', formatDateTime(sub.unsubscribedAt)));
    }
  }
  if (subscribed) facts.push(fact('Next run', formatDateTime(data.nextRun)));
  if (data.schedule) facts.push(fact('Schedule (cron)', data.schedule, 60));
  const stateText = subscribed ? 'ON: this space gets the alerts' : 'OFF: this space gets no alerts';
  const explanation = `An alert lists users whose invitation is still pending ${plural(data.inactiveAfterDays, 'day')} after it was sent, with buttons to remind them.`;
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
      `**Inactive-user alerts: ${escapeMarkdown(stateText, 80)}**`,
      ...facts.map((f) => `- ${f.title}: ${f.value}`),
      explanation,
      `Type “alerts ${subscribed ? 'off' : 'on'}” to change it.`,
    ]),
  };
}
