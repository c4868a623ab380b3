// Automatic activation emails: the status card, turning them on, the off confirmation and
// checklist, the bulk-send preview and the activation-email job card.
import { t } from '../../i18n/translate.js';
import { renderBulkConfirm, renderEmailJob, renderEmailsOffChecklist, renderEmailsOffConfirm, renderEmailsStatus } from '../../cards/index.js';
import type { JobOutcome } from '../../provisioning/activation-emails.js';
import type { BotContext } from '../types.js';
import { showResult } from './result.js';

export async function showEmails(ctx: BotContext): Promise<void> {
  const { enabled, changedBy, changedAt } = await ctx.services.provisioning.autoEmailsStatus();
  const { perUserActivationEmail } = ctx.services.provisioning;
  await ctx.replyCard((cardId) => renderEmailsStatus({ cardId, enabled, changedBy, changedAt, perUserEmails: perUserActivationEmail }));
}

export async function turnEmailsOn(ctx: BotContext): Promise<void> {
  await ctx.services.provisioning.setAutoEmails(true, ctx.actor.email);
  await showResult(ctx, 'success', t('emails.nowOnTitle'), t('emails.nowOnMessage'));
}

export async function showEmailsOffConfirm(ctx: BotContext): Promise<void> {
  await ctx.replyCard((cardId) => renderEmailsOffConfirm({ cardId }));
}

export async function turnEmailsOff(ctx: BotContext): Promise<void> {
  await ctx.services.provisioning.setAutoEmails(false, ctx.actor.email);
  await ctx.replyCard((cardId) => renderEmailsOffChecklist({ cardId, justTurnedOff: true, offerTurnOn: true }));
}

/** The checklist on request; "turn back on" only while they are off. */
export async function showChecklist(ctx: BotContext): Promise<void> {
  const enabled = await ctx.services.provisioning.autoEmails();
  await ctx.replyCard((cardId) => renderEmailsOffChecklist({ cardId, justTurnedOff: false, offerTurnOn: !enabled }));
}

export async function showSendAllConfirm(ctx: BotContext): Promise<void> {
  await ctx.replyCard((cardId) => renderBulkConfirm({ cardId, kind: 'emails.sendAll' }));
}

export async function showEmailJob(ctx: BotContext, outcome: JobOutcome): Promise<void> {
  await ctx.replyCard((cardId) => renderEmailJob({ cardId, job: outcome.job, errors: outcome.errors, startedBy: ctx.actor.email }));
}

/** Starts Webex's org-wide job, says so, and posts the job's card when it ends (or on time-out). */
export async function sendToAll(ctx: BotContext): Promise<void> {
  const { emails } = ctx.services.provisioning;
  const job = await emails.startAll(ctx.actor.email);
  await ctx.reply(t('emails.jobStarted'));
  await showEmailJob(ctx, await emails.waitForJob(job.id));
}
