// The durable retry-activation through the real provisioning service, on both backends: it is
// made to fail (or die) after each step, and the next attempt must finish it with the
// subscriber's data intact. At every removal, the store must already hold the full record.
import { AppError } from '../../src/errors.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RETRY_ATTEMPTS, retryActivation, type RetryOutcome } from '../../src/provisioning/retry-activation.js';
import type { ProvisioningBackend } from '../../src/provisioning/types.js';
import { crashingBackend, type CrashPlan } from './crashing-backend.js';
import { expectedRemote, JANE, MIHAI_SUB } from './fixture.js';
import { BACKEND_KINDS, collect, openWorld, type World } from './worlds.js';

const ADMIN = 'admin@example.com';
const NEW_EMAIL = 'mihai.stan@acme-mail.example';

/** What must survive the retry, whatever happens: all but the email (and the Webex id). */
const KEPT = {
  userId: MIHAI_SUB.userId,
  spEnterpriseId: MIHAI_SUB.spEnterpriseId,
  provisioningId: MIHAI_SUB.provisioningId,
  firstName: MIHAI_SUB.firstName,
  lastName: MIHAI_SUB.lastName,
  package: MIHAI_SUB.package,
  primaryPhoneNumber: MIHAI_SUB.primaryPhoneNumber,
  extension: MIHAI_SUB.extension,
};

const CRASH_POINTS: { after: string; plan: CrashPlan; stepLeft: string }[] = [
  { after: 'the precheck (snapshot not stored yet)', plan: { method: 'precheckEmail', when: 'after' }, stepLeft: 'precheck' },
  { after: 'storing the snapshot (remove not sent)', plan: { method: 'removeSubscriber', when: 'before' }, stepLeft: 'remove' },
  { after: 'the removal in Webex (not recorded)', plan: { method: 'removeSubscriber', when: 'after' }, stepLeft: 'remove' },
  { after: 'provisioning in Webex (not recorded)', plan: { method: 'provisionSubscriber', when: 'after' }, stepLeft: 'provision' },
];

