// The error catalogue (catalogue.json: data, reviewed like code), checked when loaded: a bad entry
// stops the bot at start-up, not an admin at the worst moment. lookup() finds the entry for an
// error's code and description; entries are tried in file order, the first match wins.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Language } from '../i18n/languages.js';
import { pseudoMessage } from '../i18n/pseudo.js';
import { currentLanguage } from '../i18n/translate.js';

export const RETRY_KINDS = ['yes', 'after-fix', 'no', 'later'] as const;
export type RetryKind = (typeof RETRY_KINDS)[number];
export const FIX_ACTIONS = ['retry', 'remove', 'consent', 'new-email', 'templates', 'emails-on'] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

const pattern = z.string().min(1).max(300).refine((p) => {
  try {
    new RegExp(p, 'i');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    source: z.enum(['cisco', 'ours']),
    sourceNote: z.string().min(1),
    codes: z.array(z.string().min(1).max(40)).optional(),
    pattern: pattern.optional(),
    title: z.string().min(1).max(80),
    cause: z.string().min(1).max(600),
    fix: z.string().min(1).max(600),
    retry: z.enum(RETRY_KINDS),
    action: z.enum(FIX_ACTIONS).optional(),
    help: z.url().optional(),
  })
  .refine((e) => (e.codes?.length ?? 0) > 0 || e.pattern !== undefined, 'an entry needs codes or a pattern');

const catalogueSchema = z.object({ about: z.string(), entries: z.array(entrySchema).min(1) }).refine(
  (c) => new Set(c.entries.map((e) => e.id)).size === c.entries.length,
  'entry ids must be unique',
);

export type CatalogueEntry = z.infer<typeof entrySchema>;

interface Compiled {
  entry: CatalogueEntry;
  codes: Set<string>;
  pattern?: RegExp;
}

function load(): Compiled[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./catalogue.json', import.meta.url), 'utf8'));
  const parsed = catalogueSchema.parse(raw);
  return parsed.entries.map((entry) => ({
    entry,
    codes: new Set((entry.codes ?? []).map((c) => c.toUpperCase())),
    pattern: entry.pattern ? new RegExp(entry.pattern, 'i') : undefined,
  }));
}

const COMPILED = load();

/** Every entry, in file order. */
export const CATALOGUE: readonly CatalogueEntry[] = COMPILED.map((c) => c.entry);

/** The entry for an error: the first whose codes hold its code, or whose pattern its description matches. */
export function lookup(code: string | number | null | undefined, description: string | null | undefined): CatalogueEntry | null {
  const key = code === null || code === undefined || code === '' ? null : String(code).toUpperCase();
  const text = description ?? '';
  const hit = COMPILED.find((c) => (key !== null && c.codes.has(key)) || (c.pattern !== undefined && c.pattern.test(text)));
  return hit?.entry ?? null;
}

/** An entry's words in one language: catalogue.<language>.json, keyed by entry id (English: the entry itself). */
const wordsSchema = z.record(z.string(), z.object({ title: z.string().min(1).max(120), cause: z.string().min(1).max(800), fix: z.string().min(1).max(800) }).strict());
export type EntryWords = Pick<CatalogueEntry, 'title' | 'cause' | 'fix'>;

/** Every translation, checked when loaded: each entry has its words in each language, and no stray ids. */
export const CATALOGUE_TRANSLATIONS: Readonly<Record<Exclude<Language, 'en'>, Readonly<Record<string, EntryWords>>>> = (() => {
  const ids = new Set(CATALOGUE.map((e) => e.id));
  const out = {} as Record<Exclude<Language, 'en'>, Record<string, EntryWords>>;
  for (const language of ['ro', 'cs'] as const) {
    const words = wordsSchema.parse(JSON.parse(readFileSync(new URL(`./catalogue.${language}.json`, import.meta.url), 'utf8')));
    const missing = [...ids].filter((id) => !words[id]);
    const stray = Object.keys(words).filter((id) => !ids.has(id));
    if (missing.length || stray.length) throw new Error(`catalogue.${language}.json: missing ${missing.join(', ') || 'none'}; not in the catalogue ${stray.join(', ') || 'none'}`);
    out[language] = words;
  }
  return out;
})();

/** The entry's title, cause and fix in the current language. */
export function entryWords(entry: CatalogueEntry): EntryWords {
  const speech = currentLanguage();
  if (speech === 'pseudo') return { title: pseudoMessage(entry.title), cause: pseudoMessage(entry.cause), fix: pseudoMessage(entry.fix) };
  if (speech === 'en') return { title: entry.title, cause: entry.cause, fix: entry.fix };
  return CATALOGUE_TRANSLATIONS[speech][entry.id]!;
}
