// Buttons of the inactive-user alert card, its remind-all confirmation and the alerts status
// card, and the answers the alerts commands share with them. Ids a click names must be ones the
// card offered (its context), and each person is re-read from the store before anything is done.
import {
  loadDigest,
  digestOffer,
  markPeopleHandled,
  nextOccurrence,
  remindAllInactive,
  remindAllPreview,
  remindPeople,
  renderDigest,
  snoozePeople,
  subscribeSpace,
  unsubscribeSpace,
  type ReminderDeps,
  type ReminderSummary,
} from '../../alerts/index.js';
import { followUp, renderAlertsStatus, renderBulkConfirm, renderEmailJob, type ResultKind } from '../../cards/index.js';
import type { SentCard } from '../../store/sent-cards.js';
import type { BotContext } from '../types.js';
import { showResult } from '../views.js';
import { defineAction, offered } from './define.js';

const SHOW_INACTIVE = followUp('Show inactive users', 'alerts.page', { page: 0 });

export function reminderDeps(ctx: BotContext): ReminderDeps {
  const { store, provisioning, now, config } = ctx.services;
  // Commands and clicks reuse a people sync younger than FRESHNESS_SECONDS.
  return { store, provisioning, now, inactiveAfterDays: config.inactiveAfterDays, peopleFreshForMs: config.freshnessSeconds * 1000 };
}

/** The digest card in this space (the same card the schedule posts). */
export async function showDigest(ctx: BotContext, page: number): Promise<void> {
  const loaded = await loadDigest(reminderDeps(ctx), page);
  const offer = digestOffer(loaded.digest);
  await ctx.replyCard({ kind: offer.kind, actions: offer.actions, context: offer.context as never }, (cardId) => renderDigest(loaded, cardId));
}

export async function showAlertsStatus(ctx: BotContext): Promise<void> {
  const { store, config, now } = ctx.services;
  const subscription = await store.alertSubscriptions.get(ctx.room.id);
  const nextRun = nextOccurrence({ cron: config.alertCron, timeZone: config.alertTimeZone }, now());
  await ctx.replyCard({ kind: 'alerts.status', actions: [subscription?.active ? 'alerts.off' : 'alerts.on', 'alerts.page'] }, (cardId) =>
    renderAlertsStatus({ cardId, subscription, nextRun, schedule: `${config.alertCron} (${config.alertTimeZone})`, inactiveAfterDays: config.inactiveAfterDays }),
  );
}

export async function turnAlerts(ctx: BotContext, on: boolean): Promise<void> {
  const { store, now } = ctx.services;
  if (on) await subscribeSpace(store, ctx.room.id, ctx.actor.email, now());
  else if (!(await unsubscribeSpace(store, ctx.room.id, ctx.actor.email, now()))) await ctx.reply('This space was not getting alerts; nothing changed.');
  await showAlertsStatus(ctx);
}

export async function showRemindAllConfirm(ctx: BotContext): Promise<void> {
  const { count, recentlyEmailed } = await remindAllPreview(reminderDeps(ctx));
  if (count === 0) {
    await showResult(ctx, 'success', 'Nobody to remind', 'No user has an invitation pending for longer than the follow-up threshold.');
    return;
  }
  await ctx.replyCard({ kind: 'alerts.remindAll', actions: ['alerts.remindAll.confirm', 'card.cancel'] }, (cardId) =>
    renderBulkConfirm({ cardId, kind: 'alerts.remindAll', count, recentlyEmailed }),
  );
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

/** The ids of a submission, if every one was offered by the card; otherwise the admin is told. */
async function offeredIds(ctx: BotContext, card: SentCard, ids: string[]): Promise<string[] | null> {
  if (ids.every((id) => offered(card, 'personIds', id))) return [...new Set(ids)];
  await showResult(ctx, 'refused', 'Those users were not on this card', 'Nothing was changed.');
  return null;
}

export async function runRemindAll(ctx: BotContext): Promise<void> {
  await ctx.reply('Sending reminders to everyone whose invitation is still pending. I will post the outcome here.');
  const outcome = await remindAllInactive(reminderDeps(ctx), ctx.actor.email, ctx.room.id);
  if (outcome.kind === 'busy') {
    await showResult(ctx, 'error', 'Reminders are already being sent', `${outcome.by} started "remind all" and it is still running. Nothing else was sent.`);
    return;
  }
  if (outcome.kind === 'job') {
    const { job, errors } = outcome.outcome;
    await ctx.replyCard({ kind: 'emails.job', actions: ['emails.job.refresh'], context: { jobIds: [job.id] } as never }, (cardId) =>
      renderEmailJob({ cardId, job, errors, startedBy: ctx.actor.email }),
    );
    return;
  }
  const note = outcome.capped ? `Reminded the oldest ${outcome.summary.sent.length + outcome.summary.suppressed.length + outcome.summary.failed.length} of ${outcome.total}; run it again for the rest.` : undefined;
  await showReminderSummary(ctx, outcome.summary, note);
}

export const alertsActions = [
  defineAction('alerts.on', (ctx) => turnAlerts(ctx, true)),
  defineAction('alerts.off', (ctx) => turnAlerts(ctx, false)),
  defineAction('alerts.page', (ctx, data) => showDigest(ctx, data.page)),
  defineAction('alerts.remind', async (ctx, data, card) => {
    const ids = await offeredIds(ctx, card, data.personIds);
    if (ids) await showReminderSummary(ctx, await remindPeople(reminderDeps(ctx), ids, ctx.actor.email, ctx.room.id));
  }),
  defineAction('alerts.snooze', async (ctx, data, card) => {
    const ids = await offeredIds(ctx, card, data.personIds);
    if (!ids) return;
    const { changed, skipped, until } = await snoozePeople(reminderDeps(ctx), ids, data.snoozeDays, ctx.actor.email, ctx.room.id);
    await showResult(ctx, 'success', `Snoozed ${changed.length} user${changed.length === 1 ? '' : 's'} for ${data.snoozeDays} days`, `They are left out of the alerts until ${until.toISOString().slice(0, 10)}.${skipped.length ? ` Skipped: ${list(skipped)}.` : ''}`, {
      followUps: [SHOW_INACTIVE],
    });
  }),
  defineAction('alerts.handled', async (ctx, data, card) => {
    const ids = await offeredIds(ctx, card, data.personIds);
    if (!ids) return;
    const { changed, skipped } = await markPeopleHandled(reminderDeps(ctx), ids, ctx.actor.email, ctx.room.id);
    await showResult(ctx, 'success', `Marked ${changed.length} user${changed.length === 1 ? '' : 's'} as handled`, `They no longer appear in the alerts.${skipped.length ? ` Skipped: ${list(skipped)}.` : ''}`, {
      followUps: [SHOW_INACTIVE],
    });
  }),
  defineAction('alerts.remindAll', (ctx) => showRemindAllConfirm(ctx)),
  defineAction('alerts.remindAll.confirm', (ctx) => runRemindAll(ctx), () => 'all'),
];
