// The result card: the outcome of a command or a click (success, error, refused, stale).
import { renderResult, type AnyFollowUp, type ResultKind } from '../../cards/index.js';
import type { BotContext } from '../types.js';

export interface ResultOptions {
  facts?: { title: string; value: string | number | null | undefined }[];
  followUps?: AnyFollowUp[];
}

/** Everything given is plain text: the card escapes it. */
export async function showResult(ctx: BotContext, kind: ResultKind, title: string, message?: string, options: ResultOptions = {}): Promise<void> {
  await ctx.replyCard((cardId) => renderResult({ cardId, kind, title, message, facts: options.facts, followUps: options.followUps }));
}
