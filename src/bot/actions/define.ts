// A card action is its name (from the card catalogue), the schema of its submission, and run().
import type { ActionName, ActionSubmission } from '../../cards/index.js';
import type { SentCard } from '../../store/sent-cards.js';
import type { BotContext, CardAction } from '../types.js';

export function defineAction<N extends ActionName>(
  name: N,
  run: (ctx: BotContext, data: ActionSubmission<N>, card: SentCard) => Promise<void>,
  once?: (data: ActionSubmission<N>) => string,
): CardAction {
  return { name, run: run as CardAction['run'], once: once as CardAction['once'] };
}

/** Ids in a submission must be ones the card showed: never taken on faith. */
export function offered(card: SentCard, list: string, id: string): boolean {
  const ids = (card.context as Record<string, unknown> | null)?.[list];
  return Array.isArray(ids) && ids.includes(id);
}
