// Buttons of the inactive-user alert card, its remind-all confirmation and the alerts status
// card. Ids a click names must be ones the card offered (its context), and each person is re-read
// from the store (by the follow-up service) before anything is done.
import { formatDateUtc, t } from '../../i18n/translate.js';
import type { OfferedCard } from '../../cards/index.js';
import { PRESS_AGAIN, type BotContext } from '../types.js';
import { runRemindAll, showDigest, showFollowUpChange, showReminderSummary, showRemindAllConfirm, turnAlerts } from '../views/alerts.js';
import { showResult } from '../views/result.js';
import { defineAction, offered } from './define.js';

/** The ids of a submission, if every one was offered by the card; otherwise the admin is told. */
async function offeredPeople(ctx: BotContext, card: OfferedCard, ids: string[]): Promise<string[] | null> {
  if (ids.every((id) => offered(card, 'personIds', id))) return [...new Set(ids)];
  await showResult(ctx, 'refused', t('act.notOnCardPeople'), t('common.nothingChanged'));
  return null;
}

export const alertsActions = [
  defineAction('alerts.on', (ctx) => turnAlerts(ctx, true)),
  defineAction('alerts.off', (ctx) => turnAlerts(ctx, false)),
  defineAction('alerts.page', (ctx, data) => showDigest(ctx, data.page)),
  defineAction(
    'alerts.remind',
    async (ctx, data, card) => {
      const ids = await offeredPeople(ctx, card, data.personIds);
      if (!ids) return;
      const summary = await ctx.services.followUp.remind(ids, ctx.actor.email, ctx.room.id);
      await showReminderSummary(ctx, summary);
      // Only failures may be sent again by the same click (the 24-hour rule guards the rest).
      return summary.failed.length > 0 ? PRESS_AGAIN : undefined;
    },
    // A double click reminds once: the same selection from one card takes effect once.
    (d) => [...new Set(d.personIds)].sort().join(','),
  ),
  defineAction('alerts.snooze', async (ctx, data, card) => {
    const ids = await offeredPeople(ctx, card, data.personIds);
    if (!ids) return;
    const { changed, skipped, until } = await ctx.services.followUp.snooze(ids, data.snoozeDays, ctx.actor.email, ctx.room.id);
    await showFollowUpChange(ctx, t('act.snoozed', { n: changed.length, days: data.snoozeDays }), t('act.snoozedMessage', { date: formatDateUtc(until) }), skipped);
  }),
  defineAction('alerts.handled', async (ctx, data, card) => {
    const ids = await offeredPeople(ctx, card, data.personIds);
    if (!ids) return;
    const { changed, skipped } = await ctx.services.followUp.markHandled(ids, ctx.actor.email, ctx.room.id);
    await showFollowUpChange(ctx, t('act.handled', { n: changed.length }), t('act.handledMessage'), skipped);
  }),
  defineAction('alerts.remindAll', (ctx) => showRemindAllConfirm(ctx)),
  defineAction('alerts.remindAll.confirm', (ctx) => runRemindAll(ctx), () => 'all'),
];
