// stats: the trends card, then the chart as its own message (one file per message, a Webex
// rule) — in the card's thread in a group space. `stats export`: the series as CSV.
import { t, weekdayName } from '../../i18n/translate.js';
import { escapeMarkdown, renderStats } from '../../cards/index.js';
import { failureDetail } from '../../provisioning/errors.js';
import { chartTitle, type StatsQuery } from '../../stats/index.js';
import type { BotContext } from '../types.js';

const periodWords = (q: StatsQuery) => (q.enterprise ? t('statsView.periodEnterprise', { n: q.days, enterprise: escapeMarkdown(q.enterprise, 120) }) : t('statsView.period', { n: q.days }));

export async function showStats(ctx: BotContext, query: StatsQuery): Promise<void> {
  const report = await ctx.services.stats.report(query);
  const sent = await ctx.replyCard((cardId) => renderStats({ cardId, report }));
  if (report.kind === 'empty') return;
  try {
    const chart = await ctx.services.stats.chart(report);
    await ctx.replyFile(chart, t('stats.chartBeside', { title: escapeMarkdown(chartTitle(report), 200) }), { beside: sent });
  } catch (err) {
    // The card already carries every fact: a chart that could not be drawn or sent is a note, not a failure.
    ctx.log.error({ err: failureDetail(err) }, 'stats chart not sent');
    await ctx.reply(t('statsView.chartFailed'));
  }
}

export async function sendStatsCsv(ctx: BotContext, query: StatsQuery): Promise<void> {
  const { report, file } = await ctx.services.stats.csv(query);
  if (!file || report.kind === 'empty') {
    await ctx.replyCard((cardId) => renderStats({ cardId, report }));
    return;
  }
  await ctx.replyFile(file, t('statsView.csv', { period: periodWords(query) }));
}

/** `stats weekly status`: whether this space gets the weekly summary, and when. */
async function weeklyStatusLine(ctx: BotContext): Promise<string> {
  const { weeklyStats } = ctx.services;
  const sub = await weeklyStats.subscription(ctx.room.id);
  return sub?.active
    ? t('statsView.weeklyOn', { who: escapeMarkdown(sub.subscribedBy, 120), day: weekdayName(weeklyStats.day) })
    : t('statsView.weeklyOff', { day: weekdayName(weeklyStats.day) });
}

export async function showWeeklyStatus(ctx: BotContext): Promise<void> {
  await ctx.reply(await weeklyStatusLine(ctx));
}

export async function turnWeekly(ctx: BotContext, on: boolean): Promise<void> {
  const { weeklyStats } = ctx.services;
  if (on) await weeklyStats.subscribe(ctx.room.id, ctx.actor.email);
  else if (!(await weeklyStats.unsubscribe(ctx.room.id, ctx.actor.email))) return ctx.reply(t('statsView.weeklyWasNotOn'));
  await showWeeklyStatus(ctx);
}
