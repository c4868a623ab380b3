// Buttons of the emails card and its confirmations.
import { renderBulkConfirm, renderEmailJob, renderEmailsOffChecklist, renderEmailsOffConfirm } from '../../cards/index.js';
import type { BotContext } from '../types.js';
import { showResult } from '../views.js';
import { defineAction } from './define.js';

async function showJob(ctx: BotContext, jobId: string, wait: boolean): Promise<void> {
  const { emails, backend } = ctx.services.provisioning;
  const outcome = wait ? await emails.waitForJob(jobId) : { job: await backend.getActivationEmailJob(jobId), errors: [] };
  await ctx.replyCard({ kind: 'emails.job', actions: ['emails.job.refresh'], context: { jobIds: [jobId] } as never }, (cardId) =>
    renderEmailJob({ cardId, job: outcome.job, errors: outcome.errors, startedBy: ctx.actor.email }),
  );
}

export const emailsActions = [
  defineAction('emails.on', async (ctx) => {
    await ctx.services.provisioning.setAutoEmails(true, ctx.actor.email);
    await showResult(ctx, 'success', 'Automatic activation emails are ON', 'Webex emails newly licensed users their activation link again.');
  }),
  defineAction('emails.off', (ctx) =>
    ctx.replyCard({ kind: 'emails.off', actions: ['emails.off.confirm', 'card.cancel'] }, (cardId) => renderEmailsOffConfirm({ cardId })),
  ),
  defineAction(
    'emails.off.confirm',
    async (ctx) => {
      await ctx.services.provisioning.setAutoEmails(false, ctx.actor.email);
      await ctx.replyCard({ kind: 'emails.checklist', actions: ['emails.on'] }, (cardId) => renderEmailsOffChecklist({ cardId, justTurnedOff: true, offerTurnOn: true }));
    },
    () => 'off',
  ),
  defineAction('emails.checklist', async (ctx) => {
    const enabled = await ctx.services.provisioning.autoEmails();
    await ctx.replyCard({ kind: 'emails.checklist', actions: enabled ? [] : ['emails.on'] }, (cardId) => renderEmailsOffChecklist({ cardId, justTurnedOff: false, offerTurnOn: !enabled }));
  }),
  defineAction('emails.sendOne', async (ctx, data) => {
    const { provisioning, store } = ctx.services;
    let person = await store.people.byEmail(data.email);
    if (!person) {
      await provisioning.sync.people();
      person = await store.people.byEmail(data.email);
    }
    if (!person) {
      // Plain text: the result card escapes everything it is given.
      await showResult(ctx, 'error', 'No such user', `There is no Webex user with the email ${data.email} in this org.`);
      return;
    }
    const result = await provisioning.emails.sendOne(person, ctx.actor.email, ctx.room.id);
    if (result.outcome === 'sent') await showResult(ctx, 'success', 'Activation email sent', `Webex is emailing ${result.email} their activation link.`);
    else await showResult(ctx, 'error', result.outcome === 'suppressed' ? 'Not sent: emailed recently' : 'Not sent', result.description, { facts: [{ title: 'User', value: result.email }, { title: 'Code', value: result.code }] });
  }),
  defineAction('emails.sendAll', (ctx) =>
    ctx.replyCard({ kind: 'emails.sendAll', actions: ['emails.sendAll.confirm', 'card.cancel'] }, (cardId) => renderBulkConfirm({ cardId, kind: 'emails.sendAll' })),
  ),
  defineAction(
    'emails.sendAll.confirm',
    async (ctx) => {
      const job = await ctx.services.provisioning.emails.startAll(ctx.actor.email);
      await ctx.reply('Webex started sending activation emails to every eligible user. I will post the outcome here when the job ends.');
      await showJob(ctx, job.id, true);
    },
    () => 'all',
  ),
  defineAction('emails.job.refresh', (ctx, data, card) => {
    const ids = (card.context as { jobIds?: string[] }).jobIds ?? [];
    if (!ids.includes(data.jobId)) return showResult(ctx, 'refused', 'Not a job from this card');
    return showJob(ctx, data.jobId, false);
  }),
  defineAction('card.cancel', (ctx) => ctx.reply('Cancelled. Nothing was changed.'), () => 'cancel'),
];
