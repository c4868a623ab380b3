// A card action is its name (from the card catalogue), the schema of its submission, and run().
import { actionSchema, offeredIds, type ActionName, type ActionSubmission, type OfferedCard } from '../../cards/index.js';
import type { BotContext, CardAction } from '../types.js';

export function defineAction<N extends ActionName>(
  name: N,
  run: (ctx: BotContext, data: ActionSubmission<N>, card: OfferedCard) => Promise<void>,
  once?: (data: ActionSubmission<N>) => string,
): CardAction<ReturnType<typeof actionSchema<N>>> {
  return { name, schema: actionSchema(name), run, once };
}

/** Ids in a submission must be ones the card showed: never taken on faith. */
export function offered(card: OfferedCard, list: 'subscriberIds' | 'personIds' | 'jobIds', id: string): boolean {
  return offeredIds(card, list).includes(id);
}
