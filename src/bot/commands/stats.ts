// stats [<n>d] [enterprise <id>] | stats export [<n>d] [enterprise <id>]: activation over time.
import { t } from '../../i18n/translate.js';
import { escapeMarkdown } from '../../cards/index.js';
import type { StatsQuery } from '../../stats/index.js';
import type { BotContext, Command } from '../types.js';
import { sendStatsCsv, showStats, showWeeklyStatus, turnWeekly } from '../views/stats.js';

export const DEFAULT_STATS_DAYS = 30;
/** As far back as history is kept. */
export const MAX_STATS_DAYS = 399;

/** The short help of `stats`, in the current language. */
export const statsHelp = (): string => t('cmd.stats.help');

/** `stats weekly …`: the words are a table. */
const WEEKLY: Record<string, (ctx: BotContext) => Promise<void>> = {
  on: (ctx) => turnWeekly(ctx, true),
  off: (ctx) => turnWeekly(ctx, false),
  status: (ctx) => showWeeklyStatus(ctx),
};
const isWeekly = (args: string[]) => args[0]?.toLowerCase() === 'weekly';

export type StatsRequest = { ok: true; export: boolean; query: StatsQuery } | { ok: false; problem: string };

/** The words after `stats`, checked; anything not understood is answered with the short help. */
export function parseStats(args: string[]): StatsRequest {
  const words = [...args];
  const asCsv = words[0]?.toLowerCase() === 'export';
  if (asCsv) words.shift();
  let days = DEFAULT_STATS_DAYS;
  let enterprise: string | undefined;
  while (words.length) {
    const word = words.shift()!;
    const period = /^(\d{1,4})d$/i.exec(word);
    if (period) {
      days = Number(period[1]);
      if (days < 1 || days > MAX_STATS_DAYS) return { ok: false, problem: t('cmd.stats.outOfRange', { days, max: MAX_STATS_DAYS, help: statsHelp() }) };
    } else if (word.toLowerCase() === 'enterprise') {
      const id = words.shift();
      if (!id) return { ok: false, problem: t('cmd.stats.whichEnterprise', { help: statsHelp() }) };
      if (id.length > 100) return { ok: false, problem: t('cmd.stats.idTooLong', { help: statsHelp() }) };
      enterprise = id;
    } else {
      return { ok: false, problem: t('cmd.stats.unknown', { word: escapeMarkdown(word, 40), help: statsHelp() }) };
    }
  }
  return { ok: true, export: asCsv, query: { days, ...(enterprise ? { enterprise } : {}) } };
}

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats [30d|90d|…] [enterprise <id>] | stats export | stats weekly on|off',
  description: 'command.stats',
  example: 'stats 90d',
  changes: (args) => isWeekly(args) && ['on', 'off'].includes(args[1]?.toLowerCase() ?? ''),
  async currentState(ctx) {
    const sub = await ctx.services.weeklyStats.subscription(ctx.room.id);
    return sub?.active ? t('cmd.stats.weeklyOn', { who: sub.subscribedBy }) : t('cmd.stats.weeklyOff');
  },
  async run(ctx, args) {
    const orgs = ctx.services.orgs;
    if (isWeekly(args)) {
      // The weekly summary covers every customer org: the partner's admins' to turn on or off.
      if (orgs.partner && ctx.access.kind !== 'all') return ctx.reply(t('cmd.stats.weeklyPartnerOnly'));
      const run = WEEKLY[args[1]?.toLowerCase() ?? 'status'];
      if (!run || args.length > 2) return ctx.reply(t('cmd.stats.weeklyUse'));
      return run(ctx);
    }
    const parsed = parseStats(args);
    if (!parsed.ok) return ctx.reply(parsed.problem);
    let query = parsed.query;
    // One customer org (partner mode): its enterprises' history, added up; one of them on request.
    if (ctx.scope.kind === 'org') {
      const enterprises = await orgs.enterprisesOf(ctx.scope.orgId);
      if (query.enterprise && !enterprises.includes(query.enterprise)) {
        return ctx.reply(
          t('cmd.stats.notEnterpriseOf', {
            enterprise: escapeMarkdown(query.enterprise, 100),
            org: escapeMarkdown(ctx.scope.name, 120),
            list: enterprises.map((e) => escapeMarkdown(e, 100)).join(', ') || t('cmd.stats.noneYet'),
          }),
        );
      }
      query = { ...query, enterprises };
    }
    if (parsed.export) return sendStatsCsv(ctx, query);
    await showStats(ctx, query);
  },
};
