// stats: the trends card, then the chart as its own message (one file per message, a Webex
// rule) — in the card's thread in a group space. `stats export`: the series as CSV.
import { escapeMarkdown, renderStats } from '../../cards/index.js';
import { failureDetail } from '../../provisioning/errors.js';
import { chartTitle, type StatsQuery } from '../../stats/index.js';
import type { BotContext } from '../types.js';

const periodWords = (q: StatsQuery) => `${q.days} days${q.enterprise ? `, enterprise ${escapeMarkdown(q.enterprise, 120)}` : ''}`;

export async function showStats(ctx: BotContext, query: StatsQuery): Promise<void> {
  const report = await ctx.services.stats.report(query);
  const sent = await ctx.replyCard((cardId) => renderStats({ cardId, report }));
  if (report.kind === 'empty') return;
  try {
    const chart = await ctx.services.stats.chart(report);
    await ctx.replyFile(chart, `Chart: ${escapeMarkdown(chartTitle(report), 200)}. The numbers are in the card above.`, { beside: sent });
  } catch (err) {
    // The card already carries every fact: a chart that could not be drawn or sent is a note, not a failure.
    ctx.log.error({ err: failureDetail(err) }, 'stats chart not sent');
    await ctx.reply('The chart could not be sent this time; the card above has the same numbers.');
  }
}

export async function sendStatsCsv(ctx: BotContext, query: StatsQuery): Promise<void> {
  const { report, file } = await ctx.services.stats.csv(query);
  if (!file || report.kind === 'empty') {
    await ctx.replyCard((cardId) => renderStats({ cardId, report }));
    return;
  }
  await ctx.replyFile(file, `Activation history, one line per day (${periodWords(query)}; the last line is today so far).`);
}

const dayName = (day: string) => day.charAt(0).toUpperCase() + day.slice(1);

/** `stats weekly status`: whether this space gets the weekly summary, and when. */
async function weeklyStatusLine(ctx: BotContext): Promise<string> {
  const { weeklyStats } = ctx.services;
  const sub = await weeklyStats.subscription(ctx.room.id);
  return sub?.active
    ? `Weekly summary: **ON** for this space (turned on by ${escapeMarkdown(sub.subscribedBy, 120)}): every ${dayName(weeklyStats.day)} from 09:00 UTC, the last 7 days' numbers and chart. \`stats weekly off\` stops it.`
    : `Weekly summary: **OFF** for this space. \`stats weekly on\` sends the last 7 days' numbers and chart here every ${dayName(weeklyStats.day)} from 09:00 UTC.`;
}

export async function showWeeklyStatus(ctx: BotContext): Promise<void> {
  await ctx.reply(await weeklyStatusLine(ctx));
}

export async function turnWeekly(ctx: BotContext, on: boolean): Promise<void> {
  const { weeklyStats } = ctx.services;
  if (on) await weeklyStats.subscribe(ctx.room.id, ctx.actor.email);
  else if (!(await weeklyStats.unsubscribe(ctx.room.id, ctx.actor.email))) return ctx.reply('The weekly summary was not on in this space; nothing changed.');
  await showWeeklyStatus(ctx);
}
