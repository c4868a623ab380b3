// What every card builder returns: the expanded Adaptive Card and the markdown sent beside it
// (the message's `markdown` field) for clients that cannot render cards.

import type { CardKind, CardOffer } from './offer.js';

/** One offer per kind: for a union of kinds, a union of offers (so kind and context stay paired). */
export type OfferOf<K extends CardKind> = K extends CardKind ? CardOffer<K> : never;

/** An expanded Adaptive Card (the `content` of an `application/vnd.microsoft.card.adaptive` attachment). */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string } & Record<string, unknown>;

export interface RenderedCard<K extends CardKind = CardKind> {
  card: AdaptiveCardJson;
  /** Markdown, already escaped, at most FALLBACK_MAX_BYTES UTF-8 bytes. */
  fallbackText: string;
  /** What the card's buttons may submit and the context a click is checked against. */
  offer: OfferOf<K>;
}

/** Every builder takes the opaque id the bot stores with the actions the card offered. */
export interface CardBase {
  cardId: string;
}
