// Everything an admin reads goes through t(): ICU MessageFormat messages (plurals by each
// language's rules, never by concatenation) from one catalogue per language in ./messages. The
// language is the space's, carried with the work of one message, click or scheduled post
// (withLanguage), so the card builders and replies deep inside need no parameter for it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { Language } from './languages.js';
import { pseudoMessage } from './pseudo.js';

/** A language the bot can speak: one of ours, or the pseudo-language that finds untranslated text. */
export type Speech = Language | 'pseudo';

/** The keys of the catalogue (en.json is the reference; every other language has exactly these). */
export type MessageKey = keyof typeof import('./messages/en.json');
export type MessageValues = Record<string, string | number | Date | null | undefined>;

const MESSAGES_DIR = new URL('./messages/', import.meta.url);

export function readCatalogue(language: Language): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`${language}.json`, MESSAGES_DIR), 'utf8')) as Record<string, string>;
}

const cache = createIntlCache();
const intls = new Map<Speech, IntlShape>();

/** Raised for a key no catalogue has: a programming error the catalogue test catches first. */
export class MissingMessageError extends Error {}

function intlOf(speech: Speech): IntlShape {
  let intl = intls.get(speech);
  if (!intl) {
    const messages =
      speech === 'pseudo'
        ? Object.fromEntries(Object.entries(readCatalogue('en')).map(([k, v]) => [k, pseudoMessage(v)]))
        : readCatalogue(speech);
    intl = createIntl(
      {
        locale: speech === 'pseudo' ? 'en' : speech,
        messages,
        timeZone: 'UTC',
        // `<id>` in a usage line is text, not markup.
        defaultRichTextElements: undefined,
        onError: (err) => {
          throw err;
        },
      },
      cache,
    );
    intls.set(speech, intl);
  }
  return intl;
}

const current = new AsyncLocalStorage<Speech>();
let fallback: Speech = 'en';

/** The language of work that runs outside any space (start-up, logs read by people): DEFAULT_LANGUAGE. */
export function setDefaultLanguage(speech: Speech): void {
  fallback = speech;
}

/** Runs `work` speaking `speech`: every t() inside it, however deep, uses that language. */
export function withLanguage<T>(speech: Speech, work: () => T): T {
  return current.run(speech, work);
}

export function currentLanguage(): Speech {
  return current.getStore() ?? fallback;
}

/** The message `key` in the current language, with `values` (already escaped for markdown). */
export function t(key: MessageKey, values?: MessageValues): string {
  const intl = intlOf(currentLanguage());
  if (!(key in intl.messages)) throw new MissingMessageError(`no message "${key}" in ${intl.locale}`);
  return intl.formatMessage({ id: key }, values as Record<string, string | number | Date>, { ignoreTag: true }) as string;
}

/** `key` in `speech`, whatever the current language (a card of another space's language). */
export function tIn(speech: Speech, key: MessageKey, values?: MessageValues): string {
  return withLanguage(speech, () => t(key, values));
}

/** A number as the current language writes it (1,204 · 1 204). */
export function formatNumber(n: number): string {
  return intlOf(currentLanguage()).formatNumber(n);
}

// Dates: always UTC, and said so, so a card reads the same for every admin of a shared space.
// English keeps the unambiguous ISO form the bot has always used (2026-12-04 09:30 UTC); the
// others write them as their speakers do (4. 12. 2026 9:30 UTC · 04.12.2026, 09:30 UTC).
const iso = (d: Date) => d.toISOString();
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(speech: Speech, kind: 'date' | 'dateTime' | 'time' | 'timeSeconds'): Intl.DateTimeFormat {
  const key = `${speech}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      timeZone: 'UTC',
      ...(kind === 'date' || kind === 'dateTime' ? { year: 'numeric', month: 'numeric', day: 'numeric' } : {}),
      ...(kind !== 'date' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      ...(kind === 'timeSeconds' ? { second: '2-digit' } : {}),
    };
    f = new Intl.DateTimeFormat(speech === 'pseudo' ? 'en' : speech, options);
    formats.set(key, f);
  }
  return f;
}
const englishLike = () => currentLanguage() === 'en' || currentLanguage() === 'pseudo';

/** "2026-12-04" · "4. 12. 2026" · "04.12.2026" (a UTC day). */
export function formatDateUtc(d: Date): string {
  return englishLike() ? iso(d).slice(0, 10) : dateFormat(currentLanguage(), 'date').format(d);
}

/** "2026-12-04 09:30 UTC" in the current language. */
export function formatDateTimeUtc(d: Date): string {
  return `${englishLike() ? iso(d).slice(0, 16).replace('T', ' ') : dateFormat(currentLanguage(), 'dateTime').format(d)} UTC`;
}

/** "09:30" or "09:30:07" (UTC, without saying so: the message around it does). */
export function formatTimeUtc(d: Date, seconds = false): string {
  return englishLike() ? iso(d).slice(11, seconds ? 19 : 16) : dateFormat(currentLanguage(), seconds ? 'timeSeconds' : 'time').format(d);
}

/**
 * Runs a scheduled post's work (build the card, send it) in one space's language. Services that
 * post on their own (alerts, failure pushes, the weekly summary, bulk progress) are given one.
 */
export type InSpaceLanguage = <T>(roomId: string, work: () => Promise<T>) => Promise<T>;
/** For services built without one (tests of their own): the current language. */
export const inCurrentLanguage: InSpaceLanguage = (_roomId, work) => work();

/** The name of a weekday ('monday' … 'sunday') as the current language writes it. */
export function weekdayName(day: string): string {
  const index = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].indexOf(day.toLowerCase());
  if (index < 0) return day;
  const speech = currentLanguage();
  // 2026-02-01 was a Sunday.
  const name = new Intl.DateTimeFormat(speech === 'pseudo' ? 'en' : speech, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 1, 1 + index)));
  return speech === 'pseudo' ? pseudoMessage(name) : name;
}
