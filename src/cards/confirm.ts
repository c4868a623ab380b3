// Confirmation cards: nothing destructive or bulk happens on the first click. Each names what
// will happen and to whom, and offers Confirm / Cancel (one shared template).
import { submitData, type SubmitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { displayName, packageLabel, statusLabel } from './format.js';
import { EMAILS_OFF_WARNING } from './product-text.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, type Fact } from './view.js';
import type { SubscriberRow } from './users-list.js';

interface ConfirmView {
  cardId: string;
  title: string;
  titleColor: 'Attention' | 'Warning' | 'Default';
  message: string;
  facts: Fact[];
  bullets: string[];
  question: string;
  confirmTitle: string;
  confirmStyle: 'destructive' | 'positive';
  confirmData: SubmitData;
}

function renderConfirm(view: ConfirmView): RenderedCard {
  const card = expandTemplate('confirm', {
    ...view,
    bullets: view.bullets.map((text) => ({ text })),
    cancelData: submitData('card.cancel', view.cardId, {}),
  });
  return {
    card,
    fallbackText: fallbackText([
      `**${view.title}**`,
      view.message,
      ...view.facts.map((f) => `- ${f.title}: ${f.value}`),
      ...view.bullets.map((b) => `- ${b}`),
      `${view.question} (Open this message in a Webex app that shows cards to confirm.)`,
    ]),
  };
}

/** Before turning automatic activation emails off: what the admin takes on. */
export function renderEmailsOffConfirm(data: CardBase): RenderedCard {
  return renderConfirm({
    cardId: data.cardId,
    title: 'Turn off automatic activation emails?',
    titleColor: 'Warning',
    message: 'If you turn them off, this is what you take on:',
    facts: [],
    bullets: [...EMAILS_OFF_WARNING],
    question: 'Turn automatic activation emails off for the whole organization?',
    confirmTitle: 'Turn off',
    confirmStyle: 'destructive',
    confirmData: submitData('emails.off.confirm', data.cardId, {}),
  });
}

export interface RemoveConfirmData extends CardBase {
  user: SubscriberRow;
}

/** Before removing a BroadWorks subscriber, naming the user. */
export function renderRemoveConfirm(data: RemoveConfirmData): RenderedCard {
  const { user } = data;
  const name = escapeMarkdown(displayName(user, user.userId), 80);
  return renderConfirm({
    cardId: data.cardId,
    title: `Remove ${name}?`,
    titleColor: 'Attention',
    message:
      'The subscriber is removed from Webex for BroadWorks. The user can then sign up again (for example after you change the configuration).',
    facts: [
      fact('BroadWorks user ID', user.userId, 80),
      fact('Email', user.email, 120),
      fact('Enterprise', user.spEnterpriseId, 80),
      fact('Package', packageLabel(user.package)),
      fact('Status', statusLabel(user.status)),
    ],
    bullets: [],
    question: `Remove ${name}?`,
    confirmTitle: 'Remove user',
    confirmStyle: 'destructive',
    confirmData: submitData('user.remove.confirm', data.cardId, { subscriberId: user.id }),
  });
}

export interface BulkConfirmData extends CardBase {
  kind: 'emails.sendAll' | 'alerts.remindAll';
  /** How many users it will reach, when known (Webex decides eligibility for the bulk job). */
  count?: number | null;
  /** People skipped because they were emailed in the last 24 hours, when known. */
  recentlyEmailed?: number | null;
}

/** Preview of a bulk send: "N users will be …", then an explicit click. */
export function renderBulkConfirm(data: BulkConfirmData): RenderedCard {
  const known = typeof data.count === 'number';
  const who = known ? `${data.count} user${data.count === 1 ? '' : 's'}` : 'every eligible user';
  const isEmails = data.kind === 'emails.sendAll';
  const facts: Fact[] = [];
  if (known) facts.push(fact('Users', String(data.count)));
  if (typeof data.recentlyEmailed === 'number') facts.push(fact('Skipped (emailed in the last 24 h)', String(data.recentlyEmailed)));
  return renderConfirm({
    cardId: data.cardId,
    title: isEmails ? 'Send activation emails to all eligible users?' : 'Remind all inactive users?',
    titleColor: 'Warning',
    message: isEmails
      ? `Webex will send an activation email to ${who} in the organization who has not activated yet. Webex does not re-send to anyone emailed in the last 24 hours.`
      : `A reminder will go to ${who} whose invitation is still pending. Anyone reminded in the last 24 hours is skipped.`,
    facts,
    bullets: [],
    question: isEmails ? 'Start the bulk send?' : 'Send the reminders?',
    confirmTitle: isEmails ? 'Send emails' : 'Send reminders',
    confirmStyle: 'positive',
    confirmData: isEmails
      ? submitData('emails.sendAll.confirm', data.cardId, {})
      : submitData('alerts.remindAll.confirm', data.cardId, {}),
  });
}
