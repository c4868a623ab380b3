// emails | emails on | emails off: automatic activation emails. Turning them off always goes
// through a confirmation that says what the admin takes on.
import { t } from '../../i18n/translate.js';
import type { Command } from '../types.js';
import { showEmails, showEmailsOffConfirm, turnEmailsOn } from '../views/emails.js';

export const emailsCommand: Command = {
  name: 'emails',
  reach: 'org',
  usage: 'emails [on|off]',
  description: 'command.emails',
  example: 'emails off',
  // `emails off` asks for confirmation anyway; `emails on` changes the org at once.
  changes: (args) => args[0]?.toLowerCase() === 'on',
  async currentState(ctx) {
    return t('cmd.emails.state', { state: (await ctx.services.provisioning.autoEmails()) ? t('emails.on') : t('emails.off') });
  },
  async run(ctx, args) {
    const sub = args[0]?.toLowerCase();
    if (sub === undefined) return showEmails(ctx);
    if (sub === 'on') return turnEmailsOn(ctx);
    if (sub === 'off') return showEmailsOffConfirm(ctx);
    await ctx.reply(t('cmd.emails.use'));
  },
};
