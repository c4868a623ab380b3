// Confirmation cards: nothing destructive or bulk happens on the first click. Each names what
// will happen and to whom, and offers Confirm / Cancel (one shared template). The wording of each
// kind is a row of a table, like LOOK in result.ts.
import { submitData, type SubmitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { displayName, packageLabel, plural, statusLabel } from './format.js';
import { offerOf, shownOf, type CardOffer } from './offer.js';
import { EMAILS_OFF_WARNING } from './product-text.js';
import { expandTemplate } from './templates.js';
import type { AdaptiveCardJson, CardBase, RenderedCard } from './types.js';
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

/** The confirmation card and its text; each caller states the offer of its own kind. */
function renderConfirm(view: ConfirmView): Omit<RenderedCard, 'offer'> {
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
export function renderEmailsOffConfirm(data: CardBase): RenderedCard<'emails.off'> {
  const confirm = renderConfirm({
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
  return { ...confirm, offer: offerOf('emails.off', confirm.card, {}) };
}

export interface RemoveConfirmData extends CardBase {
  user: SubscriberRow;
}

/** Before removing a BroadWorks subscriber, naming the user. */
export function renderRemoveConfirm(data: RemoveConfirmData): RenderedCard<'user.remove'> {
  const { user } = data;
  const name = escapeMarkdown(displayName(user, user.userId), 80);
  const confirm = renderConfirm({
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
  return { ...confirm, offer: offerOf('user.remove', confirm.card, { subscriberIds: [user.id], shown: [shownOf(user)] }) };
}

type BulkKind = 'emails.sendAll' | 'alerts.remindAll';

export interface BulkConfirmData extends CardBase {
  kind: BulkKind;
  /** How many users it will reach, when known (Webex decides eligibility for the bulk job). */
  count?: number | null;
  /** People skipped because they were emailed in the last 24 hours, when known. */
  recentlyEmailed?: number | null;
}

/** The wording of each bulk confirmation; `who` is "N users" or "every eligible user". */
const BULK: {
  [K in BulkKind]: {
    title: string;
    message: (who: string) => string;
    question: string;
    confirmTitle: string;
    confirm: (cardId: string) => SubmitData;
    offer: (card: AdaptiveCardJson) => CardOffer<K>;
  };
} = {
  'emails.sendAll': {
    title: 'Send activation emails to all eligible users?',
    message: (who) =>
      `Webex will send an activation email to ${who} in the organization who has not activated yet. Webex does not re-send to anyone emailed in the last 24 hours.`,
    question: 'Start the bulk send?',
    confirmTitle: 'Send emails',
    confirm: (cardId) => submitData('emails.sendAll.confirm', cardId, {}),
    offer: (card) => offerOf('emails.sendAll', card, {}),
  },
  'alerts.remindAll': {
    title: 'Remind all inactive users?',
    message: (who) => `A reminder will go to ${who} whose invitation is still pending. Anyone reminded in the last 24 hours is skipped.`,
    question: 'Send the reminders?',
    confirmTitle: 'Send reminders',
    confirm: (cardId) => submitData('alerts.remindAll.confirm', cardId, {}),
    offer: (card) => offerOf('alerts.remindAll', card, {}),
  },
};

/** Preview of a bulk send: "N users will be …", then an explicit click. */
export function renderBulkConfirm(data: BulkConfirmData): RenderedCard<BulkKind> {
  const known = typeof data.count === 'number';
  const who = known ? plural(data.count ?? 0, 'user') : 'every eligible user';
  const wording = BULK[data.kind];
  const facts: Fact[] = [];
  if (known) facts.push(fact('Users', String(data.count)));
  if (typeof data.recentlyEmailed === 'number') facts.push(fact('Skipped (emailed in the last 24 h)', String(data.recentlyEmailed)));
  const confirm = renderConfirm({
    cardId: data.cardId,
    title: wording.title,
    titleColor: 'Warning',
    message: wording.message(who),
    facts,
    bullets: [],
    question: wording.question,
    confirmTitle: wording.confirmTitle,
    confirmStyle: 'positive',
    confirmData: wording.confirm(data.cardId),
  });
  return { ...confirm, offer: wording.offer(confirm.card) };
}
