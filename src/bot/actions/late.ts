// "Do it now" on a late command's card: runs the command it offered, as if typed now.
import { showResult } from '../views/result.js';
import { defineAction } from './define.js';

export const lateActions = [
  defineAction(
    'command.late',
    async (ctx, data, card) => {
      if (card.kind !== 'late.command' || card.context.text !== data.text) {
        await showResult(ctx, 'refused', 'That is not the command this card offered', 'Nothing was changed.');
        return;
      }
      await ctx.runCommand(data.text);
    },
    () => 'run',
  ),
];
