// Bulk jobs over the real store and the simulator: started once however many clicks or instances,
// each item done exactly once even when an instance is killed after any item, cancel stops before
// the next item, and a user changed since the preview is skipped with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBulkJobs, type BulkJobs } from '../../src/bulk/jobs.js';
import { createProvisioningService } from '../../src/provisioning/service.js';
import { SUBSCRIBER_STATUSES, type Subscriber } from '../../src/store/subscribers.js';
import { silent } from '../alerts/helpers.js';
import { crashingBackend, type CrashPlan } from '../provisioning/crashing-backend.js';
import { handlerWorld, type HandlerWorld } from '../support/fake-bot-context.js';

const TTL = 60_000;

describe('bulk jobs', () => {
  let w: HandlerWorld;
  beforeAll(async () => {
    w = await handlerWorld();
  }, 60_000);
  afterAll(() => w?.dispose());

  /** An instance of the bot: its own provisioning service over a (possibly crashing) backend. */
  function instance(name: string, plan: CrashPlan | null = null, onCall?: (method: string, args: unknown[]) => Promise<void>) {
    const crashing = crashingBackend(w.backend, plan, onCall);
    const provisioning = createProvisioningService({ backend: crashing.backend, store: w.db.store, orgId: 'simulator', instanceId: name, now: w.clock.now, sleep: async () => {} });
    const bulk = createBulkJobs({ store: w.db.store, provisioning, instanceId: name, now: w.clock.now, logger: silent, poster: () => undefined, claimTtlMs: TTL, concurrency: 3 });
    return { bulk, crashing };
  }

  /**
   * Subscribers whose status holds still: not provisioning or updating, which the simulator settles
   * as its clock moves (a retried user is one), so no item is "changed since the preview" by
   * itself. `offset`: away from the rows earlier tests' killed instances may still be working on.
   */
  async function someSubscribers(n: number, offset = 0): Promise<Subscriber[]> {
    const steady = SUBSCRIBER_STATUSES.filter((st) => st !== 'provisioning' && st !== 'updating');
    const page = await w.db.store.subscribers.pageAt({ statuses: [...steady] }, n, offset);
    expect(page.length).toBe(n);
    return page;
  }

  async function preview(bulk: BulkJobs, kind: 'retry' | 'remove', subscribers: Subscriber[]) {
    return (await bulk.preview({ kind, label: 'test cause', causeKey: 'code:1', roomId: 'room-1', requestedBy: 'admin@acme.example', subscribers })).job;
  }

  /** How many times the backend was asked to remove each subscriber id. */
  const removals = (calls: { method: string; args: unknown[] }[]) => {
    const counts = new Map<string, number>();
    for (const c of calls) if (c.method === 'removeSubscriber') counts.set(String(c.args[0]), (counts.get(String(c.args[0])) ?? 0) + 1);
    return counts;
  };

  it('double clicks and two instances start a job once, and every item is removed exactly once', async () => {
    const calls: { method: string; args: unknown[] }[] = [];
    const record = async (method: string, args: unknown[]) => void calls.push({ method, args });
    const a = instance('a', null, record);
    const b = instance('b', null, record);
    const targets = await someSubscribers(8);
    const job = await preview(a.bulk, 'remove', targets);
    const starts = await Promise.all([a.bulk.start(job.id), b.bulk.start(job.id), a.bulk.start(job.id)]);
    expect(starts.filter((s) => s.kind === 'started')).toHaveLength(1);
    await Promise.all([a.bulk.run(job.id), b.bulk.run(job.id), b.bulk.sweep(), a.bulk.idle(), b.bulk.idle()]);
    await Promise.all([a.bulk.idle(), b.bulk.idle()]);
    expect(await a.bulk.counts(job.id)).toMatchObject({ done: 8, failed: 0, skipped: 0, pending: 0, running: 0 });
    expect([...removals(calls).values()]).toEqual(Array(8).fill(1));
    expect((await w.db.store.audit.latest(100, { action: 'bulk.remove' })).filter((e) => (e.detail as { jobId?: string }).jobId === job.id)).toHaveLength(8);
    expect((await a.bulk.get(job.id))?.state).toBe('done');
  });

  it.each([1, 3, 5])('an instance killed right after Webex removed item %i: another finishes the job, nothing removed twice', async (k) => {
    const calls: { method: string; args: unknown[] }[] = [];
    let n = 0;
    const a = instance('a', null, async (method, args) => {
      calls.push({ method, args });
      if (method === 'removeSubscriber' && ++n === k) queueMicrotask(() => a.bulk.halt()); // dies right after this removal
    });
    const b = instance('b', null, async (method, args) => void calls.push({ method, args }));
    const targets = await someSubscribers(6);
    const job = await preview(a.bulk, 'remove', targets);
    await a.bulk.start(job.id);
    // Wait until the kill has happened and A's work stopped where it was.
    for (let i = 0; i < 200 && n < k; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    await b.bulk.sweep(); // A's lease and claims have not expired yet: B leaves the job alone
    await b.bulk.idle();
    expect((await b.bulk.get(job.id))?.state).toBe('running');
    w.clock.advance(TTL + 1_000);
    await b.bulk.sweep();
    await b.bulk.idle();
    const counts = await b.bulk.counts(job.id);
    expect(counts).toMatchObject({ done: 6, failed: 0, pending: 0, running: 0 });
    for (const [, times] of removals(calls)) expect(times).toBe(1);
    expect(removals(calls).size).toBe(6);
  });

  it('an instance killed right after Webex provisioned a retried user: the retry is not made twice', async () => {
    const calls: { method: string; args: unknown[] }[] = [];
    let provisioned = 0;
    const a = instance('a', null, async (method, args) => {
      calls.push({ method, args });
      if (method === 'provisionSubscriber' && ++provisioned === 2) queueMicrotask(() => a.bulk.halt());
    });
    const b = instance('b', null, async (method, args) => void calls.push({ method, args }));
    const targets = (await w.db.store.subscribers.pageAt({ statuses: ['pending_email_validation', 'error'] }, 50, 0)).filter((s) => s.email).slice(0, 5);
    expect(targets.length).toBe(5);
    const job = await preview(a.bulk, 'retry', targets);
    await a.bulk.start(job.id);
    for (let i = 0; i < 200 && provisioned < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    w.clock.advance(TTL + 1_000);
    await b.bulk.sweep();
    await b.bulk.idle();
    const counts = await b.bulk.counts(job.id);
    expect(counts.pending + counts.running).toBe(0);
    expect(counts.done + counts.failed + counts.skipped).toBe(5);
    expect(counts.done).toBeGreaterThanOrEqual(2);
    const perUser = new Map<string, number>();
    for (const c of calls) if (c.method === 'provisionSubscriber') {
      const userId = (c.args[0] as { userId: string }).userId;
      perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
    }
    for (const [userId, times] of perUser) expect(times, userId).toBe(1);
  });

  it('progress at most every 10 s of the clock, then one result card and a CSV of the users not done', async () => {
    const posted: { markdown?: string; card?: unknown; file?: string }[] = [];
    const poster = {
      sendMessage: async (m: { markdown?: string; card?: unknown }) => {
        posted.push({ markdown: m.markdown, card: m.card });
        return { id: `m${posted.length}` } as never;
      },
      sendFile: async (_t: unknown, f: { data: Buffer | string }) => {
        posted.push({ file: f.data.toString() });
        return { id: `m${posted.length}` } as never;
      },
    };
    const crashing = crashingBackend(w.backend, null, async (method) => {
      if (method === 'removeSubscriber') w.clock.advance(4_000); // each removal takes 4 s of the clock
    });
    const provisioning = createProvisioningService({ backend: crashing.backend, store: w.db.store, orgId: 'simulator', instanceId: 'p', now: w.clock.now });
    const bulk = createBulkJobs({ store: w.db.store, provisioning, instanceId: 'p', now: w.clock.now, logger: silent, poster: () => poster, concurrency: 1 });
    const targets = await someSubscribers(8);
    const job = await preview(bulk, 'remove', targets);
    await w.backend.removeSubscriber(targets[7]!.id); // gone before its turn: skipped, with why
    await bulk.start(job.id);
    await bulk.idle();
    const progress = posted.filter((p) => p.markdown?.startsWith('Remove all'));
    // 7 removals × 4 s = 28 s: a message after 12 s and after 24 s, no more.
    expect(progress).toHaveLength(2);
    expect(progress[0]!.markdown).toMatch(/\d of 8 handled/);
    const results = posted.filter((p) => p.card);
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results[0]!.card)).toContain('8 of 8 handled: 7 done, 0 failed, 1 skipped');
    const csv = posted.find((p) => p.file)!.file!;
    expect(csv.split('\n')[0]).toBe('BroadWorks user ID,Email,Result,Why,Cause');
    expect(csv).toContain(targets[7]!.userId);
    expect(csv).toContain('No longer in Webex');
  });

  it('cancel stops before the next item: the rest are skipped as cancelled', async () => {
    const bRef: { bulk?: BulkJobs; jobId?: string } = {};
    let n = 0;
    const a = instance('a', null, async (method) => {
      if (method === 'removeSubscriber' && ++n === 2) await bRef.bulk!.cancel(bRef.jobId!, 'other@acme.example');
    });
    const targets = await someSubscribers(6);
    const job = await preview(a.bulk, 'remove', targets);
    Object.assign(bRef, { bulk: a.bulk, jobId: job.id });
    await a.bulk.start(job.id);
    await a.bulk.idle();
    const counts = await a.bulk.counts(job.id);
    // Items already under way finish (concurrency 3); nothing new starts after the cancel.
    expect(counts.done).toBeGreaterThanOrEqual(2);
    expect(counts.done).toBeLessThanOrEqual(3);
    expect(counts.skipped).toBe(6 - counts.done);
    expect(n).toBe(counts.done);
    const job2 = await a.bulk.get(job.id);
    expect(job2).toMatchObject({ state: 'cancelled', cancelledBy: 'other@acme.example' });
    expect((await w.db.store.bulkJobs.notDone(job.id)).every((i) => i.reason === 'Cancelled before this user was reached.')).toBe(true);
  });

  it('a user changed in Webex since the preview is skipped with the reason; the others are done', async () => {
    const a = instance('a');
    const targets = await someSubscribers(3);
    const job = await preview(a.bulk, 'remove', targets);
    // Outside the bot: one subscriber's package changes in Webex after the preview.
    const changed = targets[1]!;
    const other = changed.package === 'basic' ? 'standard' : 'basic';
    await w.backend.changePackage(changed.id, other).catch(async () => {
      // A subscriber being provisioned cannot change package: change another way (remove it).
      await w.backend.removeSubscriber(changed.id);
    });
    await a.bulk.start(job.id);
    await a.bulk.idle();
    const notDone = await w.db.store.bulkJobs.notDone(job.id);
    expect(notDone).toHaveLength(1);
    expect(notDone[0]).toMatchObject({ subscriberId: changed.id, state: 'skipped' });
    expect(notDone[0]!.reason).toMatch(/Changed since the preview|No longer in Webex/);
    expect((await a.bulk.counts(job.id)).done).toBe(2);
  });
});
