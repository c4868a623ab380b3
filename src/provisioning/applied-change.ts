// Every change goes to Webex first; what follows — the mirror, the settings history, the audit
// entry — is recorded even through a short database outage (a restart, a failover). If it still
// cannot be recorded, the admin is told that Webex made the change, never that it failed.
import { saidError } from './errors.js';
import type { Store } from '../store/index.js';
import { isTransientDatabaseError, retryTransient, type TransientRetryOptions } from '../store/transient.js';
import { failureDetail } from './errors.js';

export interface ChangeAudit {
  actor: string;
  action: string;
  target?: string;
  roomId?: string;
  detail?: Record<string, unknown>;
}

export function appliedChanges(store: Store, retry: TransientRetryOptions = {}, orgId?: string) {
  const audit = (a: ChangeAudit, result: 'ok' | 'error', extra: Record<string, unknown> = {}) =>
    store.audit.record({ actor: a.actor, action: a.action, target: a.target, roomId: a.roomId, orgId, result, detail: { ...a.detail, ...extra } as never });

  /** Records what follows a change Webex already made: retried through outages, then reported as made. */
  async function afterChange<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await retryTransient(work, retry);
    } catch (err) {
      if (!isTransientDatabaseError(err)) throw err;
      throw saidError('applied_not_recorded', 'failure.appliedNotRecorded');
    }
  }

  return {
    afterChange,

    /**
     * Runs `change` (the Webex call), then `record` with its result, then audits it (the target
     * and part of the detail may come from the result). A failed change is audited as an error and thrown as it is.
     */
    async apply<T, R>(
      a: ChangeAudit & { targetOf?: (value: T) => string; detailOf?: (value: T) => Record<string, unknown> },
      change: () => Promise<T>,
      record: (value: T) => Promise<R>,
    ): Promise<R> {
      let value: T;
      try {
        value = await change();
      } catch (err) {
        // The admin needs Webex's answer, not the database's, if the audit entry cannot be written.
        await retryTransient(() => audit(a, 'error', { error: failureDetail(err) }), retry).catch(() => {});
        throw err;
      }
      // Record and audit are retried together (each step is idempotent): one retry loop, not two nested.
      return afterChange(async () => {
        const recorded = await record(value);
        await audit({ ...a, target: a.targetOf?.(value) ?? a.target, detail: { ...a.detail, ...a.detailOf?.(value) } }, 'ok');
        return recorded;
      });
    },
  };
}
export type AppliedChanges = ReturnType<typeof appliedChanges>;
