// Pieces of view models several cards share.
import { t } from '../i18n/translate.js';
import { escapeMarkdown } from './escape.js';

/**
 * Client-side hint for email inputs (the bot re-checks with zod's z.email()). No `\p{…}`: the
 * renderer builds the RegExp without the `u` flag (NOTES.md §5).
 */
export const EMAIL_INPUT_REGEX = '^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$';

export interface Fact {
  title: string;
  value: string;
}

/** A FactSet row; the value is escaped here (FactSet values are rendered as markdown). */
export function fact(title: string, value: unknown, maxChars = 200): Fact {
  const escaped = escapeMarkdown(value, maxChars);
  return { title, value: escaped || '—' };
}

/** "12 more users not shown." — or '' when nothing was left out. */
/** What a "N more … not shown." note counts. */
export type MoreOf = 'command' | 'error' | 'template' | 'userOnPage' | 'user' | 'smallerCause' | 'entry';

export function moreNote(hidden: number, what: MoreOf): string {
  if (hidden <= 0) return '';
  return t(`more.${what}`, { n: hidden });
}

/** Keeps the first `max` items and says how many were left out. */
export function capRows<T>(items: readonly T[], max: number): { shown: T[]; hidden: number } {
  return { shown: items.slice(0, max), hidden: Math.max(0, items.length - max) };
}
