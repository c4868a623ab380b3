// The words bulk jobs use in their progress messages and result cards.
import { t, type MessageKey } from '../i18n/translate.js';
import type { BulkCounts, BulkKind } from '../store/bulk-jobs.js';

/** The button that started a job of this kind, as the admin saw it. */
const KIND_KEYS: Record<BulkKind, MessageKey> = { retry: 'bulk.button.retry', remove: 'bulk.button.remove', consent: 'bulk.button.consent' };
/** The job's kind as its button says it, in the current language. */
export const kindButton = (kind: BulkKind): string => t(KIND_KEYS[kind]);

export function countsLine(counts: BulkCounts): string {
  const total = counts.pending + counts.running + counts.done + counts.failed + counts.skipped;
  const finished = counts.done + counts.failed + counts.skipped;
  return t('bulk.countsLine', { finished, total, done: counts.done, failed: counts.failed, skipped: counts.skipped });
}
