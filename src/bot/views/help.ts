// The help card: generated from the command registry, so it cannot drift.
import { renderHelp, type RenderedCard } from '../../cards/index.js';
import { currentLanguage, t } from '../../i18n/translate.js';
import { localWords } from '../command-aliases.js';
import type { BotContext, Command } from '../types.js';

/** The help card depends only on the commands, the kind of space and its language: rendered once per pair. */
const helpCards = new WeakMap<Command[], Map<string, RenderedCard>>();

export async function showHelp(ctx: BotContext, commands: Command[]): Promise<void> {
  let byRoom = helpCards.get(commands);
  if (!byRoom) helpCards.set(commands, (byRoom = new Map()));
  const language = currentLanguage();
  const key = `${ctx.room.type}:${language}`;
  let rendered = byRoom.get(key);
  if (!rendered) {
    rendered = renderHelp({
      cardId: 'static-help',
      commands: commands.map((c) => ({ command: c.usage, description: t(c.description), example: c.example, localWords: localWords(c.name, language) })),
      intro: ctx.room.type === 'group' ? t('help.introGroup') : undefined,
    });
    byRoom.set(key, rendered);
  }
  const card = rendered;
  await ctx.replyCard(() => card);
}