describe.each(BACKEND_KINDS)('retry activation over the %s backend', (kind) => {
  let w: World;
  /** What the store held at each removal in Webex. */
  let atRemoval: { step?: string; snapshot?: unknown; mirrored: boolean }[];

  beforeAll(async () => {
    w = await openWorld(kind);
  });
  afterAll(() => w.close());
  beforeEach(async () => {
    await w.reset();
    await w.mirrorFixture();
    atRemoval = [];
  });

  /** Records the store's state just before any removal reaches the backend. */
  const watchRemovals = async (method: string) => {
    if (method !== 'removeSubscriber') return;
    const op = await w.db.store.retryOperations.openForUser(MIHAI_SUB.userId);
    atRemoval.push({ step: op?.step, snapshot: op?.snapshot, mirrored: (await w.db.store.subscribers.get(MIHAI_SUB.id)) !== null });
  };
  const watched = (plan: CrashPlan | null) => crashingBackend(w.backend, plan, watchRemovals);
  const inWebex = (backend: ProvisioningBackend = w.backend) => collect(backend.listSubscribers({ userId: MIHAI_SUB.userId }));

  /** The subscriber was re-provisioned once, with everything kept and the new email, and mirrored. */
  async function expectCompleted(outcome: RetryOutcome, email = NEW_EMAIL) {
    expect(outcome).toMatchObject({ kind: 'done', email, subscriber: { ...KEPT, email } });
    const remote = await inWebex();
    expect(remote).toHaveLength(1);
    expect(remote[0]).toMatchObject({ ...KEPT, email });
    if (outcome.kind !== 'done') return;
    expect(outcome.subscriber.id).toBe(remote[0]!.id);
    expect(await w.db.store.subscribers.findByUserIdOrEmail(MIHAI_SUB.userId)).toEqual([outcome.subscriber]);
    expect(await w.db.store.retryOperations.get(outcome.operationId)).toMatchObject({ step: 'done', newSubscriberId: remote[0]!.id });
    expect(await w.db.store.retryOperations.listOpen()).toEqual([]);
    // Never was the deleted Webex record the only copy: the snapshot was stored before each removal.
    expect(atRemoval.length).toBeGreaterThan(0);
    for (const seen of atRemoval) expect(seen).toMatchObject({ step: 'remove', snapshot: { id: MIHAI_SUB.id, ...KEPT }, mirrored: true });
  }

  it('completes in one go when nothing fails', async () => {
    const outcome = await w.service('instance-a', watched(null).backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    await expectCompleted(outcome);
    expect(await w.db.store.audit.latest(5, { action: 'user.retry' })).toMatchObject([{ actor: ADMIN, result: 'ok', target: MIHAI_SUB.userId }]);
  });

  describe.each(CRASH_POINTS)('failing right after $after', ({ plan, stepLeft }) => {
    it.each(['starting it again', 'resuming open operations on another instance'])('is completed by %s', async (how) => {
      const crashing = watched(plan);
      const first = await w.service('instance-a', crashing.backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
      expect(crashing.crashed()).toBe(true);
      // The admin reads our words; the operation record and the audit keep the failure itself.
      expect(first).toMatchObject({ kind: 'failed', step: stepLeft, error: 'Something unexpected went wrong in the bot; the details are in its log.' });
      const [failure] = await w.db.store.audit.latest(1, { action: 'user.retry' });
      expect((failure!.detail as { error: string }).error).toMatch(/simulated crash/);

      // Meanwhile the record is in Webex, or (once removal began) in the stored snapshot.
      const op = (await w.db.store.retryOperations.openForUser(MIHAI_SUB.userId))!;
      expect(op).toMatchObject({ step: stepLeft, attempts: 1, newEmail: NEW_EMAIL });
      if (stepLeft === 'precheck') expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toEqual(expectedRemote(MIHAI_SUB));
      else expect(op.snapshot).toMatchObject({ id: MIHAI_SUB.id, ...KEPT });

      const next = watched(null);
      const outcome =
        how === 'starting it again'
          ? await w.service('instance-a', next.backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN)
          : (await w.service('instance-b', next.backend).retry.resumeOpen())[0]!;
      await expectCompleted(outcome);
      // Provisioned once in all: an attempt that provisioned before failing is adopted, not repeated.
      const provisions = [...crashing.calls, ...next.calls].filter((c) => c === 'provisionSubscriber');
      expect(provisions).toHaveLength(1);
      const audit = await w.db.store.audit.latest(5, { action: 'user.retry' });
      expect(audit.map((a) => a.result)).toEqual(['ok', 'error']);
    });
  });

  it('resumes after the process died holding the lease, once the lease has expired', async () => {
    const dying = watched({ method: 'removeSubscriber', when: 'after', how: 'hang' });
    void w.service('instance-a', dying.backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    await vi.waitFor(() => expect(dying.crashed()).toBe(true));
    expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toBeNull();

    const other = w.service('instance-b', watched(null).backend);
    expect(await other.retry.resumeOpen()).toMatchObject([{ kind: 'busy' }]);
    // Five minutes later (the lease's lifetime), as far as the lease is concerned.
    await w.db.db.pool.query(`UPDATE "JobLease" SET "expiresAt" = now() - interval '1 second' WHERE "holder" IS NOT NULL`);
    const [outcome] = await other.retry.resumeOpen();
    await expectCompleted(outcome!);
  });

  it('two instances resuming at once finish an operation once', async () => {
    const first = await w.service('instance-a', watched({ method: 'removeSubscriber', when: 'after' }).backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    expect(first).toMatchObject({ kind: 'failed', step: 'remove' });
    const calls = watched(null);
    const outcomes = (await Promise.all([w.service('instance-a', calls.backend).retry.resumeOpen(), w.service('instance-b', calls.backend).retry.resumeOpen()])).flat();
    expect(outcomes.filter((o) => o.kind !== 'busy')).toHaveLength(1);
    await expectCompleted(outcomes.find((o) => o.kind === 'done')!);
    expect(calls.calls.filter((c) => c === 'provisionSubscriber')).toHaveLength(1);
    expect((await w.db.store.audit.latest(5, { action: 'user.retry' })).map((a) => a.result)).toEqual(['ok', 'error']);
  });

  it('resumes from the old subscriber id even after a full sync dropped it from the mirror', async () => {
    const first = await w.service('instance-a', watched({ method: 'removeSubscriber', when: 'after' }).backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    expect(first).toMatchObject({ kind: 'failed', step: 'remove' });
    await w.service().sync.subscribers({ full: true });
    expect(await w.db.store.subscribers.get(MIHAI_SUB.id)).toBeNull();
    const outcome = await w.service('instance-a', watched(null).backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    expect(outcome).toMatchObject({ kind: 'done', subscriber: { ...KEPT, email: NEW_EMAIL } });
    expect(await inWebex()).toMatchObject([{ ...KEPT, email: NEW_EMAIL }]);
  });

  it('before the removal a newer email replaces the attempt; after it, the attempt finishes with its own email', async () => {
    const svc = w.service('instance-a', watched({ method: 'precheckEmail', when: 'after' }).backend);
    expect(await svc.retry.start(MIHAI_SUB.id, 'first.try@acme-mail.example', ADMIN)).toMatchObject({ kind: 'failed', step: 'precheck' });
    const crashAfterRemoval = w.service('instance-a', watched({ method: 'removeSubscriber', when: 'after' }).backend);
    expect(await crashAfterRemoval.retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN)).toMatchObject({ kind: 'failed', step: 'remove' });
    const outcome = await w.service('instance-a', watched(null).backend).retry.start(MIHAI_SUB.id, 'third.try@acme-mail.example', ADMIN);
    await expectCompleted(outcome, NEW_EMAIL);
  });

  it('Webex\'s rate limit stops an attempt without counting toward giving up; the operation resumes and finishes', async () => {
    let limited = MAX_RETRY_ATTEMPTS + 2;
    const rateLimited = new Proxy(watched(null).backend, {
      get(target, prop, receiver) {
        const real = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'removeSubscriber') return real;
        return async (id: string) => {
          if (limited-- > 0) throw new AppError('webex_rate_limited', 'Webex is rate limiting these requests.', { status: 429 });
          return (real as (id: string) => Promise<void>).call(target, id);
        };
      },
    });
    const retry = retryActivation({ backend: rateLimited, store: w.db.store, instanceId: 'instance-a' });
    for (let i = 0; i < MAX_RETRY_ATTEMPTS + 2; i++) expect(await retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN)).toMatchObject({ kind: 'failed', step: 'remove', rateLimited: true });
    expect(await w.db.store.retryOperations.openForUser(MIHAI_SUB.userId)).toMatchObject({ attempts: 0, lastError: expect.stringContaining('webex_rate_limited') });
    await expectCompleted(await retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN));
  });

  it(`gives up after ${MAX_RETRY_ATTEMPTS} failed attempts: no longer resumed, audited, and its admin told`, async () => {
    const failing = new Proxy(w.backend, {
      get(target, prop, receiver) {
        if (prop === 'removeSubscriber') return async () => Promise.reject(new Error('Webex keeps failing'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const told: string[] = [];
    const retry = retryActivation({ backend: failing, store: w.db.store, instanceId: 'instance-a', onAbandoned: async (o, by) => void told.push(`${by}: ${o.userId} after ${o.attempts}`) });
    const outcomes: RetryOutcome[] = [];
    for (let i = 0; i < MAX_RETRY_ATTEMPTS; i++) outcomes.push(await retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN));
    expect(outcomes.slice(0, -1).map((o) => o.kind)).toEqual(Array(MAX_RETRY_ATTEMPTS - 1).fill('failed'));
    expect(outcomes.at(-1)).toMatchObject({ kind: 'abandoned', userId: MIHAI_SUB.userId, attempts: MAX_RETRY_ATTEMPTS });
    expect(told).toEqual([`${ADMIN}: ${MIHAI_SUB.userId} after ${MAX_RETRY_ATTEMPTS}`]);
    expect(await retry.resumeOpen()).toEqual([]);
    expect(await w.db.store.retryOperations.openForUser(MIHAI_SUB.userId)).toBeNull();
    const [last] = await w.db.store.audit.latest(1, { action: 'user.retry' });
    expect(last!.detail).toMatchObject({ abandoned: true, attempts: MAX_RETRY_ATTEMPTS, error: expect.stringContaining('Webex keeps failing') });
  });

  it('renews its lease while a slow Webex call outlasts it: another instance is told it is busy, not let in', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const atPrecheck = new Promise<void>((r) => (arrived = r));
    const slow = new Proxy(w.backend, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'precheckEmail' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          arrived();
          await gate; // held well past the lease's TTL
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    const leaseMs = 150;
    const first = retryActivation({ backend: slow, store: w.db.store, instanceId: 'instance-a', leaseMs }).start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    await atPrecheck;
    await new Promise((r) => setTimeout(r, leaseMs * 4));
    const second = await retryActivation({ backend: w.backend, store: w.db.store, instanceId: 'instance-b', leaseMs }).start(MIHAI_SUB.id, NEW_EMAIL, ADMIN);
    expect(second.kind).toBe('busy');
    release();
    expect(await first).toMatchObject({ kind: 'done', email: NEW_EMAIL });
  });

  it('a rejected precheck changes nothing, in Webex or in the store', async () => {
    const crashing = watched(null);
    const svc = w.service('instance-a', crashing.backend);
    const before = await w.db.store.subscribers.get(MIHAI_SUB.id);
    for (const email of [JANE.email, 'not an email']) {
      const outcome = await svc.retry.start(MIHAI_SUB.id, email, ADMIN);
      expect(outcome).toMatchObject({ kind: 'rejected', reason: 'Webex rejected the email.' });
      expect(outcome.kind === 'rejected' && outcome.problems[0]!.description).toMatch(/already associated|not valid/i);
    }
    expect(crashing.calls.filter((c) => c === 'removeSubscriber' || c === 'provisionSubscriber')).toEqual([]);
    expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toEqual(expectedRemote(MIHAI_SUB));
    expect(await w.db.store.subscribers.get(MIHAI_SUB.id)).toEqual(before);
    expect(await w.db.store.retryOperations.listOpen()).toEqual([]);
    expect((await w.db.store.audit.latest(5, { action: 'user.retry' })).map((a) => a.result)).toEqual(['error', 'error']);
  });

  it.each([
    ['on one instance', ['instance-a', 'instance-a']],
    ['on two instances', ['instance-a', 'instance-b']],
  ])('two concurrent retries of the same user %s: one runs, the other is told it is busy', async (_, [a, b]) => {
    const calls = watched(null);
    const outcomes = await Promise.all([
      w.service(a, calls.backend).retry.start(MIHAI_SUB.id, NEW_EMAIL, ADMIN),
      w.service(b, calls.backend).retry.start(MIHAI_SUB.id, 'other.try@acme-mail.example', 'other@example.com'),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'done']);
    const done = outcomes.find((o) => o.kind === 'done')!;
    expect(calls.calls.filter((c) => c === 'removeSubscriber')).toHaveLength(1);
    expect(calls.calls.filter((c) => c === 'provisionSubscriber')).toHaveLength(1);
    await expectCompleted(done, done.kind === 'done' ? done.email : '');
  });
});
