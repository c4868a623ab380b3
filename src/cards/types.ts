// What every card builder returns: the expanded Adaptive Card and the markdown sent beside it
// (the message's `markdown` field) for clients that cannot render cards.

/** An expanded Adaptive Card (the `content` of an `application/vnd.microsoft.card.adaptive` attachment). */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string } & Record<string, unknown>;

export interface RenderedCard {
  card: AdaptiveCardJson;
  /** Markdown, already escaped, at most FALLBACK_MAX_BYTES UTF-8 bytes. */
  fallbackText: string;
}

/** Every builder takes the opaque id the bot stores with the actions the card offered. */
export interface CardBase {
  cardId: string;
}
