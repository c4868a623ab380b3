// Automatic activation emails: the status card (ON/OFF, turn on/off, send one / send all) and the
// card shown after turning them off (the warning and the manual-email checklist).
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { emailsOffWarning, manualEmailChecklist } from './product-text.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { EMAIL_INPUT_REGEX } from './view.js';

export interface EmailsStatusData extends CardBase {
  /** Org setting `allow-admin-invite-emails`. */
  enabled: boolean;
  /** Who last changed it through the bot, and when (from the settings history), if known. */
  changedBy?: string | null;
  changedAt?: Date | null;
  /** Whether one user can be emailed (false on the webex backend: no such button). Default true. */
  perUserEmails?: boolean;
}

export function renderEmailsStatus(data: EmailsStatusData): RenderedCard<'emails'> {
  const { cardId, enabled } = data;
  const explanation = enabled ? t('emails.explainOn') : t('emails.explainOff');
  const at = formatDateTime(data.changedAt);
  const changedLine = data.changedAt ? (data.changedBy ? t('emails.changedBy', { at, who: escapeMarkdown(data.changedBy, 120) }) : t('emails.changed', { at })) : '';
  const state = enabled ? t('emails.on') : t('emails.off');
  const card = expandTemplate('emails-status', {
    isOn: enabled,
    stateText: state,
    stateColor: enabled ? 'Good' : 'Warning',
    explanation,
    changedLine,
    emailRegex: EMAIL_INPUT_REGEX,
    perUserEmails: data.perUserEmails ?? true,
    turnOffData: submitData('emails.off', cardId, {}),
    turnOnData: submitData('emails.on', cardId, {}),
    sendOneData: submitData('emails.sendOne', cardId, {}),
    sendAllData: submitData('emails.sendAll', cardId, {}),
    checklistData: submitData('emails.checklist', cardId, {}),
  });
  return {
    card,
    offer: offerOf('emails', card, {}),
    fallbackText: fallbackText([
      t('emails.fallbackTitle', { state }),
      explanation,
      changedLine,
      t('emails.fallbackChange', { word: enabled ? 'off' : 'on' }),
    ]),
  };
}

export interface EmailsOffChecklistData extends CardBase {
  /** true right after turning them off ("…are now OFF"); false when shown on request. */
  justTurnedOff: boolean;
  /** Offer the "turn back on" button (false when emails are in fact on again). */
  offerTurnOn?: boolean;
}

/** The warning and all seven best-practice items for manually sent activation emails. */
export function renderEmailsOffChecklist(data: EmailsOffChecklistData): RenderedCard<'emails.checklist'> {
  const title = data.justTurnedOff ? t('emails.nowOff') : t('emails.yourself');
  const checklist = manualEmailChecklist().map((text, i) => ({ number: String(i + 1), text }));
  const warning = emailsOffWarning();
  const card = expandTemplate('emails-off-checklist', {
    title,
    warning: warning.map((text) => ({ text })),
    checklist,
    showTurnOn: data.offerTurnOn ?? true,
    turnOnData: submitData('emails.on', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('emails.checklist', card, {}),
    fallbackText: fallbackText([
      `**${title}**`,
      ...warning.map((w) => `- ${w}`),
      '',
      `**${t('emails.include')}**`,
      ...checklist.map((item) => `${item.number}. ${item.text}`),
    ]),
  };
}
