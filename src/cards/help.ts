// help: the command list. The commands come in as data (generated from the command registry,
// so help cannot drift from what the bot understands).
import { t } from '../i18n/translate.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { capRows, moreNote } from './view.js';

export interface HelpCommand {
  command: string;
  description: string;
  /** A full example invocation, e.g. "user ana@example.com"; '' for none. */
  example: string;
  /** The command's words in the space's language (e.g. utilizatori), typed instead of its name. */
  localWords?: readonly string[];
}

export interface HelpCardData extends CardBase {
  commands: readonly HelpCommand[];
  /** Defaults to "What I can do". */
  title?: string;
  /** One line under the title, e.g. how to address the bot in a group space. */
  intro?: string;
}

const MAX_COMMANDS = 30;

export function renderHelp(data: HelpCardData): RenderedCard<'help'> {
  const { shown, hidden } = capRows(data.commands, MAX_COMMANDS);
  // Usage and examples are what is typed: English everywhere (the local words are listed too).
  const commands = shown.map((c) => ({
    command: escapeMarkdown(c.command, 100),
    description: escapeMarkdown(c.description, 300),
    example: escapeMarkdown(c.example, 100),
    also: c.localWords?.length ? t('help.alsoWords', { words: c.localWords.map((w) => escapeMarkdown(w, 40)).join(', ') }) : '',
  }));
  const title = escapeMarkdown(data.title ?? t('help.title'), 80);
  const intro = escapeMarkdown(data.intro ?? t('help.intro'), 300);
  const card = expandTemplate('help', { title, intro, commands, moreNote: moreNote(hidden, 'command') });
  return {
    card,
    offer: offerOf('help', card, {}),
    fallbackText: fallbackText([
      `**${title}**`,
      ...commands.map((c) => `- **${c.command}**: ${c.description}${c.example ? ` (${t('help.fallbackExample', { example: c.example })})` : ''}`),
    ]),
  };
}
