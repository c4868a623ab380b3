// `errors on|off|status`: whether this space is told when users fall into error or stay pending.
import { t } from '../../i18n/translate.js';
import { renderErrorsStatus } from '../../cards/index.js';
import type { BotContext } from '../types.js';

export async function showErrorsStatus(ctx: BotContext): Promise<void> {
  const { failures } = ctx.services;
  const subscription = await failures.subscription(ctx.room.id);
  await ctx.replyCard((cardId) => renderErrorsStatus({ cardId, subscription, stuckAfterHours: failures.stuckAfterHours }));
}

export async function turnErrors(ctx: BotContext, on: boolean): Promise<void> {
  const { failures } = ctx.services;
  if (on) await failures.subscribe(ctx.room.id, ctx.actor.email);
  else if (!(await failures.unsubscribe(ctx.room.id, ctx.actor.email))) await ctx.reply(t('errorsView.wasNotOn'));
  await showErrorsStatus(ctx);
}
