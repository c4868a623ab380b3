// emails | emails on | emails off: automatic activation emails. Turning them off always goes
// through a confirmation that says what the admin takes on.
import { renderEmailsOffConfirm } from '../../cards/index.js';
import type { Command } from '../types.js';
import { showEmails, showResult } from '../views.js';

export const emailsCommand: Command = {
  name: 'emails',
  usage: 'emails [on|off]',
  description: 'Show automatic activation emails; turn them on, or off (after a confirmation); send activation emails.',
  example: 'emails off',
  async run(ctx, args) {
    const sub = args[0]?.toLowerCase();
    if (sub === undefined) return showEmails(ctx);
    if (sub === 'on') {
      await ctx.services.provisioning.setAutoEmails(true, ctx.actor.email);
      return showResult(ctx, 'success', 'Automatic activation emails are ON', 'Webex emails newly licensed users their activation link again.');
    }
    if (sub === 'off') {
      return ctx.replyCard({ kind: 'emails.off', actions: ['emails.off.confirm', 'card.cancel'] }, (cardId) => renderEmailsOffConfirm({ cardId }));
    }
    await ctx.reply('Use `emails`, `emails on` or `emails off`.');
  },
};
