// The catalogues: every language has exactly English's keys with the same ICU arguments (a
// missing or extra key fails here, never falls back to English at run time); every plural has
// the forms its language needs; every key the code and the card templates name exists.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { readCatalogue, t, withLanguage, type MessageKey } from '../../src/i18n/translate.js';
import { TEMPLATE_MESSAGE } from '../../src/cards/templates.js';
import { CATALOGUE, CATALOGUE_TRANSLATIONS } from '../../src/error-intelligence/catalogue.js';
import { explainError } from '../../src/error-intelligence/explain.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const catalogues = Object.fromEntries(LANGUAGES.map((l) => [l, readCatalogue(l)])) as Record<Language, Record<string, string>>;
const english = catalogues.en;

/** Each argument with its kind, and for select the options it offers: what every translation must keep. */
function signature(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.set(el.value, into.get(el.value) ?? 'argument');
    else if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.set(el.value, String(el.type));
    else if (el.type === TYPE.select) {
      // A select used twice offers the union of its options (a translation may need fewer in one place).
      const before = into.get(el.value)?.replace(/^select:/, '').split(',').filter(Boolean) ?? [];
      into.set(el.value, `select:${[...new Set([...before, ...Object.keys(el.options)])].sort().join(',')}`);
      for (const o of Object.values(el.options)) signature(o.value, into);
    } else if (el.type === TYPE.plural) {
      into.set(el.value, 'plural');
      for (const o of Object.values(el.options)) signature(o.value, into);
    } else if (el.type === TYPE.tag) signature(el.children, into);
  }
  return into;
}

function plurals(elements: MessageFormatElement[], found: string[][] = []): string[][] {
  for (const el of elements) {
    if (el.type === TYPE.plural) {
      found.push(Object.keys(el.options));
      for (const o of Object.values(el.options)) plurals(o.value, found);
    } else if (el.type === TYPE.select) for (const o of Object.values(el.options)) plurals(o.value, found);
  }
  return found;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'generated' ? [] : sourceFiles(path.join(dir, e.name))) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );

describe('message catalogues', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the English keys', (language) => {
    const keys = Object.keys(catalogues[language]);
    expect(keys.filter((k) => !(k in english)), 'keys English does not have').toEqual([]);
    expect(Object.keys(english).filter((k) => !keys.includes(k)), 'keys missing').toEqual([]);
  });

  it.each(LANGUAGES)('every %s message parses, with the English arguments, and plurals in its own forms', (language) => {
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [key, message] of Object.entries(catalogues[language])) {
      const ast = parse(message, { ignoreTag: true });
      const want = signature(parse(english[key]!, { ignoreTag: true }));
      const have = signature(ast);
      if (JSON.stringify([...have].sort()) !== JSON.stringify([...want].sort())) problems.push(`${key}: arguments ${JSON.stringify([...have])} ≠ English ${JSON.stringify([...want])}`);
      for (const options of plurals(ast)) {
        const missing = forms.filter((f) => !options.includes(f));
        if (missing.length) problems.push(`${key}: plural without ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LANGUAGES)('every plural in %s reads for 0, 1, 2, 5, 21 and 101', (language) => {
    for (const [key, message] of Object.entries(catalogues[language])) {
      const ast = parse(message, { ignoreTag: true });
      if (plurals(ast).length === 0) continue;
      const sig = signature(ast);
      // Every combination of the selects' options: the count must read in at least one of them.
      let combos: Record<string, string>[] = [{}];
      for (const [arg, kind] of sig) {
        if (!kind.startsWith('select:')) continue;
        combos = combos.flatMap((c) => kind.slice(7).split(',').map((o) => ({ ...c, [arg]: o })));
      }
      for (const n of [0, 1, 2, 5, 21, 101]) {
        const texts = combos.map((combo) => {
          const values = Object.fromEntries([...sig].map(([a, kind]) => [a, kind === 'plural' ? n : (combo[a] ?? 'x')]));
          return withLanguage(language, () => t(key as MessageKey, values));
        });
        expect(texts.some((text) => new RegExp(`\\b${n}\\b`).test(text)), `${key} for ${n}: ${texts.join(' / ')}`).toBe(true);
      }
    }
  });

  it('plural forms: users in Czech and Romanian', () => {
    const users = (language: Language, n: number) => withLanguage(language, () => t('more.user', { n }));
    expect([1, 2, 5, 21, 101].map((n) => users('cs', n))).toEqual([
      'Další 1 uživatel není zobrazen.',
      'Další 2 uživatelé nejsou zobrazeny.',
      'Dalších 5 uživatelů není zobrazeno.',
      'Dalších 21 uživatelů není zobrazeno.',
      'Dalších 101 uživatelů není zobrazeno.',
    ]);
    expect([1, 2, 20, 21, 101].map((n) => users('ro', n))).toEqual([
      'Încă 1 utilizator nu este afișat.',
      'Încă 2 utilizatori nu sunt afișați.',
      'Încă 20 de utilizatori nu sunt afișați.',
      'Încă 21 de utilizatori nu sunt afișați.',
      'Încă 101 utilizatori nu sunt afișați.',
    ]);
  });

  it('every key the code and the card templates name is in the catalogue', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      // t('key', …) and tIn(language, 'key', …)
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-z][\w.-]+)'|\btIn\((?:'[a-z]+'|[a-z]+), '([a-z][\w.-]+)'/g)) named.add((m[1] ?? m[2])!);
    }
    for (const file of readdirSync(path.join(ROOT, 'cards')).filter((f) => f.endsWith('.json'))) {
      for (const m of readFileSync(path.join(ROOT, 'cards', file), 'utf8').matchAll(TEMPLATE_MESSAGE)) named.add(m[1]!);
    }
    expect(named.size).toBeGreaterThan(30);
    expect([...named].filter((k) => !(k in english))).toEqual([]);
  });

  it('the error catalogue is in every language, with the same command words and links', () => {
    const spans = (text: string) => [...(text.match(/`[^`]+`|https?:\/\/\S+?(?=[.,;)]?(\s|$))/g) ?? [])].sort();
    for (const entry of CATALOGUE) {
      for (const language of ['ro', 'cs'] as const) {
        const words = CATALOGUE_TRANSLATIONS[language][entry.id]!;
        expect(words, `${entry.id} in ${language}`).toBeDefined();
        for (const field of ['title', 'cause', 'fix'] as const) {
          expect(spans(words[field]), `${entry.id}.${field} in ${language}`).toEqual(spans(entry[field]));
          expect(words[field]).not.toBe(entry[field]);
        }
        if (entry.codes?.length) expect(withLanguage(language, () => explainError(entry.codes![0], null)).title).toBe(words.title);
      }
    }
  });

  it('a key no catalogue has is an error, not English', () => {
    expect(() => withLanguage('cs', () => t('no.such.key' as MessageKey))).toThrow(/no message/);
  });
});
