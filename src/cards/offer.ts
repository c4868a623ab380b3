// What a card offers: its kind, the actions its buttons submit and the context a click is checked
// against (the ids it showed, its page, its filter). The builder that draws the buttons states
// the offer, so the two cannot drift: the actions are read from the expanded card itself (every
// Action.Submit's `data.action`, in show-cards too), after the template's `$when`s have run, so a
// hidden button is not offered. Each kind has a zod schema for its context: the bot stores the
// context with the card and a click gets it back typed (readOffer), never cast.
import { z } from 'zod';
import { SUBSCRIBER_PACKAGES, SUBSCRIBER_STATUSES } from '../provisioning/types.js';
import { ACTION_NAMES, type ActionName } from './actions.js';
import type { AdaptiveCardJson } from './types.js';

const ids = z.array(z.string()).max(200);
const none = z.object({});

/** The users-list filter as stored with a card (see UsersFilter). */
const usersFilter = z.object({
  statuses: z.array(z.enum(SUBSCRIBER_STATUSES)),
  enterprise: z.string().nullish(),
  text: z.string().nullish(),
  includeProvisioned: z.boolean(),
});
/**
 * What a card showed of a subscriber it offers to change: a change is made only while Webex still
 * has the subscriber so (records from before this field read as showing nothing in particular).
 */
const shownSubscriber = z.object({ id: z.string(), status: z.enum(SUBSCRIBER_STATUSES), package: z.enum(SUBSCRIBER_PACKAGES), email: z.string().nullable() });
export type ShownSubscriber = z.infer<typeof shownSubscriber>;
const shown = z.array(shownSubscriber).max(200).default([]);

/** A row's keyset position: lastStatusChange as ISO text, and id. */
const rowKey = z.object({ t: z.string(), id: z.string() });

/** Every kind of card the bot sends, with the schema of the context it keeps. */
export const CARD_CONTEXTS = {
  help: none,
  audit: none,
  templates: none,
  emails: none,
  'emails.off': none,
  'emails.checklist': none,
  'emails.sendAll': none,
  'emails.job': z.object({ jobIds: ids }),
  users: z.object({ filter: usersFilter, page: z.number().int(), subscriberIds: ids, first: rowKey.optional(), last: rowKey.optional() }),
  user: z.object({ subscriberIds: ids, filter: usersFilter.nullable(), shown }),
  'user.error': none,
  'user.remove': z.object({ subscriberIds: ids, shown }),
  /** A result's follow-up buttons may name a subscriber or people: those ids are offered. */
  result: z.object({ subscriberIds: ids, personIds: ids }),
  'alerts.digest': z.object({ personIds: ids, page: z.number().int() }),
  'alerts.status': none,
  'alerts.remindAll': none,
  'errors.status': none,
  /** The cause groups it showed (a click names one of them) and the filter they were found with. */
  'errors.groups': z.object({ causeKeys: z.array(z.string().max(320)).max(50), filter: z.object({ enterprise: z.string().nullish(), text: z.string().nullish() }) }),
  'errors.group': z.object({ causeKeys: z.array(z.string().max(320)).max(1), filter: z.object({ enterprise: z.string().nullish(), text: z.string().nullish() }) }),
  'bulk.preview': z.object({ jobIds: ids }),
  'bulk.status': z.object({ jobIds: ids }),
  'errors.push': z.object({ subscriberIds: ids }),
  /** The command text it offers to run (a click must name exactly it). */
  'late.command': z.object({ text: z.string().max(300) }),
  stats: none,
  /** The orgs it showed (Open names one of them), its page and its search. */
  orgs: z.object({ orgIds: ids, page: z.number().int(), text: z.string().max(200).nullish() }),
} satisfies Record<string, z.ZodType>;

export type CardKind = keyof typeof CARD_CONTEXTS;
export type CardContext<K extends CardKind> = z.infer<(typeof CARD_CONTEXTS)[K]>;
export const CARD_KINDS = Object.keys(CARD_CONTEXTS) as CardKind[];

export interface CardOffer<K extends CardKind = CardKind> {
  kind: K;
  /** Exactly the actions the card's buttons submit. */
  actions: ActionName[];
  context: CardContext<K>;
}

/** A card as a click finds it again: its kind and its context, parsed with the kind's schema. */
export type OfferedCard = { [K in CardKind]: { id: string; kind: K; context: CardContext<K> } }[CardKind];

const isActionName = (name: unknown): name is ActionName => typeof name === 'string' && (ACTION_NAMES as readonly string[]).includes(name);

/** The actions of every Action.Submit in an expanded card, show-cards included, in card order. */
export function submittedActions(card: AdaptiveCardJson): ActionName[] {
  const found = new Set<ActionName>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record: Record<string, unknown> = { ...node };
    if (record.type === 'Action.Submit' && typeof record.data === 'object' && record.data !== null) {
      const data: Record<string, unknown> = { ...record.data };
      const action = data.action;
      if (isActionName(action)) found.add(action);
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  return [...found];
}

/** The offer of an expanded card of this kind. */
export function offerOf<K extends CardKind>(kind: K, card: AdaptiveCardJson, context: CardContext<K>): CardOffer<K> {
  return { kind, actions: submittedActions(card), context };
}

const isCardKind = (kind: string): kind is CardKind => Object.hasOwn(CARD_CONTEXTS, kind);

/**
 * The stored card as the kind it claims to be, its context parsed by that kind's schema; null
 * when the kind is unknown or the context does not fit (a record from an older version).
 */
export function readOffer(card: { id: string; kind: string; context: unknown }): OfferedCard | null {
  if (!isCardKind(card.kind)) return null;
  const parsed = CARD_CONTEXTS[card.kind].safeParse(card.context ?? {});
  // The checker cannot pair a kind with its own schema's output; the schema lookup above does.
  return parsed.success ? ({ id: card.id, kind: card.kind, context: parsed.data } as OfferedCard) : null;
}

/** What the card showed of subscriber `id`, if it recorded that. */
export function shownSubscriberOf(card: OfferedCard, id: string): ShownSubscriber | undefined {
  if (card.kind !== 'user' && card.kind !== 'user.remove') return undefined;
  return card.context.shown.find((s) => s.id === id);
}

/** As a card records a subscriber it shows. */
export const shownOf = (s: { id: string; status: ShownSubscriber['status']; package: ShownSubscriber['package']; email?: string | null }): ShownSubscriber => ({
  id: s.id,
  status: s.status,
  package: s.package,
  email: s.email ?? null,
});

/** The ids a card offered in one of its lists (empty when it has no such list). */
export function offeredIds(card: OfferedCard, list: 'subscriberIds' | 'personIds' | 'jobIds' | 'orgIds'): readonly string[] {
  const context: Record<string, unknown> = { ...card.context };
  const ids = context[list];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
