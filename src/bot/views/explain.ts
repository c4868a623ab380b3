// `explain`: one code's explanation (catalogue and the org's note) as a result card, and the
// org's note saved or cleared.
import { retryWords } from '../../cards/index.js';
import { formatDateUtc, t } from '../../i18n/translate.js';
import { codeKey } from '../../error-intelligence/cause.js';
import { explainError } from '../../error-intelligence/explain.js';
import type { BotContext } from '../types.js';
import { showResult } from './result.js';

export async function showExplanation(ctx: BotContext, code: string): Promise<void> {
  const notes = await ctx.services.errorIntelligence.notes();
  const e = explainError(code, null, notes);
  const key = codeKey(code)!;
  if (!e.known) {
    await showResult(ctx, 'stale', t('explain.unknownTitle', { key }), t('explain.unknownMessage', { key }));
    return;
  }
  const facts = [
    ...(e.cause ? [{ title: t('explain.why'), value: e.cause }] : []),
    ...(e.fix ? [{ title: t('explain.whatToDo'), value: e.fix }] : []),
    { title: t('explain.retry'), value: retryWords(e.retry) },
    ...(e.note ? [{ title: t('explain.yourOrg'), value: `${e.note.text} (${e.note.writtenBy}, ${formatDateUtc(e.note.writtenAt)})` }] : []),
    ...(e.help ? [{ title: t('explain.more'), value: e.help }] : []),
    { title: t('explain.source'), value: e.source === 'cisco' ? t('explain.sourceCisco') : e.source === 'ours' ? t('explain.sourceOurs') : t('explain.sourceOrg') },
  ];
  await showResult(ctx, 'success', `${key}: ${e.title}`, undefined, { facts });
}

export async function saveExplanation(ctx: BotContext, code: string, text: string): Promise<void> {
  await ctx.services.errorIntelligence.setNote(code, text, ctx.actor.email, ctx.room.id);
  const key = codeKey(code) ?? code;
  await showResult(ctx, 'success', t('explain.saved', { key }), t('explain.savedMessage', { key, text }));
}

export async function clearExplanation(ctx: BotContext, code: string): Promise<void> {
  const removed = await ctx.services.errorIntelligence.removeNote(code, ctx.actor.email, ctx.room.id);
  const key = codeKey(code) ?? code;
  await showResult(ctx, removed ? 'success' : 'stale', removed ? t('explain.removed', { key }) : t('explain.none', { key }), removed ? t('explain.removedMessage') : t('common.nothingChanged'));
}
