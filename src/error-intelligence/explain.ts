// An error explained: the catalogue's entry (or none), the org's own note, and what can be done.
// Everything here is our wording or an admin's; the raw Webex text is kept apart by the callers.
import { codeKey } from './cause.js';
import { entryWords, lookup, type CatalogueEntry, type FixAction, type RetryKind } from './catalogue.js';
import { t } from '../i18n/translate.js';

export interface OrgNote {
  text: string;
  writtenBy: string;
  writtenAt: Date;
}

export interface Explanation {
  /** In the catalogue (or explained by an admin): false means the raw text is all we have. */
  known: boolean;
  /** Short form (lists, digests, CSV). */
  title: string;
  cause: string | null;
  fix: string | null;
  retry: RetryKind | 'unknown';
  action: FixAction | null;
  help: string | null;
  source: 'cisco' | 'ours' | 'org' | 'unknown';
  entryId: string | null;
  /** The admins' own explanation for this code, with who wrote it. */
  note: OrgNote | null;
}

/** An org's notes by code (upper-case). */
export type OrgNotes = ReadonlyMap<string, OrgNote>;

function fromEntry(entry: CatalogueEntry, note: OrgNote | null): Explanation {
  const words = entryWords(entry);
  return {
    known: true,
    title: words.title,
    cause: words.cause,
    fix: words.fix,
    retry: entry.retry,
    action: entry.action ?? null,
    help: entry.help ?? null,
    source: entry.source,
    entryId: entry.id,
    note,
  };
}

/** Explains an error (a code and/or its description) for an org with these notes. */
export function explainError(code: string | number | null | undefined, description: string | null | undefined, notes: OrgNotes = new Map()): Explanation {
  const key = codeKey(code);
  const note = key !== null ? (notes.get(key) ?? null) : null;
  const entry = lookup(key, description);
  if (entry) return fromEntry(entry, note);
  if (note) {
    return { known: true, title: note.text.length > 80 ? `${note.text.slice(0, 79)}…` : note.text, cause: null, fix: null, retry: 'unknown', action: null, help: null, source: 'org', entryId: null, note };
  }
  return { known: false, title: t('explain.notInCatalogue'), cause: null, fix: null, retry: 'unknown', action: null, help: null, source: 'unknown', entryId: null, note: null };
}

/**
 * The states a list, a user card or the CSV explains: an error, or waiting for the user's consent
 * (other pending states are explained only where they are shown as stuck: the failure push).
 */
export const EXPLAINED_STATUSES: ReadonlySet<string> = new Set(['error', 'pending_user_migration']);

/** Explains a subscriber's state: its error, or (pending too long / waiting for consent) its status. */
export function explainSubscriber(s: { status: string; errorCode: number | null; errorText: string | null }, notes?: OrgNotes): Explanation {
  if (s.status === 'error') return explainError(s.errorCode, s.errorText, notes);
  return explainError(s.status, null, notes);
}

/** Can a plain retry succeed (now, or once the cause is fixed)? Bulk Retry all is offered only then. */
export const retryCanHelp = (e: Explanation): boolean => e.retry === 'yes' || e.retry === 'after-fix';

/** One line for lists and digests: the short form, and the org's note when there is one. */
export function shortExplanation(e: Explanation): string {
  if (!e.known) return `${t('explain.notInCatalogue')}.`;
  return e.note && e.source !== 'org' ? t('explain.withOrgNote', { title: e.title, note: e.note.text }) : `${e.title}.`;
}
