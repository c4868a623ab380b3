// Retry activation, the durable way: precheck the new email → remember the subscriber's full
// record in the store → remove it in Webex → provision it again with the same user id,
// enterprise, provisioning id, names and package and the new email. Each step is recorded before
// the next starts, so an attempt that failed or died half way resumes where it stopped, and the
// only copy of a subscriber is never the one just deleted in Webex.
import { t } from '../i18n/translate.js';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';
import { isAppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { OPEN_STEPS, type RetryOperation } from '../store/retry-operations.js';
import type { Subscriber } from '../store/subscribers.js';
import { describeFailure, failureDetail, isNotFound } from './errors.js';
import { subscriberRow } from './mirror.js';
import type { ProvisioningBackend, RemoteSubscriber } from './types.js';

export type RetryOutcome =
  | { kind: 'done'; operationId: string; subscriber: Subscriber; email: string }
  | { kind: 'rejected'; reason: string; problems: { code: number; description: string }[] }
  /** `rateLimited`: Webex's rate limit stopped it (nothing acted on); it does not count toward giving up. */
  | { kind: 'failed'; operationId: string; step: string; error: string; rateLimited: boolean }
  /** Failed MAX_RETRY_ATTEMPTS times: no longer resumed (audited, and whoever started it told). */
  | { kind: 'abandoned'; operationId: string; userId: string; step: string; attempts: number; error: string }
  | { kind: 'busy'; reason: string };

/** What the steps came to, short of an unexpected failure (which is thrown and recorded). */
type StepsOutcome =
  | { kind: 'provisioned'; subscriber: RemoteSubscriber }
  | { kind: 'rejected'; reason: string; problems: { code: number; description: string }[] };

/** After this many failed attempts an operation is given up, not resumed every few minutes forever. */
export const MAX_RETRY_ATTEMPTS = 5;
type Busy = Extract<RetryOutcome, { kind: 'busy' }>;

interface Snapshot {
  id: string;
  userId: string;
  spEnterpriseId: string;
  provisioningId: string;
  firstName?: string;
  lastName?: string;
  package: RemoteSubscriber['package'];
  primaryPhoneNumber?: string;
  mobilePhoneNumber?: string;
  extension?: string;
}

export interface RetryDeps {
  backend: ProvisioningBackend;
  store: Store;
  instanceId: string;
  leaseMs?: number;
  /** Tells whoever started a retry that it was given up (a resume in the background has no one to answer). */
  onAbandoned?: (outcome: Extract<RetryOutcome, { kind: 'abandoned' }>, requestedBy: string) => Promise<void>;
}

const LEASE_MS = 5 * 60_000;

function snapshotOf(s: RemoteSubscriber): Snapshot {
  return {
    id: s.id,
    userId: s.userId,
    spEnterpriseId: s.spEnterpriseId,
    provisioningId: s.provisioningId,
    firstName: s.firstName,
    lastName: s.lastName,
    package: s.package,
    primaryPhoneNumber: s.primaryPhoneNumber,
    mobilePhoneNumber: s.mobilePhoneNumber,
    extension: s.extension,
  };
}

export function retryActivation(deps: RetryDeps) {
  const { backend, store, instanceId } = deps;

  /** Runs (or resumes) one operation's remaining steps. Throws only on an unexpected failure. */
  async function runSteps(op: RetryOperation): Promise<StepsOutcome> {
    let current = op;
    if (current.step === 'precheck') {
      const remote = await backend.getSubscriber(current.subscriberId);
      if (!remote) return { kind: 'rejected', reason: t('domain.subscriberGone'), problems: [] };
      const check = await backend.precheckEmail({
        provisioningId: remote.provisioningId,
        userId: remote.userId,
        spEnterpriseId: remote.spEnterpriseId,
        email: current.newEmail,
      });
      if (!check.ok) return { kind: 'rejected', reason: t('domain.emailRejected'), problems: check.errors };
      // The full record is in our store before anything is deleted in Webex.
      current = await store.retryOperations.advance(current.id, { step: 'remove', snapshot: snapshotOf(remote) as unknown as Prisma.InputJsonValue, lastError: null });
    }
    const snap = current.snapshot as unknown as Snapshot;
    if (current.step === 'remove') {
      try {
        await backend.removeSubscriber(snap.id);
      } catch (err) {
        if (!isNotFound(err)) throw err; // already removed by an attempt that died afterwards
      }
      current = await store.retryOperations.advance(current.id, { step: 'provision', lastError: null });
    }
    // step === 'provision': adopt a subscriber an earlier attempt created, else provision.
    for await (const existing of backend.listSubscribers({ userId: snap.userId })) {
      if (existing.id !== snap.id) return { kind: 'provisioned', subscriber: existing };
    }
    const created = await backend.provisionSubscriber({
      provisioningId: snap.provisioningId,
      userId: snap.userId,
      spEnterpriseId: snap.spEnterpriseId,
      firstName: snap.firstName ?? '',
      lastName: snap.lastName ?? '',
      email: current.newEmail,
      package: snap.package,
      primaryPhoneNumber: snap.primaryPhoneNumber,
      mobilePhoneNumber: snap.mobilePhoneNumber,
      extension: snap.extension,
    });
    return { kind: 'provisioned', subscriber: created };
  }

  /**
   * Runs `fn` holding the user's retry lease. The holder is unique per call, so two retries in
   * one process exclude each other as two instances do; the lease is taken before any operation
   * is read or created, so a loser changes nothing.
   */
  async function exclusive<T>(userId: string, fn: () => Promise<T>): Promise<T | Busy> {
    const lease = `retry:${userId}`;
    const holder = `${instanceId}:${randomUUID()}`;
    const ttl = deps.leaseMs ?? LEASE_MS;
    if (!(await store.leases.acquire(lease, holder, ttl))) {
      return { kind: 'busy', reason: t('domain.retryRunning', { userId }) };
    }
    // One Webex call can outlast the lease (timeouts × retries + Retry-After): renew it while
    // working, so no other instance takes over a retry that is still running here.
    const heartbeat = setInterval(() => void store.leases.renew(lease, holder, ttl).catch(() => {}), Math.max(10, Math.floor(ttl / 3)));
    heartbeat.unref();
    try {
      return await fn();
    } finally {
      clearInterval(heartbeat);
      await store.leases.release(lease, holder);
    }
  }

  /** Runs an operation's remaining steps; call it holding the user's lease. */
  async function execute(op: RetryOperation, actor: string): Promise<RetryOutcome> {
    let steps: StepsOutcome;
    try {
      steps = await runSteps(op);
    } catch (err) {
      // The record and the audit keep the whole failure (for operators); the admin reads our words.
      // A 429 that outlasted the client's Retry-After waits is Webex saying "not now", not a failure of this retry.
      const rateLimited = isAppError(err, 'webex_rate_limited');
      const failed = await store.retryOperations.noteFailure(op.id, failureDetail(err), { counts: !rateLimited });
      if (failed.attempts >= MAX_RETRY_ATTEMPTS) return abandon(failed, actor, err);
      await store.audit.record({ actor, action: 'user.retry', result: 'error', target: op.userId, detail: { operationId: op.id, step: failed.step, error: failureDetail(err) } });
      return { kind: 'failed', operationId: op.id, step: failed.step, error: describeFailure(err), rateLimited };
    }
    switch (steps.kind) {
      case 'rejected': {
        const { reason, problems } = steps;
        await store.retryOperations.advance(op.id, { step: 'failed', lastError: reason });
        await store.audit.record({ actor, action: 'user.retry', result: 'error', target: op.userId, detail: { operationId: op.id, email: op.newEmail, reason, problems } });
        return { kind: 'rejected', reason, problems };
      }
      case 'provisioned': {
        const created = steps.subscriber;
        await store.retryOperations.advance(op.id, { step: 'done', newSubscriberId: created.id, lastError: null });
      await store.subscribers.remove(op.subscriberId);
      await store.subscribers.upsertMany([subscriberRow(created)]);
      const row = (await store.subscribers.get(created.id))!;
      await store.audit.record({ actor, action: 'user.retry', result: 'ok', target: op.userId, detail: { operationId: op.id, email: op.newEmail, newSubscriberId: created.id } });
        return { kind: 'done', operationId: op.id, subscriber: row, email: op.newEmail };
      }
      default:
        return steps satisfies never;
    }
  }

  /**
   * Gives an operation up after MAX_RETRY_ATTEMPTS failures: it leaves the open steps (no instance
   * resumes it again), the audit says so, and whoever started it is told. Its snapshot is kept, so
   * an operator can still see (and re-create) the subscriber it removed.
   */
  async function abandon(op: RetryOperation, actor: string, err: unknown): Promise<RetryOutcome> {
    await store.retryOperations.advance(op.id, { step: 'abandoned', lastError: failureDetail(err) });
    await store.audit.record({
      actor,
      action: 'user.retry',
      result: 'error',
      target: op.userId,
      detail: { operationId: op.id, step: op.step, attempts: op.attempts, abandoned: true, error: failureDetail(err) },
    });
    const outcome = { kind: 'abandoned' as const, operationId: op.id, userId: op.userId, step: op.step, attempts: op.attempts, error: describeFailure(err) };
    await deps.onAbandoned?.(outcome, op.requestedBy).catch(() => {});
    return outcome;
  }

  return {
    /**
     * Retries `subscriberId` with `newEmail`. An unfinished attempt for the same BroadWorks user
     * is resumed instead (with its own email once the subscriber has been removed).
     */
    async start(subscriberId: string, newEmail: string, actor: string): Promise<RetryOutcome> {
      const mirrored = await store.subscribers.get(subscriberId);
      const remote = mirrored ? null : await backend.getSubscriber(subscriberId);
      // An unfinished attempt may have removed it from Webex, and a full sync from the mirror.
      const unfinished = mirrored || remote ? undefined : (await store.retryOperations.listOpen()).find((o) => o.subscriberId === subscriberId);
      const userId = mirrored?.userId ?? remote?.userId ?? unfinished?.userId;
      if (!userId) return { kind: 'rejected', reason: t('domain.noSuchSubscriber'), problems: [] };
      return exclusive(userId, async () => {
        const open = await store.retryOperations.openForUser(userId);
        if (open) {
          // Before the removal a newer email simply replaces the old attempt; after it, the
          // attempt must finish with the email it started with.
          const superseded = open.step === 'precheck' && open.newEmail !== newEmail.toLowerCase();
          if (!superseded) return execute(open, actor);
          await store.retryOperations.advance(open.id, { step: 'failed', lastError: 'Superseded by a newer retry.' });
        }
        const op = await store.retryOperations.create({ subscriberId, userId, newEmail: newEmail.toLowerCase(), requestedBy: actor });
        return execute(op, actor);
      });
    },

    /** Whether an attempt for this subscriber stopped half way (it may be gone from Webex meanwhile). */
    async unfinishedFor(subscriberId: string): Promise<boolean> {
      return (await store.retryOperations.listOpen()).some((o) => o.subscriberId === subscriberId);
    },

    /** Resumes every unfinished operation (at start-up, and periodically). */
    async resumeOpen(actor = 'system'): Promise<RetryOutcome[]> {
      const outcomes: RetryOutcome[] = [];
      for (const op of await store.retryOperations.listOpen()) {
        const outcome = await exclusive(op.userId, async () => {
          // Another instance may have finished it since the listing: never run a stale copy.
          const current = await store.retryOperations.get(op.id);
          return current && (OPEN_STEPS as string[]).includes(current.step) ? execute(current, actor) : null;
        });
        if (outcome) outcomes.push(outcome);
      }
      return outcomes;
    },
  };
}
export type RetryActivation = ReturnType<typeof retryActivation>;
