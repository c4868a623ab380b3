// Activation emails: the org-wide job (asynchronous in Webex: started, then polled with backoff)
// and one user's email. Each one-user email is recorded as a reminder, and Webex's 24-hour rule
// is applied before asking (free → paid conversions are always notified).
import { t } from '../i18n/translate.js';
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { AppliedChanges } from './applied-change.js';
import type { Person } from '../store/people.js';
import { describeFailure } from './errors.js';
import type { ActivationEmailError, ActivationEmailJob, ProvisioningBackend, SingleEmailResult } from './types.js';

const DAY_MS = 86_400_000;
const FINISHED = new Set(['COMPLETED', 'FAILED', 'ABANDONED', 'UNKNOWN']);
export const SUPPRESSION_CODE = 'ATLAS-600199';
/** Longer than one send and its records take; a crashed holder blocks the person no longer. */
const SEND_LEASE_MS = 2 * 60_000;

export interface JobOutcome {
  job: ActivationEmailJob;
  errors: ActivationEmailError[];
  /** False when we stopped waiting before Webex finished. */
  finished: boolean;
}

export type OneEmailOutcome = SingleEmailResult & { email: string; reason?: string };

export interface ActivationEmailDeps {
  backend: ProvisioningBackend;
  store: Store;
  changes: AppliedChanges;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Observes each one-user email's outcome (metrics). */
  onEmail?: (outcome: OneEmailOutcome['outcome']) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function activationEmails(deps: ActivationEmailDeps) {
  const { backend, store, changes } = deps;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? defaultSleep;

  async function recordReminder(person: Person, actor: string, roomId: string | undefined, result: OneEmailOutcome) {
    await store.reminders.record({
      personId: person.id,
      email: person.email,
      requestedBy: actor,
      requestedAt: now(),
      roomId: roomId ?? null,
      outcome: result.outcome,
      jobId: null,
      errorCode: result.outcome === 'sent' ? null : result.code,
      errorText: result.outcome === 'sent' ? null : result.description,
      // The person's own org (partner mode: people are mirrored per org).
      orgId: person.orgId,
    });
  }

  return {
    /** Starts the org-wide job: Webex emails every eligible user. */
    async startAll(actor: string): Promise<ActivationEmailJob> {
      return changes.apply(
        { actor, action: 'emails.sendAll', targetOf: (job) => job.id },
        () => backend.startActivationEmailJob(),
        async (job) => job,
      );
    },

    /** Polls the job with backoff (1 s, 2 s, 4 s … capped at 10 s) until it ends or maxWaitMs passes. */
    /** The job as Webex has it now, with its errors once it has ended (no waiting). */
    job(jobId: string): Promise<JobOutcome> {
      return this.waitForJob(jobId, 0);
    },

    async waitForJob(jobId: string, maxWaitMs = 5 * 60_000): Promise<JobOutcome> {
      const deadline = Date.now() + maxWaitMs;
      let delay = 1_000;
      let job = await backend.getActivationEmailJob(jobId);
      while (!FINISHED.has(job.latestExecutionStatus) && Date.now() + delay <= deadline) {
        await sleep(delay);
        delay = Math.min(delay * 2, 10_000);
        job = await backend.getActivationEmailJob(jobId);
      }
      const finished = FINISHED.has(job.latestExecutionStatus);
      const errors = finished && job.counts.userResendInviteFailed + job.counts.userResendInviteSkipped > 0 ? await backend.getActivationEmailJobErrors(jobId, 100) : [];
      return { job, errors, finished };
    },

    /**
     * One user's activation email. Not re-sent within 24 hours of the last one we sent (Webex
     * would suppress it anyway: we say so), except to users converted from free to paid.
     */
    async sendOne(person: Person, actor: string, roomId?: string): Promise<OneEmailOutcome> {
      // One send per person at a time, across instances: without the lease two clicks (or two
      // instances) could both find no recent email and both send.
      const lease = `email:${person.id}`;
      const holder = `${actor}#${randomUUID()}`;
      if (!(await store.leases.acquire(lease, holder, SEND_LEASE_MS, now()))) {
        return {
          outcome: 'suppressed',
          personId: person.id,
          email: person.email,
          code: SUPPRESSION_CODE,
          description: t('domain.emailInFlight'),
        };
      }
      try {
        return await sendOneHeld(person, actor, roomId);
      } finally {
        await store.leases.release(lease, holder).catch(() => {});
      }
    },
  };

  /** sendOne's work, holding the person's send lease. */
  async function sendOneHeld(person: Person, actor: string, roomId?: string): Promise<OneEmailOutcome> {
      const at = now();
      const recent = person.convertedToPaidAt ? null : await store.reminders.lastSentSince(person.id, new Date(at.getTime() - DAY_MS));
      let result: OneEmailOutcome;
      if (recent) {
        const hours = Math.max(1, Math.ceil((recent.requestedAt.getTime() + DAY_MS - at.getTime()) / 3_600_000));
        result = {
          outcome: 'suppressed',
          personId: person.id,
          email: person.email,
          code: SUPPRESSION_CODE,
          description: t('domain.emailedRecently', { hours }),
        };
      } else {
        try {
          result = { ...(await backend.sendActivationEmail(person.id)), email: person.email };
        } catch (err) {
          result = { outcome: 'error', personId: person.id, email: person.email, code: 'error', description: describeFailure(err) };
        }
      }
      deps.onEmail?.(result.outcome);
      await changes.afterChange(async () => {
        await recordReminder(person, actor, roomId, result);
        await store.audit.record({
          actor,
          roomId,
          action: 'emails.sendOne',
          result: result.outcome === 'error' ? 'error' : 'ok',
          target: person.email,
          detail: { outcome: result.outcome, ...(result.outcome !== 'sent' ? { code: result.code, description: result.description } : {}) },
        });
      });
      return result;
  }
}
export type ActivationEmails = ReturnType<typeof activationEmails>;
