// "Do it now" on a late command's card: runs the command it offered, as if typed now.
import { t } from '../../i18n/translate.js';
import { showResult } from '../views/result.js';
import { defineAction } from './define.js';

export const lateActions = [
  defineAction(
    'command.late',
    async (ctx, data, card) => {
      if (card.kind !== 'late.command' || card.context.text !== data.text) {
        await showResult(ctx, 'refused', t('act.notCommandOfCard'), t('common.nothingChanged'));
        return;
      }
      await ctx.runCommand(data.text);
    },
    () => 'run',
  ),
];
