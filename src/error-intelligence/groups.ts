// Failing subscribers grouped by cause: rows counted per raw cause by the database are merged by
// cause key (same code, or same description once per-user details are taken out), explained, and
// ordered biggest first.
import { t } from '../i18n/translate.js';
import type { CauseRow, CauseSelector } from '../store/subscribers.js';
import { causeKey } from './cause.js';
import { explainError, explainSubscriber, type Explanation, type OrgNotes } from './explain.js';

export interface CauseGroup {
  key: string;
  /** Which subscribers belong to it (to list or act on them later, re-read from the store). */
  selector: CauseSelector;
  count: number;
  /** Enterprises affected, most affected first. */
  enterprises: { id: string; n: number }[];
  oldest: Date;
  newest: Date;
  explanation: Explanation;
  /** "Error 10022", or the status, for the card (in the current language). */
  codeLabel: string;
  /** The raw error code ("10022"), null for a status or an error without one (what `explain` takes). */
  code: string | null;
  /** The most frequent raw text (what Webex said), for the card. */
  sampleText: string | null;
}

function keyOf(row: CauseRow): string {
  if (row.status !== 'error') return `status:${row.status}`;
  return causeKey(row.errorCode, row.errorText);
}

export function groupCauses(rows: readonly CauseRow[], notes: OrgNotes): CauseGroup[] {
  const byKey = new Map<string, { rows: CauseRow[] }>();
  for (const row of rows) {
    const key = keyOf(row);
    const g = byKey.get(key) ?? { rows: [] };
    g.rows.push(row);
    byKey.set(key, g);
  }
  const groups: CauseGroup[] = [];
  for (const [key, { rows: members }] of byKey) {
    const first = members[0]!;
    const enterprises = new Map<string, number>();
    const texts = new Map<string, number>();
    let count = 0;
    let oldest = first.oldest;
    let newest = first.newest;
    for (const r of members) {
      count += r.n;
      enterprises.set(r.spEnterpriseId, (enterprises.get(r.spEnterpriseId) ?? 0) + r.n);
      texts.set(r.errorText ?? '', (texts.get(r.errorText ?? '') ?? 0) + r.n);
      if (r.oldest < oldest) oldest = r.oldest;
      if (r.newest > newest) newest = r.newest;
    }
    const sampleText = [...texts].sort((a, b) => b[1] - a[1])[0]![0] || null;
    const selector: CauseSelector =
      first.status !== 'error'
        ? { kind: 'status', status: first.status }
        : first.errorCode !== null
          ? { kind: 'code', errorCode: first.errorCode }
          : { kind: 'texts', texts: [...texts.keys()] };
    const explanation = first.status === 'error' ? explainError(first.errorCode, sampleText, notes) : explainSubscriber(first, notes);
    groups.push({
      key,
      selector,
      count,
      enterprises: [...enterprises].map(([id, n]) => ({ id, n })).sort((a, b) => b.n - a.n || a.id.localeCompare(b.id)),
      oldest,
      newest,
      explanation,
      codeLabel: first.status !== 'error' ? t(`status.${first.status}`) : first.errorCode !== null ? t('errors.codeLabel', { code: first.errorCode }) : t('errors.codeNone'),
      code: first.status === 'error' && first.errorCode !== null ? String(first.errorCode) : null,
      sampleText,
    });
  }
  // Biggest first; ties by key, so the order is stable from one answer to the next.
  return groups.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
