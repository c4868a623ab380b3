// Brings the simulated Webex up to the clock: every status change and job completion due by
// `now` is applied in the order it happened, so (say) a job that finished before a user was
// provisioned does not count that user.
import { completeJob } from './activation-emails.js';
import type { SimContext } from './model.js';
import { simRepository } from './repository.js';
import { applyTransition } from './transitions.js';

export async function settle(ctx: SimContext): Promise<void> {
  const now = ctx.now();
  const repo = simRepository(ctx.prisma);
  const events = [
    ...(await repo.dueTransitions(now)).map((row) => ({ at: row.nextStatusAt!, run: () => applyTransition(ctx, row) })),
    ...(await repo.dueJobs(now)).map((job) => ({ at: job.completesAt, run: () => completeJob(ctx, job) })),
  ];
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of events) await event.run();
}
