// user <BroadWorks user id | email>: one subscriber and its actions.
import { t } from '../../i18n/translate.js';
import { escapeMarkdown } from '../../cards/index.js';
import type { Command } from '../types.js';
import { findAndShowUser } from '../views/users.js';

export const userCommand: Command = {
  name: 'user',
  usage: 'user <BroadWorks user id | email>',
  description: 'command.user',
  example: 'user 95547321@sp.example.com',
  async run(ctx, args) {
    const key = args.join(' ').trim();
    if (!key) return ctx.reply(t('cmd.user.which'));
    if (!(await findAndShowUser(ctx, key.slice(0, 254)))) return ctx.reply(t('cmd.user.none', { key: escapeMarkdown(key.slice(0, 100)), short: escapeMarkdown(key.slice(0, 50)) }));
  },
};
