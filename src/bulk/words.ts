// The words bulk jobs use for their kinds and states (cards, progress messages, the CSV).
import type { BulkCounts, BulkKind } from '../store/bulk-jobs.js';

export const KIND_WORDS: Record<BulkKind, { verb: string; done: string; button: string }> = {
  retry: { verb: 'Retry the activation of', done: 'retried', button: 'Retry all' },
  remove: { verb: 'Remove', done: 'removed', button: 'Remove all' },
  consent: { verb: 'Send the consent email to', done: 'sent the consent email', button: 'Send consent emails' },
};

export function statusWords(status: string): string {
  return status.replace(/_/g, ' ');
}

export function countsLine(counts: BulkCounts): string {
  const total = counts.pending + counts.running + counts.done + counts.failed + counts.skipped;
  const finished = counts.done + counts.failed + counts.skipped;
  return `${finished} of ${total} handled: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped`;
}
