// language [en|ro|cs|auto]: the language of this space, shown or chosen (stored, audited).
import { LANGUAGE_NAMES, LANGUAGES, languageOf, type Language } from '../../i18n/languages.js';
import type { LanguageSource } from '../../i18n/space-language.js';
import { t, withLanguage, type MessageKey, type Speech } from '../../i18n/translate.js';
import { orgOfScope } from '../../orgs/service.js';
import type { BotContext, Command } from '../types.js';

const WHY: Record<LanguageSource, MessageKey> = {
  space: 'language.why.space',
  admin: 'language.why.admin',
  org: 'language.why.org',
  default: 'language.why.default',
};

const nameOf = (speech: Speech) => (speech === 'pseudo' ? 'Pseudo' : LANGUAGE_NAMES[speech]);
const choices = () => LANGUAGES.map((l) => `\`language ${l}\` ${LANGUAGE_NAMES[l]}`).join(' · ');

async function current(ctx: BotContext) {
  return ctx.services.languages.of(ctx.room, ctx.actor.personId);
}

export const languageCommand: Command = {
  name: 'language',
  usage: 'language [en|ro|cs|auto]',
  description: 'command.language',
  example: 'language ro',
  changes: (args) => args.length > 0,
  async run(ctx, args) {
    const [word, ...rest] = args;
    if (!word) {
      const now = await current(ctx);
      return ctx.reply(`${t('language.current', { name: nameOf(now.speech), why: t(WHY[now.source]) })}\n\n${t('language.choices', { choices: choices() })}`);
    }
    const orgId = orgOfScope(ctx.scope);
    if (word.toLowerCase() === 'auto' && rest.length === 0) {
      await ctx.services.languages.follow(ctx.room.id, ctx.actor.email, orgId);
      const now = await current(ctx);
      return withLanguage(now.speech, () => ctx.reply(t('language.auto', { name: nameOf(now.speech), why: t(WHY[now.source]) })));
    }
    const chosen: Language | null = rest.length === 0 ? languageOf(word) : null;
    if (!chosen) return ctx.reply(t('language.unknown', { choices: choices() }));
    await ctx.services.languages.choose(ctx.room.id, chosen, ctx.actor.email, orgId);
    // Said in the language just chosen: the admin sees at once what the space will read.
    return withLanguage(chosen, () => ctx.reply(t('language.set', { name: LANGUAGE_NAMES[chosen] })));
  },
};
