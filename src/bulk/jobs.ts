// Bulk jobs: a preview (what will happen, to whom), a confirmation that starts the job once, a
// runner that works through the items a few at a time and survives restarts (a job left running
// is resumed by whichever instance sweeps first), a Cancel that stops before the next item, a
// progress message at most every 10 s, and one result card with a CSV of what did not get done.
import { inCurrentLanguage, t, type InSpaceLanguage } from '../i18n/translate.js';
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { MessagePoster } from '../alerts/poster.js';
import { renderResult, withOrgHeader } from '../cards/index.js';
import type { Logger } from '../logger.js';
import { isAppError } from '../errors.js';
import { describeFailure, failureDetail } from '../provisioning/errors.js';
import type { ProvisioningService } from '../provisioning/service.js';
import { serialJob } from '../serial-job.js';
import type { BulkCounts, BulkJob, BulkJobItem, BulkKind, NewBulkJob } from '../store/bulk-jobs.js';
import type { Store } from '../store/index.js';
import { newCardId } from '../store/sent-cards.js';
import type { Subscriber } from '../store/subscribers.js';
import type { OutgoingFile } from '../bot/types.js';
import type { WebexMessage } from '../webex/schemas.js';
import type { MessageTarget } from '../webex/bot-api.js';
import { runItem, type ItemOutcome } from './item.js';
import { countsLine, kindButton } from './words.js';

export interface BulkPoster extends MessagePoster {
  sendFile(target: MessageTarget & { markdown?: string; parentId?: string }, file: OutgoingFile): Promise<WebexMessage>;
}

export interface BulkJobsDeps {
  store: Store;
  provisioning: ProvisioningService;
  instanceId: string;
  logger: Logger;
  now?: () => Date;
  poster: () => BulkPoster | undefined;
  /** Items worked on at once (default 8): Webex's rate limit, not our CPU, is the bound. */
  concurrency?: number;
  /** How long a claimed item or the job's lease lasts without renewal (default 2 min). */
  claimTtlMs?: number;
  progressEveryMs?: number;
  /** How often running jobs left by a dead runner are looked for (default 30 s). */
  sweepEveryMs?: number;
  /** Partner mode: the result card says which customer org the job was about (or all of them). */
  partner?: boolean;
  /** Progress and results in the job's space's language (default: the current one). */
  inSpaceLanguage?: InSpaceLanguage;
}

/** A job as the store takes it, with the subscribers the preview shows instead of its items. */
export type BulkPreviewInput = Omit<NewBulkJob, 'items'> & { subscribers: readonly Subscriber[] };

export type StartOutcome = { kind: 'started' } | { kind: 'already'; state: string } | { kind: 'missing' };

