// The languages the bot speaks, and how a language tag from Webex (`cs_CZ`, `ro-RO`, `en_US`) or
// from an admin (`cs`, `čeština`) maps to one of them.

export const LANGUAGES = ['en', 'ro', 'cs'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, as its speakers write it (the `language` card lists these). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ro: 'Română', cs: 'Čeština' };

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** What an admin may type for each language besides its code. */
const SPOKEN: Record<string, Language> = {
  english: 'en',
  engleza: 'en',
  engleză: 'en',
  anglicky: 'en',
  angličtina: 'en',
  romana: 'ro',
  română: 'ro',
  romanian: 'ro',
  rumunsky: 'ro',
  rumunština: 'ro',
  cestina: 'cs',
  čeština: 'cs',
  czech: 'cs',
  cesky: 'cs',
  česky: 'cs',
  ceha: 'cs',
  cehă: 'cs',
};

/**
 * The language of a tag such as `cs_CZ`, `ro-RO`, `en_US` or `CS`, or of a word an admin typed;
 * null when it is none of ours (Webex has dozens: the next choice then applies).
 */
export function languageOf(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const word = tag.trim().toLowerCase();
  const primary = word.split(/[-_]/)[0] ?? '';
  if (isLanguage(primary)) return primary;
  return SPOKEN[word] ?? null;
}
