// The users list, one user, and the list as CSV: shared by the `users`/`user`/`export` commands
// and the buttons of those cards. Each loads current state through the provisioning service.
import { escapeMarkdown, renderErrorText, renderRemoveConfirm, renderUserDetail, renderUsersList, USERS_PAGE_SIZE, type CardContext, type UsersFilter } from '../../cards/index.js';
import { subscribersCsv } from '../../export/subscribers-csv.js';
import { failureDetail } from '../../provisioning/errors.js';
import type { Subscriber } from '../../store/subscribers.js';
import { describeFilter, toSubscriberFilter } from '../list-filter.js';
import type { BotContext } from '../types.js';

const sameFilter = (a: UsersFilter, b: UsersFilter) =>
  JSON.stringify([a.statuses, a.enterprise ?? null, a.text ?? null, a.includeProvisioned]) ===
  JSON.stringify([b.statuses, b.enterprise ?? null, b.text ?? null, b.includeProvisioned]);

/** Page `page` of the list; a neighbour of the previous card's page is fetched by keyset. */
export async function showUsers(ctx: BotContext, filter: UsersFilter, page: number, from?: CardContext<'users'>): Promise<void> {
  const { provisioning } = ctx.services;
  const storeFilter = toSubscriberFilter(filter);
  const size = USERS_PAGE_SIZE;
  const neighbour = from && sameFilter(from.filter, filter) ? from : undefined;
  let rows: Subscriber[];
  if (neighbour?.last && page === neighbour.page + 1) {
    rows = (await provisioning.page(storeFilter, size, { lastStatusChange: new Date(neighbour.last.t), id: neighbour.last.id }, 'next')).rows;
  } else if (neighbour?.first && page === neighbour.page - 1) {
    rows = (await provisioning.page(storeFilter, size, { lastStatusChange: new Date(neighbour.first.t), id: neighbour.first.id }, 'prev')).rows;
  } else {
    rows = await provisioning.pageAt(storeFilter, size, page * size);
  }
  const counts = await provisioning.counts({ enterpriseId: storeFilter.enterpriseId, text: storeFilter.text });
  const total = (storeFilter.statuses ?? []).reduce((sum, s) => sum + counts[s], 0);
  await ctx.replyCard((cardId) => renderUsersList({ cardId, rows, page, pageSize: size, total, countsByStatus: counts, filter }));
}

export async function showUser(ctx: BotContext, subscriber: Subscriber, backTo?: UsersFilter | null): Promise<void> {
  await ctx.replyCard((cardId) => renderUserDetail({ cardId, user: subscriber, backTo: backTo ?? undefined }));
}

export async function showRemoveConfirm(ctx: BotContext, subscriber: Subscriber): Promise<void> {
  await ctx.replyCard((cardId) => renderRemoveConfirm({ cardId, user: subscriber }));
}

export async function showErrorText(ctx: BotContext, subscriber: Subscriber): Promise<void> {
  await ctx.replyCard((cardId) => renderErrorText({ cardId, user: subscriber }));
}

/** The list as a CSV file in the space, then audited. */
export async function sendExport(ctx: BotContext, filter: UsersFilter): Promise<void> {
  const { data, count } = await subscribersCsv(ctx.services.provisioning, toSubscriberFilter(filter));
  const stamp = ctx.services.now().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const words = describeFilter(filter);
  await ctx.replyFile(
    { filename: `broadworks-users-${stamp}.csv`, contentType: 'text/csv', data },
    `Export of ${count} user${count === 1 ? '' : 's'}${words ? ` (${escapeMarkdown(words)})` : ' (pending and errored)'}.`,
  );
  // The file is in the space: a database outage now must not turn that into "did not work".
  await ctx.services.audit
    .recordDone({ actor: ctx.actor.email, roomId: ctx.room.id, action: 'users.export', result: 'ok', detail: { count, filter: words } })
    .catch((err: unknown) => ctx.log.error({ err: failureDetail(err) }, 'export sent; its audit entry could not be written'));
}
