// bulk [status]: this space's bulk jobs (retry / remove / consent email on a cause), with Cancel.
import { t } from '../../i18n/translate.js';
import type { Command } from '../types.js';
import { showBulkStatus } from '../views/bulk.js';

export const bulkCommand: Command = {
  name: 'bulk',
  usage: 'bulk status',
  description: 'command.bulk',
  example: 'bulk status',
  async run(ctx, args) {
    if (args.length > 1 || (args[0] && args[0].toLowerCase() !== 'status')) return ctx.reply(t('cmd.bulk.use'));
    await showBulkStatus(ctx);
  },
};
