// The filter words shared by `users` and `export`: parsed, never guessed. Whatever is not
// understood is reported back so the admin can fix the command.
import { t } from '../i18n/translate.js';
import { PENDING_OR_ERROR, PENDING_STATUSES, SUBSCRIBER_STATUSES } from '../provisioning/types.js';
import type { SubscriberFilter } from '../store/subscribers.js';
import type { SubscriberStatus } from '../provisioning/types.js';
import type { UsersFilter } from '../cards/index.js';

/** The list filter, in the shape the users card carries back in its buttons. */
export type ListFilter = UsersFilter;

const PENDING: SubscriberStatus[] = [...PENDING_STATUSES];
const STATUS_WORDS: Record<string, SubscriberStatus[]> = {
  error: ['error'],
  errors: ['error'],
  errored: ['error'],
  pending: PENDING,
  provisioning: ['provisioning'],
  updating: ['updating'],
  provisioned: ['provisioned'],
  ...Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, [s]])),
};

export type FilterParse = { ok: true; filter: ListFilter } | { ok: false; problem: string };

/**
 * `statuses: false` (e.g. `errors`, whose cause decides the statuses): only `enterprise <id>` and
 * `find <text>` are understood, and `unknown` says what to use instead.
 */
export function parseListFilter(words: string[], options: { statuses?: boolean; unknown?: (word: string) => string } = {}): FilterParse {
  const withStatuses = options.statuses ?? true;
  const filter: ListFilter = { includeProvisioned: false, statuses: [], enterprise: null, text: null };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.toLowerCase();
    if (withStatuses && word === 'all') {
      filter.includeProvisioned = true;
    } else if (withStatuses && Object.hasOwn(STATUS_WORDS, word)) {
      // hasOwn: "constructor" or "toString" must be an unknown word, not Object.prototype's.
      for (const s of STATUS_WORDS[word]!) if (!filter.statuses.includes(s)) filter.statuses.push(s);
    } else if (word === 'enterprise') {
      const id = words[i + 1];
      if (!id) return { ok: false, problem: t('filter.whichEnterprise') };
      filter.enterprise = id;
      i++;
    } else if (word === 'find') {
      const text = words.slice(i + 1).join(' ').trim();
      if (!text) return { ok: false, problem: t('filter.whatToFind') };
      filter.text = text.slice(0, 100);
      break;
    } else if (options.unknown) {
      return { ok: false, problem: options.unknown(words[i]!) };
    } else {
      return { ok: false, problem: t('filter.unknown', { word: words[i]! }) };
    }
  }
  return { ok: true, filter };
}

/** The store filter: the chosen statuses, or pending + errored (+ provisioned with `all`). */
export function toSubscriberFilter(f: ListFilter): SubscriberFilter {
  const statuses = f.statuses.length > 0 ? f.statuses : f.includeProvisioned ? [...SUBSCRIBER_STATUSES] : PENDING_OR_ERROR;
  return { statuses, enterpriseId: f.enterprise ?? undefined, text: f.text ?? undefined };
}

/** Back to words, for buttons that repeat a list (paging, export) and for the card's summary. */
export function describeFilter(f: ListFilter): string {
  return [
    f.includeProvisioned ? 'all' : '',
    ...f.statuses,
    f.enterprise ? `enterprise ${f.enterprise}` : '',
    f.text ? `find ${f.text}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
