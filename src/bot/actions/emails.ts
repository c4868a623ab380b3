// Buttons of the emails card and its confirmations.
import { t } from '../../i18n/translate.js';
import { showEmailJob, showChecklist, showEmailsOffConfirm, showSendAllConfirm, sendToAll, turnEmailsOff, turnEmailsOn } from '../views/emails.js';
import { showResult } from '../views/result.js';
import { PRESS_AGAIN } from '../types.js';
import { defineAction, offered } from './define.js';

export const emailsActions = [
  defineAction('emails.on', (ctx) => turnEmailsOn(ctx)),
  defineAction('emails.off', (ctx) => showEmailsOffConfirm(ctx)),
  defineAction('emails.off.confirm', (ctx) => turnEmailsOff(ctx), () => 'off'),
  defineAction('emails.checklist', (ctx) => showChecklist(ctx)),
  defineAction(
    'emails.sendOne',
    async (ctx, data) => {
      const { provisioning } = ctx.services;
      const person = await provisioning.findPerson(data.email);
      if (!person) {
        await showResult(ctx, 'error', t('act.noSuchUser'), t('act.noSuchUserMessage', { email: data.email }));
        return;
      }
      const result = await provisioning.emails.sendOne(person, ctx.actor.email, ctx.room.id);
      switch (result.outcome) {
        case 'sent':
          await showResult(ctx, 'success', t('act.emailSent'), t('act.emailSentMessage', { email: result.email }));
          return;
        case 'suppressed':
          await showResult(ctx, 'error', t('act.notSentRecently'), result.description, { facts: [{ title: t('act.user'), value: result.email }, { title: t('act.code'), value: result.code }] });
          return;
        case 'error':
          await showResult(ctx, 'error', t('act.notSent'), result.description, { facts: [{ title: t('act.user'), value: result.email }, { title: t('act.code'), value: result.code }] });
          return PRESS_AGAIN;
        default:
          return result satisfies never;
      }
    },
    // A double click sends once.
    (d) => d.email.toLowerCase(),
  ),
  defineAction('emails.sendAll', (ctx) => showSendAllConfirm(ctx)),
  defineAction('emails.sendAll.confirm', (ctx) => sendToAll(ctx), () => 'all'),
  defineAction('emails.job.refresh', async (ctx, data, card) => {
    if (!offered(card, 'jobIds', data.jobId)) return showResult(ctx, 'refused', t('act.notJobOfCard'));
    await showEmailJob(ctx, await ctx.services.provisioning.emails.job(data.jobId));
  }),
  defineAction('card.cancel', (ctx) => ctx.reply(t('act.cancelled')), () => 'cancel'),
];