/** How long a worker rests after Webex's rate limit turned an item away (the item waits its turn). */
const RATE_LIMITED_PAUSE_MS = 1_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createBulkJobs(deps: BulkJobsDeps) {
  const { store, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const concurrency = deps.concurrency ?? 8;
  const claimTtlMs = deps.claimTtlMs ?? 120_000;
  const progressEveryMs = deps.progressEveryMs ?? 10_000;
  const sweeper = serialJob();
  const inFlight = new Set<Promise<void>>();
  /** Set by halt(): this instance acts as if killed (no renewals, no records, no new claims). */
  let halted = false;

  const inSpace = deps.inSpaceLanguage ?? inCurrentLanguage;

  async function post(job: BulkJob, markdown: () => string): Promise<void> {
    await inSpace(job.roomId, async () => void (await deps.poster()?.sendMessage({ roomId: job.roomId, ...(job.threadId ? { parentId: job.threadId } : {}), markdown: markdown() })));
  }

  async function audit(job: BulkJob, item: BulkJobItem, outcome: ItemOutcome): Promise<void> {
    await store.audit.record({
      actor: job.requestedBy,
      roomId: job.roomId,
      action: `bulk.${job.kind}`,
      result: outcome.state === 'done' ? 'ok' : outcome.state === 'failed' ? 'error' : 'refused',
      target: item.userId,
      detail: { jobId: job.id, subscriberId: item.subscriberId, outcome: outcome.state, ...(outcome.reason ? { reason: outcome.reason } : {}) },
    });
  }

  async function progress(job: BulkJob): Promise<void> {
    if (!(await store.bulkJobs.claimProgress(job.id, progressEveryMs, now()))) return;
    const counts = await store.bulkJobs.counts(job.id);
    await post(job, () => t('bulk.progress', { what: kindButton(job.kind as BulkKind), label: job.label, counts: countsLine(counts) })).catch((err: unknown) =>
      logger.warn({ jobId: job.id, err: failureDetail(err) }, 'bulk progress message not posted'),
    );
  }

  async function worker(jobId: string, holder: string): Promise<void> {
    for (;;) {
      if (halted) return;
      const job = await store.bulkJobs.get(jobId);
      if (job?.state !== 'running') return; // cancelled (or gone): stop before the next item
      const [item] = await store.bulkJobs.claimItems(jobId, holder, claimTtlMs, 1, now());
      if (!item) return;
      let outcome: ItemOutcome;
      try {
        outcome = await runItem({ provisioning: deps.provisioning, store }, job, item);
      } catch (err) {
        // A 429 (after the client's own Retry-After waits) means Webex did not act: try it later.
        if (isAppError(err, 'webex_rate_limited')) outcome = { state: 'later', reason: describeFailure(err) };
        else {
          logger.warn({ jobId, subscriberId: item.subscriberId, err: failureDetail(err) }, 'bulk item failed');
          outcome = { state: 'failed', reason: describeFailure(err) };
        }
      }
      if (halted) return; // a killed process records nothing: the item's claim expires and it is re-checked
      if (outcome.state === 'later') {
        await store.bulkJobs.release(jobId, [item.seq], holder);
        await sleep(RATE_LIMITED_PAUSE_MS);
        continue;
      }
      if (await store.bulkJobs.finishItem(jobId, item.seq, holder, outcome.state, outcome.reason, now())) await audit(job, item, outcome);
      await progress(job);
    }
  }

  function resultCsv(job: BulkJob, items: readonly BulkJobItem[]): OutgoingFile {
    const rows = items.map((i) => [i.userId, i.email ?? '', i.state, i.reason ?? '', job.label].map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
    const data = stringify([[t('bulk.csv.userId'), t('bulk.csv.email'), t('bulk.csv.result'), t('bulk.csv.why'), t('bulk.csv.cause')], ...rows]);
    return { filename: `bulk-${job.kind}-not-done-${job.id.slice(0, 8)}.csv`, contentType: 'text/csv', data: Buffer.from(data, 'utf8') };
  }

  async function report(jobId: string): Promise<void> {
    const job = await store.bulkJobs.get(jobId);
    if (!job) return;
    await inSpace(job.roomId, () => reportIn(job));
  }

  async function reportIn(job: BulkJob): Promise<void> {
    const jobId = job.id;
    const counts = await store.bulkJobs.counts(jobId);
    const cancelled = job.state === 'cancelled';
    const plain = renderResult({
      cardId: newCardId(),
      kind: counts.failed > 0 || cancelled ? 'error' : 'success',
      title: t(cancelled ? 'bulk.resultCancelled' : 'bulk.resultFinished', { what: kindButton(job.kind as BulkKind) }),
      message: `${job.label}. ${countsLine(counts)}.${cancelled ? t('bulk.cancelledBy', { who: job.cancelledBy ?? t('bulk.anAdmin') }) : ''}${counts.failed + counts.skipped > 0 ? t('bulk.notDoneInCsv') : ''}`,
      facts: [
        { title: t('bulk.fact.done'), value: counts.done },
        { title: t('bulk.fact.failed'), value: counts.failed },
        { title: t('bulk.fact.skipped'), value: counts.skipped },
        { title: t('bulk.fact.startedBy'), value: job.requestedBy },
      ],
    });
    const orgName = job.orgId ? ((await store.orgs.get(job.orgId))?.name ?? job.orgId) : null;
    const card = deps.partner ? withOrgHeader(plain, orgName ? { kind: 'org', name: orgName } : { kind: 'partner' }) : plain;
    const poster = deps.poster();
    if (!poster) return;
    const target = { roomId: job.roomId, ...(job.threadId ? { parentId: job.threadId } : {}) };
    await poster.sendMessage({ ...target, markdown: card.fallbackText, card: card.card });
    const notDone = await store.bulkJobs.notDone(jobId);
    if (notDone.length > 0) await poster.sendFile({ ...target, markdown: t('bulk.notDoneFile', { n: notDone.length }) }, resultCsv(job, notDone));
  }

  async function finish(jobId: string): Promise<void> {
    const job = await store.bulkJobs.get(jobId);
    if (!job) return;
    if (job.state === 'cancelled') await store.bulkJobs.skipPending(jobId, 'Cancelled before this user was reached.', now());
    else await store.bulkJobs.finishIfComplete(jobId, now());
    if (await store.bulkJobs.claimReport(jobId, now())) {
      await report(jobId).catch((err: unknown) => logger.error({ jobId, err: failureDetail(err) }, 'bulk result not posted'));
    }
  }

  /** Works a job to its end, unless another runner holds it. */
  async function runJob(jobId: string): Promise<void> {
    const lease = `bulk:${jobId}`;
    const holder = `${deps.instanceId}:${randomUUID()}`;
    if (!(await store.leases.acquire(lease, holder, claimTtlMs, now()))) return;
    const heartbeat = setInterval(() => {
      if (halted) return;
      void store.leases.renew(lease, holder, claimTtlMs, now()).catch(() => {});
      void store.bulkJobs.renewClaims(jobId, holder, claimTtlMs, now()).catch(() => {});
    }, Math.max(10, Math.floor(claimTtlMs / 3)));
    heartbeat.unref();
    try {
      await Promise.all(Array.from({ length: concurrency }, () => worker(jobId, holder)));
      if (!halted) await finish(jobId);
    } finally {
      clearInterval(heartbeat);
      if (!halted) await store.leases.release(lease, holder).catch(() => {});
    }
  }

  /** Runs in the background; idle() waits for every run this instance started. */
  function launch(jobId: string): void {
    const p = runJob(jobId).catch((err: unknown) => logger.error({ jobId, err: failureDetail(err) }, 'bulk job stopped; it resumes on the next sweep'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  /** Jobs a dead runner left: running ones are resumed, finished ones get their result card. */
  async function sweep(): Promise<void> {
    for (const job of await store.bulkJobs.running()) launch(job.id);
    for (const job of await store.bulkJobs.unreported()) await finish(job.id);
  }

  return {
    /** A job waiting for its confirmation: the preview card shows its first items and count. */
    async preview(input: BulkPreviewInput): Promise<{ job: BulkJob; first: BulkJobItem[]; count: number }> {
      const { subscribers, ...fields } = input;
      const job = await store.bulkJobs.createPreview(
        {
          ...fields,
          items: subscribers.map((s) => ({ subscriberId: s.id, userId: s.userId, email: s.email ?? null, shownStatus: s.status, shownPackage: s.package })),
        },
        now(),
      );
      return { job, first: await store.bulkJobs.firstItems(job.id, 10), count: input.subscribers.length };
    },

    get: (jobId: string) => store.bulkJobs.get(jobId),
    counts: (jobId: string): Promise<BulkCounts> => store.bulkJobs.counts(jobId),
    recent: (roomId: string) => store.bulkJobs.recent(roomId),

    /** Starts a previewed job (once, however many clicks or instances) and runs it in the background. */
    async start(jobId: string): Promise<StartOutcome> {
      const job = await store.bulkJobs.get(jobId);
      if (!job) return { kind: 'missing' };
      if (!(await store.bulkJobs.start(jobId, now()))) return { kind: 'already', state: job.state };
      await store.audit.record({ actor: job.requestedBy, roomId: job.roomId, action: `bulk.${job.kind}.start`, result: 'ok', target: job.causeKey, detail: { jobId } });
      launch(jobId);
      return { kind: 'started' };
    },

    /** Stops a job before its next item; true if this call cancelled it. */
    async cancel(jobId: string, actor: string): Promise<boolean> {
      const job = await store.bulkJobs.get(jobId);
      if (!job || !(await store.bulkJobs.cancel(jobId, actor, now()))) return false;
      await store.audit.record({ actor, roomId: job.roomId, action: `bulk.${job.kind}.cancel`, result: 'ok', target: job.causeKey, detail: { jobId, wasState: job.state } });
      // A job cancelled at its preview never ran: nothing to report. A running one reports when its runner stops.
      if (job.state === 'running') launch(jobId);
      return true;
    },

    /** Works a job now, in the caller's time (resumes, tests). */
    run: runJob,
    sweep: () => sweeper.run(sweep),
    /** Waits until every run this instance started has stopped. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    startSweeping(): void {
      sweeper.every(deps.sweepEveryMs ?? 30_000, sweep);
      void sweeper.run(sweep).catch(() => {});
    },
    /**
     * Stops this instance the way a kill would: nothing more is claimed, recorded or renewed, and
     * runs still waiting on Webex are left behind. Their claims and leases expire, and another
     * instance's sweep finishes the job (crash tests use this).
     */
    halt(): void {
      halted = true;
      inFlight.clear();
      void sweeper.stop();
    },
    async stop(): Promise<void> {
      await sweeper.stop();
      await this.idle();
    },
  };
}
export type BulkJobs = ReturnType<typeof createBulkJobs>;
