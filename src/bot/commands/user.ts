// user <BroadWorks user id | email>: one subscriber and its actions.
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
    if (!key) return ctx.reply('Say which user: `user <BroadWorks user id or email>`.');
    if (!(await findAndShowUser(ctx, key.slice(0, 254)))) return ctx.reply(`No BroadWorks user with id or email "${escapeMarkdown(key.slice(0, 100))}". Try \`users find ${escapeMarkdown(key.slice(0, 50))}\`.`);
  },
};
