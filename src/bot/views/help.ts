// The help card: generated from the command registry, so it cannot drift.
import { renderHelp, type RenderedCard } from '../../cards/index.js';
import type { BotContext, Command } from '../types.js';

/** The help card depends only on the commands and the kind of space: rendered once per kind. */
const helpCards = new WeakMap<Command[], Map<string, RenderedCard>>();

export async function showHelp(ctx: BotContext, commands: Command[]): Promise<void> {
  let byRoom = helpCards.get(commands);
  if (!byRoom) helpCards.set(commands, (byRoom = new Map()));
  let rendered = byRoom.get(ctx.room.type);
  if (!rendered) {
    rendered = renderHelp({
      cardId: 'static-help',
      commands: commands.map((c) => ({ command: c.usage, description: c.description, example: c.example })),
      intro: ctx.room.type === 'group' ? 'In a group space, @mention me first, e.g. "@Activation Bot users".' : undefined,
    });
    byRoom.set(ctx.room.type, rendered);
  }
  const card = rendered;
  await ctx.replyCard(() => card);
}
