// The main commands also answer to their obvious words in Romanian and Czech (commands keep
// working in English everywhere). Typed with or without diacritics; the localized help lists them.
import type { Language } from '../i18n/languages.js';

export const LOCAL_WORDS: Record<Exclude<Language, 'en'>, Record<string, readonly string[]>> = {
  ro: {
    users: ['utilizatori'],
    user: ['utilizator'],
    export: ['exporta', 'exportă'],
    emails: ['emailuri', 'e-mailuri'],
    inactive: ['inactivi'],
    remind: ['memento'],
    alerts: ['alerte'],
    errors: ['erori'],
    stats: ['statistici'],
    help: ['ajutor'],
    language: ['limba', 'limbă'],
  },
  cs: {
    users: ['uživatelé', 'uzivatele'],
    user: ['uživatel', 'uzivatel'],
    export: ['exportovat'],
    emails: ['e-maily', 'emaily'],
    inactive: ['neaktivní', 'neaktivni'],
    remind: ['připomenout', 'pripomenout'],
    alerts: ['upozornění', 'upozorneni'],
    errors: ['chyby'],
    stats: ['statistiky'],
    help: ['nápověda', 'napoveda'],
    language: ['jazyk'],
  },
};

const byWord = new Map<string, string>(
  Object.values(LOCAL_WORDS).flatMap((words) => Object.entries(words).flatMap(([command, local]) => local.map((w) => [w, command] as const))),
);

/** The command a typed first word names: itself, or the command of a local word (any language). */
export function commandName(word: string): string {
  const lower = word.toLowerCase();
  return byWord.get(lower) ?? lower;
}

/** The local words of `command` in `language` (none in English). */
export function localWords(command: string, language: string): readonly string[] {
  return language === 'ro' || language === 'cs' ? (LOCAL_WORDS[language][command] ?? []) : [];
}
