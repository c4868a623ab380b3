// explain <code> [<text> | clear]: the catalogue's explanation of an error code, and the org's own
// (written here, audited, shown with who wrote it wherever that error appears).
import { t } from '../../i18n/translate.js';
import type { Command } from '../types.js';
import { clearExplanation, saveExplanation, showExplanation } from '../views/explain.js';

/** Codes as Webex writes them: 10022, ATLAS-600199, WXC-4201, pending_user_migration. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
export const MAX_EXPLANATION_CHARS = 500;

export const explainCommand: Command = {
  name: 'explain',
  reach: 'partner',
  usage: 'explain <code> [<what it means and what to do> | clear]',
  description: 'command.explain',
  example: 'explain 10022',
  changes: (args) => args.length > 1,
  async run(ctx, args) {
    const [code, ...rest] = args;
    if (!code) return ctx.reply(t('cmd.explain.which'));
    if (!CODE.test(code)) return ctx.reply(t('cmd.explain.notCode'));
    if (rest.length === 0) return showExplanation(ctx, code);
    if (rest.length === 1 && rest[0]!.toLowerCase() === 'clear') return clearExplanation(ctx, code);
    const text = rest.join(' ').replace(/\s+/g, ' ').trim();
    if (Array.from(text).length > MAX_EXPLANATION_CHARS) return ctx.reply(t('cmd.explain.tooLong', { max: MAX_EXPLANATION_CHARS }));
    await saveExplanation(ctx, code, text);
  },
};
