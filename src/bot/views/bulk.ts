// `bulk status` and the bulk buttons: the space's jobs with their counts; confirm and cancel.
import { t } from '../../i18n/translate.js';
import { renderBulkStatus, type BulkJobKind } from '../../cards/index.js';
import type { BotContext } from '../types.js';
import { showResult } from './result.js';

export async function showBulkStatus(ctx: BotContext): Promise<void> {
  const { bulk } = ctx.services;
  const jobs = await bulk.recent(ctx.room.id);
  const rows = await Promise.all(
    jobs.map(async (j) => ({ id: j.id, kind: j.kind as BulkJobKind, state: j.state, label: j.label, requestedBy: j.requestedBy, createdAt: j.createdAt, counts: await bulk.counts(j.id) })),
  );
  await ctx.replyCard((cardId) => renderBulkStatus({ cardId, jobs: rows }));
}

export async function confirmBulk(ctx: BotContext, jobId: string): Promise<void> {
  const { bulk } = ctx.services;
  const job = await bulk.get(jobId);
  if (!job || job.roomId !== ctx.room.id) return showResult(ctx, 'refused', t('bulkView.notOffered'), t('bulkView.nothingStarted'));
  const started = await bulk.start(jobId);
  switch (started.kind) {
    case 'started':
      await showResult(ctx, 'success', t('bulkView.started'), t('bulkView.startedMessage', { label: job.label }));
      return;
    case 'already':
      const cancelled = started.state === 'cancelled';
      await showResult(ctx, 'stale', cancelled ? t('bulkView.wasCancelled') : t('bulkView.alreadyStarted'), cancelled ? t('bulkView.wasCancelledMessage') : t('bulkView.runsOnce'));
      return;
    case 'missing':
      await showResult(ctx, 'stale', t('bulkView.gone'), t('bulkView.goneMessage'));
      return;
    default:
      return started satisfies never;
  }
}

export async function cancelBulk(ctx: BotContext, jobId: string): Promise<void> {
  const { bulk } = ctx.services;
  const job = await bulk.get(jobId);
  if (!job || job.roomId !== ctx.room.id) return showResult(ctx, 'refused', t('bulkView.notOffered'), t('bulkView.nothingCancelled'));
  if (await bulk.cancel(jobId, ctx.actor.email)) {
    await showResult(ctx, 'success', t('bulkView.cancelled'), job.state === 'preview' ? t('bulkView.nothingStarted') : t('bulkView.noFurther'));
    return;
  }
  await showResult(ctx, 'stale', t('bulkView.nothingToCancel'), job.state === 'done' ? t('bulkView.alreadyFinished') : t('bulkView.alreadyStopped'));
}
