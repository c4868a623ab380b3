// `explain`: one code's explanation (catalogue and the org's note) as a result card, and the
// org's note saved or cleared.
import { RETRY_WORDS } from '../../cards/index.js';
import { codeKey } from '../../error-intelligence/cause.js';
import { explainError } from '../../error-intelligence/explain.js';
import type { BotContext } from '../types.js';
import { showResult } from './result.js';

export async function showExplanation(ctx: BotContext, code: string): Promise<void> {
  const notes = await ctx.services.errorIntelligence.notes();
  const e = explainError(code, null, notes);
  const key = codeKey(code)!;
  if (!e.known) {
    await showResult(ctx, 'stale', `${key}: not in the catalogue`, `The bot has no explanation for ${key} yet. Add your org's: explain ${key} <what it means and what to do>.`);
    return;
  }
  const facts = [
    ...(e.cause ? [{ title: 'Why', value: e.cause }] : []),
    ...(e.fix ? [{ title: 'What to do', value: e.fix }] : []),
    { title: 'Retry', value: RETRY_WORDS[e.retry] },
    ...(e.note ? [{ title: 'Your org', value: `${e.note.text} (${e.note.writtenBy}, ${e.note.writtenAt.toISOString().slice(0, 10)})` }] : []),
    ...(e.help ? [{ title: 'More', value: e.help }] : []),
    { title: 'Source', value: e.source === 'cisco' ? 'Cisco’s published documentation' : e.source === 'ours' ? 'the bot’s authors' : 'your org' },
  ];
  await showResult(ctx, 'success', `${key}: ${e.title}`, undefined, { facts });
}

export async function saveExplanation(ctx: BotContext, code: string, text: string): Promise<void> {
  await ctx.services.errorIntelligence.setNote(code, text, ctx.actor.email, ctx.room.id);
  await showResult(ctx, 'success', `Explanation of ${codeKey(code)} saved`, `Everyone in your org now sees it beside ${codeKey(code)}, with your name: ${text}`);
}

export async function clearExplanation(ctx: BotContext, code: string): Promise<void> {
  const removed = await ctx.services.errorIntelligence.removeNote(code, ctx.actor.email, ctx.room.id);
  await showResult(ctx, removed ? 'success' : 'stale', removed ? `Your org's explanation of ${codeKey(code)} removed` : `Your org had no explanation of ${codeKey(code)}`, removed ? 'The catalogue’s explanation (if any) is shown again.' : 'Nothing was changed.');
}
