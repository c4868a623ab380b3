// emails | emails on | emails off: automatic activation emails. Turning them off always goes
// through a confirmation that says what the admin takes on.
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
    return `automatic activation emails are ${(await ctx.services.provisioning.autoEmails()) ? 'ON' : 'OFF'}.`;
  },
  async run(ctx, args) {
    const sub = args[0]?.toLowerCase();
    if (sub === undefined) return showEmails(ctx);
    if (sub === 'on') return turnEmailsOn(ctx);
    if (sub === 'off') return showEmailsOffConfirm(ctx);
    await ctx.reply('Use `emails`, `emails on` or `emails off`.');
  },
};
