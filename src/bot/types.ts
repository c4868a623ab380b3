// What handlers see: who acted, where, the services, and ways to answer. Handlers never see
// Express or framework objects, so each one can be tested on its own.
import type { ActionName, AnySubmission } from '../cards/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';
import type { SentCard } from '../store/sent-cards.js';

export interface Actor {
  personId: string;
  email: string;
  displayName?: string;
}

export interface Room {
  id: string;
  type: 'direct' | 'group';
}

export interface RenderedCard {
  card: Record<string, unknown>;
  fallbackText: string;
}

/** What a card offers: the actions it may submit and the ids it showed (re-checked on submit). */
export interface CardOffer {
  kind: string;
  actions: string[];
  /** e.g. { subscriberIds: [...] } or { personIds: [...] }: submissions must stay inside these. */
  context?: Record<string, unknown>;
  ttlMs?: number;
}

export interface OutgoingFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface BotServices {
  config: Config;
  store: Store;
  provisioning: ProvisioningService;
  now: () => Date;
}

export interface BotContext {
  actor: Actor;
  room: Room;
  services: BotServices;
  log: Logger;
  reply(markdown: string): Promise<void>;
  /** Issues a card id, renders the card with it, sends it and remembers what it offered. */
  replyCard(offer: CardOffer, render: (cardId: string) => RenderedCard): Promise<void>;
  replyFile(file: OutgoingFile, markdown: string): Promise<void>;
}

export interface Command {
  name: string;
  /** Usage as shown in help, e.g. "users [all] [error|pending] [enterprise <id>] [find <text>]". */
  usage: string;
  description: string;
  example: string;
  run(ctx: BotContext, args: string[]): Promise<void>;
}

/** A handler for one action of the card catalogue; the dispatcher validates its submission
 * (Action.Submit data merged with the card's inputs) with parseSubmission before run(). */
export interface CardAction {
  name: ActionName;
  /** One-shot actions take effect once per card and target, however often they are clicked. */
  once?: (data: AnySubmission) => string;
  run(ctx: BotContext, data: AnySubmission, card: SentCard): Promise<void>;
}
