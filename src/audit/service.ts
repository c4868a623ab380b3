// The audit log as the bot's handlers read and add to it (the store's repository stays below).
import type { AuditInput, AuditRepository } from '../store/audit.js';
import { retryTransient } from '../store/transient.js';

export function createAuditLog(audit: AuditRepository) {
  return {
    latest: (take: number, filter: { orgIds?: readonly string[] } = {}) => audit.latest(take, filter),
    count: () => audit.count(),
    /**
     * Records something that has already happened in the space (e.g. a file posted): a short
     * database outage is waited out, so the entry is not lost and the admin is not told "failed".
     */
    recordDone: (entry: AuditInput) => retryTransient(() => audit.record(entry)),
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
