// export [same filters as users]: the list as a CSV file posted into the space.
import { subscribersCsv } from '../../export/subscribers-csv.js';
import { describeFilter, parseListFilter, toSubscriberFilter, type ListFilter } from '../list-filter.js';
import { escapeMarkdown } from '../../cards/index.js';
import type { BotContext, Command } from '../types.js';
import { describeFailure } from '../../provisioning/errors.js';
import { retryTransient } from '../../store/transient.js';

export async function sendExport(ctx: BotContext, filter: ListFilter): Promise<void> {
  const { data, count } = await subscribersCsv(ctx.services.provisioning, toSubscriberFilter(filter));
  const stamp = ctx.services.now().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const words = describeFilter(filter);
  await ctx.replyFile(
    { filename: `broadworks-users-${stamp}.csv`, contentType: 'text/csv', data },
    `Export of ${count} user${count === 1 ? '' : 's'}${words ? ` (${escapeMarkdown(words)})` : ' (pending and errored)'}.`,
  );
  // The file is in the space: a database outage now must not turn that into "did not work".
  await retryTransient(() =>
    ctx.services.store.audit.record({ actor: ctx.actor.email, roomId: ctx.room.id, action: 'users.export', result: 'ok', detail: { count, filter: words } }),
  ).catch((err: unknown) => ctx.log.error({ err: describeFailure(err) }, 'export sent; its audit entry could not be written'));
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export [same filters as users]',
  description: 'The current list as a CSV file in this space.',
  example: 'export error',
  async run(ctx, args) {
    const parsed = parseListFilter(args);
    if (!parsed.ok) return ctx.reply(escapeMarkdown(parsed.problem));
    await sendExport(ctx, parsed.filter);
  },
};
