// Confirmation cards: nothing destructive or bulk happens on the first click. Each names what
// will happen and to whom, and offers Confirm / Cancel (one shared template). The wording of each
// kind is a row of a table, like LOOK in result.ts.
import { formatNumber, t, type MessageKey } from '../i18n/translate.js';
import { submitData, type SubmitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { displayName, packageLabel, statusLabel } from './format.js';
import { offerOf, shownOf, type CardOffer } from './offer.js';
import { emailsOffWarning } from './product-text.js';
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
      t('confirm.fallbackQuestion', { question: view.question }),
    ]),
  };
}

/** Before turning automatic activation emails off: what the admin takes on. */
export function renderEmailsOffConfirm(data: CardBase): RenderedCard<'emails.off'> {
  const confirm = renderConfirm({
    cardId: data.cardId,
    title: t('confirm.emailsOff.title'),
    titleColor: 'Warning',
    message: t('confirm.emailsOff.message'),
    facts: [],
    bullets: emailsOffWarning(),
    question: t('confirm.emailsOff.question'),
    confirmTitle: t('confirm.emailsOff.button'),
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
    title: t('confirm.remove.title', { name }),
    titleColor: 'Attention',
    message: t('confirm.remove.message'),
    facts: [
      fact(t('user.fact.userId'), user.userId, 80),
      fact(t('user.fact.email'), user.email, 120),
      fact(t('user.fact.enterprise'), user.spEnterpriseId, 80),
      fact(t('user.fact.package'), packageLabel(user.package)),
      fact(t('confirm.fact.status'), statusLabel(user.status)),
    ],
    bullets: [],
    question: t('confirm.remove.title', { name }),
    confirmTitle: t('confirm.remove.button'),
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

/** The wording of each bulk confirmation (its message names N users, or every eligible user). */
const BULK: {
  [K in BulkKind]: {
    title: MessageKey;
    message: MessageKey;
    question: MessageKey;
    confirmTitle: MessageKey;
    confirm: (cardId: string) => SubmitData;
    offer: (card: AdaptiveCardJson) => CardOffer<K>;
  };
} = {
  'emails.sendAll': {
    title: 'confirm.sendAll.title',
    message: 'confirm.sendAll.message',
    question: 'confirm.sendAll.question',
    confirmTitle: 'confirm.sendAll.button',
    confirm: (cardId) => submitData('emails.sendAll.confirm', cardId, {}),
    offer: (card) => offerOf('emails.sendAll', card, {}),
  },
  'alerts.remindAll': {
    title: 'confirm.remindAll.title',
    message: 'confirm.remindAll.message',
    question: 'confirm.remindAll.question',
    confirmTitle: 'confirm.remindAll.button',
    confirm: (cardId) => submitData('alerts.remindAll.confirm', cardId, {}),
    offer: (card) => offerOf('alerts.remindAll', card, {}),
  },
};

/** Preview of a bulk send: "N users will be …", then an explicit click. */
export function renderBulkConfirm(data: BulkConfirmData): RenderedCard<BulkKind> {
  const known = typeof data.count === 'number';
  const wording = BULK[data.kind];
  const facts: Fact[] = [];
  if (known) facts.push(fact(t('confirm.fact.users'), formatNumber(data.count ?? 0)));
  if (typeof data.recentlyEmailed === 'number') facts.push(fact(t('confirm.fact.skipped'), formatNumber(data.recentlyEmailed)));
  const confirm = renderConfirm({
    cardId: data.cardId,
    title: t(wording.title),
    titleColor: 'Warning',
    message: t(wording.message, { known: known ? 'yes' : 'no', n: data.count ?? 0 }),
    facts,
    bullets: [],
    question: t(wording.question),
    confirmTitle: t(wording.confirmTitle),
    confirmStyle: 'positive',
    confirmData: wording.confirm(data.cardId),
  });
  return { ...confirm, offer: wording.offer(confirm.card) };
}
