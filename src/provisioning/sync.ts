// Mirrors Webex into the store so lists, filters, paging and export are served from the
// database. Subscribers sync incrementally by lastStatusChange; a full sync also drops the ones
// Webex no longer has. People always sync in full, and drop the ones the org no longer lists.
import type { Store } from '../store/index.js';
import { isAppError } from '../errors.js';
import { personRow, subscriberRow, templateRow } from './mirror.js';
import type { ProvisioningBackend, RemotePerson, RemoteSubscriber } from './types.js';

const BATCH = 500;
/** JobLease row whose lastRunAt says when the people mirror was last fully synced (its freshness). */
export const PEOPLE_SYNC_JOB = 'people-sync';
/** JobLease row whose lastRunAt says when the subscriber mirror last caught up with Webex. */
export const SUBSCRIBERS_SYNC_JOB = 'subscribers-sync';
/** Re-read a little before the newest change we hold: clocks and same-millisecond changes. */
const OVERLAP_MS = 60_000;
/** How long after an incremental refresh what follows from it starts (see subscribers()). */
const FOLLOW_DELAY_MS = 250;

export interface SyncResult {
  upserted: number;
  removed: number;
}

async function inBatches<T>(items: AsyncIterable<T>, handle: (batch: T[]) => Promise<void>): Promise<number> {
  let batch: T[] = [];
  let total = 0;
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= BATCH) {
      await handle(batch);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await handle(batch);
  return total + batch.length;
}

/** The people-sync lease of one org (partner mode), or of the one org. */
export const peopleSyncJob = (orgId?: string) => (orgId ? `${PEOPLE_SYNC_JOB}:${orgId}` : PEOPLE_SYNC_JOB);

/** `orgId` (partner mode): people are this org's; subscribers stay partner-wide (one listing). */
export function mirrorSync(deps: { backend: ProvisioningBackend; store: Store; now?: () => Date; orgId?: string }) {
  const { backend, store } = deps;
  const now = deps.now ?? (() => new Date());
  /** Called after every successful subscriber refresh (push failures to the admins, …). */
  const refreshed: ((refresh: { full: boolean }) => Promise<unknown>)[] = [];

  /** Every person of the org; whoever the listing no longer has is removed from the mirror. */
  async function people(): Promise<SyncResult> {
    // Process clock, as the rows' syncedAt; `at` is the injected clock for conversions.
    const startedAt = new Date();
    const at = now();
    const upserted = await inBatches<RemotePerson>(backend.listPeople(), async (batch) => {
      const previous = await store.people.plans(batch.map((p) => p.id));
      await store.people.upsertMany(batch.map((p) => ({ ...personRow(p, previous.get(p.id) ?? null, at), ...(deps.orgId ? { orgId: deps.orgId } : {}) })));
    });
    // Only after the whole listing was read: a failure part-way throws before anything is removed.
    const removed = await store.people.removeNotSyncedSince(startedAt, deps.orgId);
    await store.leases.recordRun(peopleSyncJob(deps.orgId), at);
    return { upserted, removed };
  }

  return {
    async subscribers(options: { full?: boolean } = {}): Promise<SyncResult> {
      const startedAt = new Date();
      const at = now();
      const latest = options.full ? null : await store.subscribers.latestStatusChange();
      const since = latest ? new Date(latest.getTime() - OVERLAP_MS) : undefined;
      const upserted = await inBatches<RemoteSubscriber>(backend.listSubscribers(since ? { lastStatusChangeAfter: since } : {}), (batch) =>
        store.subscribers.upsertMany(batch.map(subscriberRow)),
      );
      const removed = options.full || !latest ? await store.subscribers.removeNotSyncedSince(startedAt) : 0;
      // The mirror holds every change made before the listing started: that is its "as of".
      await store.leases.recordRun(SUBSCRIBERS_SYNC_JOB, at);
      // Not awaited: an answer waiting on this refresh must not wait on what follows from it. After
      // an incremental refresh (the one commands wait on) it starts a moment later, so that it does
      // not hold up the answer's own queries either (the embedded database runs one at a time).
      const full = Boolean(options.full || !latest);
      const follow = async () => {
        for (const listener of refreshed) void listener({ full }).catch(() => {});
        // The counts stay right without folding; folding keeps their rows few.
        if (upserted || removed) await store.subscribers.compactCounts().catch(() => {});
      };
      if (full) void follow();
      else setTimeout(() => void follow(), FOLLOW_DELAY_MS).unref();
      return { upserted, removed };
    },

    people,

    /** Runs `listener` after every successful subscriber refresh, on this instance. */
    onRefreshed(listener: (refresh: { full: boolean }) => Promise<unknown>): void {
      refreshed.push(listener);
    },

    /**
     * A full people sync unless one (on any instance) started less than `maxAgeMs` ago; null when
     * the mirror was fresh enough. Card clicks use this: paging through a digest must not re-list
     * the whole org on every click.
     */
    async peopleIfOlderThan(maxAgeMs: number): Promise<SyncResult | null> {
      const last = (await store.leases.get(peopleSyncJob(deps.orgId)))?.lastRunAt;
      if (last && now().getTime() - last.getTime() < maxAgeMs) return null;
      return people();
    },

    /** False when the backend cannot list templates (Webex has no public API for them). */
    async templates(): Promise<{ supported: boolean; count: number }> {
      try {
        const rows = (await backend.listTemplates()).map(templateRow);
        await store.templates.replaceAll(rows);
        return { supported: true, count: rows.length };
      } catch (err) {
        if (isAppError(err, 'not_supported')) return { supported: false, count: 0 };
        throw err;
      }
    },
  };
}
export type MirrorSync = ReturnType<typeof mirrorSync>;
