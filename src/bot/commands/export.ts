// export [same filters as users]: the list as a CSV file posted into the space.
import { escapeMarkdown } from '../../cards/index.js';
import { parseListFilter } from '../list-filter.js';
import type { Command } from '../types.js';
import { sendExport } from '../views/users.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export [same filters as users]',
  description: 'command.export',
  example: 'export error',
  async run(ctx, args) {
    const parsed = parseListFilter(args);
    if (!parsed.ok) return ctx.reply(escapeMarkdown(parsed.problem));
    await sendExport(ctx, parsed.filter);
  },
};
