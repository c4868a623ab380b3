// One item of a bulk job: the subscriber re-read from Webex, compared with what the preview
// showed, then the action, once. Every expected outcome is a value; only the unexpected throws.
import type { BulkJob, BulkJobItem, BulkKind } from '../store/bulk-jobs.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Subscriber } from '../store/subscribers.js';
import type { Store } from '../store/index.js';
import { statusLabel } from '../cards/index.js';

export type ItemOutcome = { state: 'done' | 'failed' | 'skipped'; reason: string | null } | { state: 'later'; reason: string };

const done = (reason: string | null = null): ItemOutcome => ({ state: 'done', reason });
const failed = (reason: string): ItemOutcome => ({ state: 'failed', reason });
const skipped = (reason: string): ItemOutcome => ({ state: 'skipped', reason });

export interface ItemDeps {
  provisioning: ProvisioningService;
  store: Store;
}

/** The subscriber as Webex has it now if it is still what the preview showed; else why not. */
async function unchanged(deps: ItemDeps, item: BulkJobItem): Promise<Subscriber | ItemOutcome> {
  const current = await deps.provisioning.currentSubscriber(item.subscriberId);
  switch (current.kind) {
    case 'unreachable':
      // Webex's rate limit is not a failure of this item: it waits its turn again, nothing done.
      if (current.rateLimited) return { state: 'later', reason: current.reason };
      return failed(`Webex did not answer, so nothing was done. ${current.reason}`);
    case 'gone':
      return skipped('No longer in Webex (removed since the preview).');
    case 'current': {
      const s = current.subscriber;
      if (s.status !== item.shownStatus) return skipped(`Changed since the preview: now ${statusLabel(s.status)}.`);
      if (s.package !== item.shownPackage) return skipped(`Changed since the preview: package is now ${s.package}.`);
      if ((s.email ?? null) !== item.email) return skipped('Changed since the preview: the email is different now.');
      return s;
    }
    default:
      return current satisfies never;
  }
}

/**
 * An item whose earlier claim ended without a record (its runner died): what happened before the
 * crash is read back, so nothing is done twice.
 */
async function afterCrash(deps: ItemDeps, job: BulkJob, item: BulkJobItem, kind: BulkKind): Promise<ItemOutcome | null> {
  switch (kind) {
    case 'retry': {
      const op = await deps.store.retryOperations.latestFor(item.subscriberId, job.startedAt ?? job.createdAt);
      if (!op) return null; // the retry never started: do it now
      if (op.step === 'done') return done('Retried (finished before a restart).');
      if (op.step === 'failed' || op.step === 'abandoned') return failed(op.lastError ?? 'The retry failed.');
      return null; // unfinished: start() resumes that operation, not a new one
    }
    case 'remove': {
      const current = await deps.provisioning.currentSubscriber(item.subscriberId);
      return current.kind === 'gone' ? done('Removed (before a restart).') : null;
    }
    case 'consent':
      // Webex keeps no trace we can read: sending again could mail the user twice.
      return skipped('Interrupted by a restart: the consent email may have been sent; it is not sent twice. Send it from the user card if needed.');
    default:
      return kind satisfies never;
  }
}

export async function runItem(deps: ItemDeps, job: BulkJob, item: BulkJobItem): Promise<ItemOutcome> {
  const kind = job.kind as BulkKind;
  if (item.attempts > 1) {
    const before = await afterCrash(deps, job, item, kind);
    if (before) return before;
  }
  const resuming = kind === 'retry' && (await deps.provisioning.retry.unfinishedFor(item.subscriberId));
  const subscriber = resuming ? null : await unchanged(deps, item);
  if (subscriber && !('id' in subscriber)) return subscriber;
  switch (kind) {
    case 'retry': {
      const email = subscriber?.email ?? item.email;
      if (!email) return skipped('No email to retry with: use Retry activation on the user card and enter one.');
      const outcome = await deps.provisioning.retry.start(item.subscriberId, email, job.requestedBy);
      switch (outcome.kind) {
        case 'done':
          return done();
        case 'rejected':
          return failed([outcome.reason, ...outcome.problems.map((p) => `${p.code}: ${p.description}`)].join(' '));
        case 'busy':
          // Another runner (or one that died, until its lease expires) is retrying this user: wait.
          return { state: 'later', reason: outcome.reason };
        case 'failed':
          // Stopped by Webex's rate limit: the operation stays open and resumes on the item's next turn.
          if (outcome.rateLimited) return { state: 'later', reason: outcome.error };
          return failed(`Stopped at the ${outcome.step} step: ${outcome.error}`);
        case 'abandoned':
          return failed(`Given up after ${outcome.attempts} attempts: ${outcome.error}`);
        default:
          return outcome satisfies never;
      }
    }
    case 'remove':
      await deps.provisioning.removeSubscriber(subscriber!, job.requestedBy);
      return done();
    case 'consent':
      if (subscriber!.status !== 'pending_user_migration') return skipped(`Not waiting for consent any more (now ${statusLabel(subscriber!.status)}).`);
      await deps.provisioning.sendConsentEmail(subscriber!, job.requestedBy);
      return done();
    default:
      return kind satisfies never;
  }
}
