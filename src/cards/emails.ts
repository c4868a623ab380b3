// Automatic activation emails: the status card (ON/OFF, turn on/off, send one / send all) and the
// card shown after turning them off (the warning and the manual-email checklist).
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { EMAILS_OFF_WARNING, MANUAL_EMAIL_CHECKLIST } from './product-text.js';
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
  const explanation = enabled
    ? 'Webex emails every user an activation link when a license is assigned. Cisco recommends keeping this ON.'
    : 'Webex sends no activation email to newly added or inactive users: you send them yourself. Users converted from a free to a paid plan are still emailed.';
  const changedLine = data.changedAt
    ? `Last changed ${formatDateTime(data.changedAt)}${data.changedBy ? ` by ${escapeMarkdown(data.changedBy, 120)}` : ''}.`
    : '';
  const card = expandTemplate('emails-status', {
    isOn: enabled,
    stateText: enabled ? 'ON' : 'OFF',
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
      `**Automatic activation emails: ${enabled ? 'ON' : 'OFF'}**`,
      explanation,
      changedLine,
      `Type \`emails ${enabled ? 'off' : 'on'}\` to change it.`,
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
  const title = data.justTurnedOff ? 'Automatic activation emails are now OFF' : 'Sending activation emails yourself';
  const checklist = MANUAL_EMAIL_CHECKLIST.map((text, i) => ({ number: String(i + 1), text }));
  const card = expandTemplate('emails-off-checklist', {
    title,
    warning: EMAILS_OFF_WARNING.map((text) => ({ text })),
    checklist,
    showTurnOn: data.offerTurnOn ?? true,
    turnOnData: submitData('emails.on', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('emails.checklist', card, {}),
    fallbackText: fallbackText([
      `**${title}**`,
      ...EMAILS_OFF_WARNING.map((w) => `- ${w}`),
      '',
      '**When you send activation emails yourself, include:**',
      ...checklist.map((item) => `${item.number}. ${item.text}`),
    ]),
  };
}
