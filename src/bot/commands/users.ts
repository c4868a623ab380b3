// users [all] [status…] [enterprise <id>] [find <text>]: the pending and errored list.
import { parseListFilter } from '../list-filter.js';
import { escapeMarkdown } from '../../cards/index.js';
import type { Command } from '../types.js';
import { showUsers } from '../views/users.js';

export const usersCommand: Command = {
  name: 'users',
  usage: 'users [all] [error|pending|provisioning|updating] [enterprise <id>] [find <text>]',
  description: 'command.users',
  example: 'users error enterprise Reseller1+acme',
  async run(ctx, args) {
    const parsed = parseListFilter(args);
    if (!parsed.ok) return ctx.reply(escapeMarkdown(parsed.problem));
    await showUsers(ctx, parsed.filter, 0);
  },
};
