// The inactive-user follow-up: the digest, the alerts status card, the remind-all preview and the
// reminder outcomes, shared by the `inactive` / `remind` / `alerts` commands and the buttons.
import { renderDigest, type ReminderSummary } from '../../alerts/index.js';
import { followUp, renderAlertsStatus, renderBulkConfirm, type ResultKind } from '../../cards/index.js';
import type { BotContext } from '../types.js';
import { showEmailJob } from './emails.js';
import { showResult } from './result.js';

const SHOW_INACTIVE = followUp('Show inactive users', 'alerts.page', { page: 0 });

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
  else if (!(await service.unsubscribe(ctx.room.id, ctx.actor.email))) await ctx.reply('This space was not getting alerts; nothing changed.');
  await showAlertsStatus(ctx);
}

export async function showRemindAllConfirm(ctx: BotContext): Promise<void> {
  const { count, recentlyEmailed } = await ctx.services.followUp.remindAllPreview();
  if (count === 0) {
    await showResult(ctx, 'success', 'Nobody to remind', 'No user has an invitation pending for longer than the follow-up threshold.');
    return;
  }
  await ctx.replyCard((cardId) => renderBulkConfirm({ cardId, kind: 'alerts.remindAll', count, recentlyEmailed }));
}

const list = (items: { email: string; code?: string; description: string }[], max = 4) =>
  items
    .slice(0, max)
    .map((p) => `${p.email}: ${p.code ? `${p.code} ` : ''}${p.description}`)
    .join(' · ') + (items.length > max ? ` · and ${items.length - max} more` : '');

/** Per-user outcomes as one result card: counts, then the reasons. */
export async function showReminderSummary(ctx: BotContext, summary: ReminderSummary, note?: string): Promise<void> {
  const { sent, suppressed, failed, skipped } = summary;
  const single = sent.length + suppressed.length + failed.length + skipped.length === 1;
  let kind: ResultKind = failed.length ? 'error' : 'success';
  let title = `Reminders: ${sent.length} sent, ${suppressed.length} already reminded in the last 24 hours, ${failed.length} failed`;
  if (single && sent.length) title = `Reminder sent to ${sent[0]}`;
  if (single && suppressed.length) [kind, title] = ['stale', `Not sent: ${suppressed[0]!.email} was already reminded in the last 24 hours`];
  if (single && failed.length) title = `Reminder to ${failed[0]!.email} failed`;
  if (single && skipped.length) title = `Nothing sent to ${skipped[0]!.email}`;
  const message = [
    note,
    suppressed.length ? `Already reminded in the last 24 hours (Webex would suppress another email): ${list(suppressed)}.` : '',
    failed.length ? `Failed: ${list(failed)}.` : '',
    skipped.length ? `Skipped: ${list(skipped)}.` : '',
  ].filter(Boolean).join(' ');
  await showResult(ctx, kind, title, message || undefined, {
    facts: [
      { title: 'Sent', value: sent.length },
      { title: 'Already reminded (24 h)', value: suppressed.length },
      { title: 'Failed', value: failed.length },
      { title: 'Skipped (no longer pending)', value: skipped.length },
    ],
    followUps: [SHOW_INACTIVE],
  });
}

/** Snoozed or handled: how many changed, and who was skipped. */
export async function showFollowUpChange(ctx: BotContext, title: string, message: string, skipped: { email: string; description: string }[]): Promise<void> {
  await showResult(ctx, 'success', title, `${message}${skipped.length ? ` Skipped: ${list(skipped)}.` : ''}`, { followUps: [SHOW_INACTIVE] });
}

export async function runRemindAll(ctx: BotContext): Promise<void> {
  await ctx.reply('Sending reminders to everyone whose invitation is still pending. I will post the outcome here.');
  const outcome = await ctx.services.followUp.remindAll(ctx.actor.email, ctx.room.id);
  switch (outcome.kind) {
    case 'busy':
      await showResult(ctx, 'error', 'Reminders are already being sent', `${outcome.by} started "remind all" and it is still running. Nothing else was sent.`);
      return;
    case 'job':
      await showEmailJob(ctx, outcome.outcome);
      return;
    case 'done': {
      const { summary } = outcome;
      const note = outcome.capped ? `Reminded the oldest ${summary.sent.length + summary.suppressed.length + summary.failed.length} of ${outcome.total}; run it again for the rest.` : undefined;
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
