// errors [enterprise <id>] [find <text>]: failing users grouped by cause, explained, with bulk
// actions per cause. errors on | off | status: failing users pushed to this space. The words are
// a table.
import { t } from '../../i18n/translate.js';
import { escapeMarkdown } from '../../cards/index.js';
import { parseListFilter } from '../list-filter.js';
import type { BotContext, Command } from '../types.js';
import { showCauseGroups } from '../views/error-groups.js';
import { showErrorsStatus, turnErrors } from '../views/errors.js';

const SUBCOMMANDS: Record<string, (ctx: BotContext) => Promise<void>> = {
  on: (ctx) => turnErrors(ctx, true),
  off: (ctx) => turnErrors(ctx, false),
  status: (ctx) => showErrorsStatus(ctx),
};


export const errorsCommand: Command = {
  name: 'errors',
  usage: 'errors [enterprise <id>] [find <text>] | errors on|off|status',
  description: 'command.errors',
  example: 'errors enterprise Reseller1+acme',
  changes: (args) => ['on', 'off'].includes(args[0]?.toLowerCase() ?? ''),
  async currentState(ctx) {
    const sub = await ctx.services.failures.subscription(ctx.room.id);
    return sub?.active ? t('cmd.errors.stateOn', { who: sub.subscribedBy }) : t('cmd.errors.stateOff');
  },
  async run(ctx, args) {
    const sub = SUBCOMMANDS[args[0]?.toLowerCase() ?? ''];
    if (sub) {
      if (args.length > 1) return ctx.reply(t('cmd.errors.alone'));
      // Partner mode: a space hears of its bound org's failures only; an unbound one of every org's,
      // which only the partner's admins may turn on or off.
      if (ctx.services.orgs.partner && ctx.access.kind !== 'all' && (ctx.scope.kind !== 'org' || (await ctx.services.orgs.boundOrg(ctx.room.id)) !== ctx.scope.orgId)) {
        return ctx.reply(t('cmd.errors.notBound'));
      }
      return sub(ctx);
    }
    const parsed = parseListFilter(args, { statuses: false, unknown: (word) => t('cmd.errors.unknown', { word, use: t('cmd.errors.use') }) });
    if (!parsed.ok) return ctx.reply(escapeMarkdown(parsed.problem, 400));
    await showCauseGroups(ctx, { enterprise: parsed.filter.enterprise, text: parsed.filter.text });
  },
};
