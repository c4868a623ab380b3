// Confirmation cards: nothing destructive or bulk happens on the first click. Each names what
// will happen and to whom, and offers Confirm / Cancel (one shared template). The wording of each
// kind is a row of a table, like LOOK in result.ts.
import { submitData, type SubmitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { displayName, packageLabel, plural, statusLabel } from './format.js';
import { offerOf, type CardContext } from './offer.js';
import { EMAILS_OFF_WARNING } from './product-text.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, type Fact } from './view.js';
import type { SubscriberRow } from './users-list.js';

type ConfirmKind = 'emails.off' | 'user.remove' | 'emails.sendAll' | 'alerts.remindAll';

interface ConfirmView<K extends ConfirmKind> {
  kind: K;
  context: CardContext<K>;
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

function renderConfirm<K extends ConfirmKind>(view: ConfirmView<K>): RenderedCard<K> {
  const { kind, context, ...shown } = view;
  const card = expandTemplate('confirm', {
    ...shown,
    bullets: view.bullets.map((text) => ({ text })),
    cancelData: submitData('card.cancel', view.cardId, {}),
  });
  return {
    card,
    offer: offerOf(kind, card, context),
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
  return renderConfirm({
    kind: 'emails.off',
    context: {},
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
export function renderRemoveConfirm(data: RemoveConfirmData): RenderedCard<'user.remove'> {
  const { user } = data;
  const name = escapeMarkdown(displayName(user, user.userId), 80);
  return renderConfirm({
    kind: 'user.remove',
    context: { subscriberIds: [user.id] },
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

type BulkKind = 'emails.sendAll' | 'alerts.remindAll';

export interface BulkConfirmData extends CardBase {
  kind: BulkKind;
  /** How many users it will reach, when known (Webex decides eligibility for the bulk job). */
  count?: number | null;
  /** People skipped because they were emailed in the last 24 hours, when known. */
  recentlyEmailed?: number | null;
}

/** The wording of each bulk confirmation; `who` is "N users" or "every eligible user". */
const BULK: { [K in BulkKind]: { title: string; message: (who: string) => string; question: string; confirmTitle: string; confirm: (cardId: string) => SubmitData } } = {
  'emails.sendAll': {
    title: 'Send activation emails to all eligible users?',
    message: (who) =>
      `Webex will send an activation email to ${who} in the organization who has not activated yet. Webex does not re-send to anyone emailed in the last 24 hours.`,
    question: 'Start the bulk send?',
    confirmTitle: 'Send emails',
    confirm: (cardId) => submitData('emails.sendAll.confirm', cardId, {}),
  },
  'alerts.remindAll': {
    title: 'Remind all inactive users?',
    message: (who) => `A reminder will go to ${who} whose invitation is still pending. Anyone reminded in the last 24 hours is skipped.`,
    question: 'Send the reminders?',
    confirmTitle: 'Send reminders',
    confirm: (cardId) => submitData('alerts.remindAll.confirm', cardId, {}),
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
  return renderConfirm<BulkKind>({
    kind: data.kind,
    context: {},
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
}
