// errors on | off | status: failing users pushed to this space. The words are a table, so the
// error-intelligence subcommands can join it.
import type { BotContext, Command } from '../types.js';
import { showErrorsStatus, turnErrors } from '../views/errors.js';

const SUBCOMMANDS: Record<string, (ctx: BotContext) => Promise<void>> = {
  on: (ctx) => turnErrors(ctx, true),
  off: (ctx) => turnErrors(ctx, false),
  status: (ctx) => showErrorsStatus(ctx),
};

export const errorsCommand: Command = {
  name: 'errors',
  usage: 'errors on|off|status',
  description: 'Be told in this space when users fall into error or stay pending too long (one card at most every 5 minutes).',
  example: 'errors on',
  changes: (args) => ['on', 'off'].includes(args[0]?.toLowerCase() ?? ''),
  async currentState(ctx) {
    const sub = await ctx.services.failures.subscription(ctx.room.id);
    return sub?.active ? `this space is told about failing users (turned on by ${sub.subscribedBy}).` : 'this space is not told about failing users.';
  },
  async run(ctx, args) {
    const run = SUBCOMMANDS[args[0]?.toLowerCase() ?? ''];
    if (!run || args.length > 1) return ctx.reply('Use `errors on`, `errors off` or `errors status`.');
    await run(ctx);
  },
};
