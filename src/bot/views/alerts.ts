// The inactive-user follow-up: the digest, the alerts status card, the remind-all preview and the
// reminder outcomes, shared by the `inactive` / `remind` / `alerts` commands and the buttons.
import { t } from '../../i18n/translate.js';
import { renderDigest, type ReminderSummary } from '../../alerts/index.js';
import { followUp, renderAlertsStatus, renderBulkConfirm, type ResultKind } from '../../cards/index.js';
import type { BotContext } from '../types.js';
import { showEmailJob } from './emails.js';
import { showResult } from './result.js';

/** Built when shown: its title is in the space's language. */
const showInactive = () => followUp(t('alerts.showInactive'), 'alerts.page', { page: 0 });

/** The digest card in this space (the same card the schedule posts). */
export async function showDigest(ctx: BotContext, page: number): Promise<void> {
  const loaded = await ctx.services.followUp.digest(page);
  await ctx.replyCard((cardId) => renderDigest(loaded, cardId));
}

export async function showAlertsStatus(ctx: BotContext): Promise<void> {
  const { followUp: service } = ctx.services;
  const subscription = await service.subscription(ctx.room.id);
  const nextRun = service.nextRun();
  await ctx.replyCard((cardId) =>
    renderAlertsStatus({ cardId, subscription, nextRun, schedule: service.schedule, inactiveAfterDays: service.inactiveAfterDays }),
  );
}

export async function turnAlerts(ctx: BotContext, on: boolean): Promise<void> {
  const { followUp: service } = ctx.services;
  if (on) await service.subscribe(ctx.room.id, ctx.actor.email);
  else if (!(await service.unsubscribe(ctx.room.id, ctx.actor.email))) await ctx.reply(t('alerts.wasNotOn'));
  await showAlertsStatus(ctx);
}

export async function showRemindAllConfirm(ctx: BotContext): Promise<void> {
  const { count, recentlyEmailed } = await ctx.services.followUp.remindAllPreview();
  if (count === 0) {
    await showResult(ctx, 'success', t('alerts.nobodyToRemind'), t('alerts.nobodyToRemindMessage'));
    return;
  }
  await ctx.replyCard((cardId) => renderBulkConfirm({ cardId, kind: 'alerts.remindAll', count, recentlyEmailed }));
}

const list = (items: { email: string; code?: string; description: string }[], max = 4) =>
  items
    .slice(0, max)
    .map((p) => `${p.email}: ${p.code ? `${p.code} ` : ''}${p.description}`)
    .join(' · ') + (items.length > max ? t('alerts.andMore', { n: items.length - max }) : '');

/** Per-user outcomes as one result card: counts, then the reasons. */
export async function showReminderSummary(ctx: BotContext, summary: ReminderSummary, note?: string): Promise<void> {
  const { sent, suppressed, failed, skipped } = summary;
  const single = sent.length + suppressed.length + failed.length + skipped.length === 1;
  let kind: ResultKind = failed.length ? 'error' : 'success';
  let title = t('alerts.remindersTitle', { sent: sent.length, suppressed: suppressed.length, failed: failed.length });
  if (single && sent.length) title = t('alerts.sentTo', { who: sent[0]! });
  if (single && suppressed.length) [kind, title] = ['stale', t('alerts.notSentRecently', { who: suppressed[0]!.email })];
  if (single && failed.length) title = t('alerts.failedTo', { who: failed[0]!.email });
  if (single && skipped.length) title = t('alerts.nothingSentTo', { who: skipped[0]!.email });
  const message = [
    note,
    suppressed.length ? t('alerts.alreadyList', { list: list(suppressed) }) : '',
    failed.length ? t('alerts.failedList', { list: list(failed) }) : '',
    skipped.length ? t('alerts.skippedList', { list: list(skipped) }) : '',
  ].filter(Boolean).join(' ');
  await showResult(ctx, kind, title, message || undefined, {
    facts: [
      { title: t('alerts.fact.sent'), value: sent.length },
      { title: t('alerts.fact.already'), value: suppressed.length },
      { title: t('alerts.fact.failed'), value: failed.length },
      { title: t('alerts.fact.skipped'), value: skipped.length },
    ],
    followUps: [showInactive()],
  });
}

/** Snoozed or handled: how many changed, and who was skipped. */
export async function showFollowUpChange(ctx: BotContext, title: string, message: string, skipped: { email: string; description: string }[]): Promise<void> {
  await showResult(ctx, 'success', title, `${message}${skipped.length ? t('alerts.skippedSuffix', { list: list(skipped) }) : ''}`, { followUps: [showInactive()] });
}

export async function runRemindAll(ctx: BotContext): Promise<void> {
  await ctx.reply(t('alerts.sendingAll'));
  const outcome = await ctx.services.followUp.remindAll(ctx.actor.email, ctx.room.id);
  switch (outcome.kind) {
    case 'busy':
      await showResult(ctx, 'error', t('alerts.busy'), t('alerts.busyMessage', { who: outcome.by }));
      return;
    case 'job':
      await showEmailJob(ctx, outcome.outcome);
      return;
    case 'done': {
      const { summary } = outcome;
      const note = outcome.capped ? t('alerts.capped', { n: summary.sent.length + summary.suppressed.length + summary.failed.length, total: outcome.total }) : undefined;
      await showReminderSummary(ctx, summary, note);
      return;
    }
    default:
      return outcome satisfies never;
  }
}

/** `remind <email>`: the person is looked up (the mirror refreshed once if needed). */
export async function remindByEmail(ctx: BotContext, email: string): Promise<boolean> {
  const person = await ctx.services.provisioning.findPerson(email);
  if (!person) return false;
  await showReminderSummary(ctx, await ctx.services.followUp.remind([person.id], ctx.actor.email, ctx.room.id));
  return true;
}
