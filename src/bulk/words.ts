// The words bulk jobs use in their progress messages and result cards.
import type { BulkCounts, BulkKind } from '../store/bulk-jobs.js';

/** The button that started a job of this kind, as the admin saw it. */
export const KIND_BUTTON: Record<BulkKind, string> = { retry: 'Retry all', remove: 'Remove all', consent: 'Send consent emails' };

export function countsLine(counts: BulkCounts): string {
  const total = counts.pending + counts.running + counts.done + counts.failed + counts.skipped;
  const finished = counts.done + counts.failed + counts.skipped;
  return `${finished} of ${total} handled: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped`;
}
