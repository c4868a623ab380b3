// `bulk status` and the bulk buttons: the space's jobs with their counts; confirm and cancel.
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
  if (!job || job.roomId !== ctx.room.id) return showResult(ctx, 'refused', 'That job was not offered here', 'Nothing was started.');
  const started = await bulk.start(jobId);
  switch (started.kind) {
    case 'started':
      await showResult(ctx, 'success', 'Started', `${job.label}: the bot works through the users now and posts its progress here (at most every 10 seconds), then a result card. Type \`bulk status\` to follow it or cancel it.`);
      return;
    case 'already':
      await showResult(ctx, 'stale', started.state === 'cancelled' ? 'That job was cancelled' : 'Already started', started.state === 'cancelled' ? 'Nothing was started. Open the cause again from `errors` to make a new preview.' : 'It runs once, however many times it is confirmed. Type `bulk status` to follow it.');
      return;
    case 'missing':
      await showResult(ctx, 'stale', 'That job no longer exists', 'Type `errors` for the causes now.');
      return;
    default:
      return started satisfies never;
  }
}

export async function cancelBulk(ctx: BotContext, jobId: string): Promise<void> {
  const { bulk } = ctx.services;
  const job = await bulk.get(jobId);
  if (!job || job.roomId !== ctx.room.id) return showResult(ctx, 'refused', 'That job was not offered here', 'Nothing was cancelled.');
  if (await bulk.cancel(jobId, ctx.actor.email)) {
    await showResult(ctx, 'success', 'Cancelled', job.state === 'preview' ? 'Nothing was started.' : 'No further user will be changed; the result card follows with what was done.');
    return;
  }
  await showResult(ctx, 'stale', 'Nothing to cancel', `That job has already ${job.state === 'done' ? 'finished' : 'stopped'}.`);
}
