// A card action is its name (from the card catalogue), run(), and optionally its one-shot key;
// its submission is checked with that action's own schema (parseAction) before run() sees it.
import { offeredIds, parseAction, type ActionName, type ActionSubmission, type OfferedCard } from '../../cards/index.js';
import type { ActionResult, BotContext, CardAction } from '../types.js';

export function defineAction<N extends ActionName>(
  name: N,
  run: (ctx: BotContext, data: ActionSubmission<N>, card: OfferedCard) => Promise<ActionResult>,
  once?: (data: ActionSubmission<N>) => string,
): CardAction {
  return {
    name,
    prepare(inputs) {
      const parsed = parseAction(name, inputs);
      if (!parsed.ok) return parsed;
      const data = parsed.submission;
      return { ok: true, onceKey: once?.(data), run: (ctx, card) => run(ctx, data, card) };
    },
  };
}

/** Ids in a submission must be ones the card showed: never taken on faith. */
export function offered(card: OfferedCard, list: 'subscriberIds' | 'personIds' | 'jobIds' | 'orgIds', id: string): boolean {
  return offeredIds(card, list).includes(id);
}
