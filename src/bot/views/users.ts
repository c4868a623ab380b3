// The users list, one user, and the list as CSV: shared by the `users`/`user`/`export` commands
// and the buttons of those cards. Each loads current state through the provisioning service.
import { t } from '../../i18n/translate.js';
import { escapeMarkdown, freshnessLine, renderErrorText, renderRemoveConfirm, renderUserDetail, renderUsersList, USERS_PAGE_SIZE, type CardContext, type FreshnessView, type UsersFilter } from '../../cards/index.js';
import { csvFreshnessRow, subscribersCsv } from '../../export/subscribers-csv.js';
import { shortExplanation } from '../../error-intelligence/explain.js';
import { failureDetail } from '../../provisioning/errors.js';
import type { Subscriber } from '../../store/subscribers.js';
import { describeFilter, toSubscriberFilter } from '../list-filter.js';
import type { BotContext } from '../types.js';

const sameFilter = (a: UsersFilter, b: UsersFilter) =>
  JSON.stringify([a.statuses, a.enterprise ?? null, a.text ?? null, a.includeProvisioned]) ===
  JSON.stringify([b.statuses, b.enterprise ?? null, b.text ?? null, b.includeProvisioned]);

/** The mirror brought up to date with Webex first (bounded wait), as the card will say it. */
export async function freshView(ctx: BotContext): Promise<FreshnessView> {
  const f = await ctx.services.provisioning.freshSubscribers();
  if (f.kind === 'fresh') return { asOf: f.asOf };
  const { status, trackingId, slow } = f.problem;
  return { asOf: f.asOf, problem: { status, trackingId, slow } };
}

/** Page `page` of the list; a neighbour of the previous card's page is fetched by keyset. */
export async function showUsers(ctx: BotContext, filter: UsersFilter, page: number, from?: CardContext<'users'>): Promise<void> {
  const { provisioning } = ctx.services;
  const freshness = await freshView(ctx);
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
  const explanations = await ctx.services.errorIntelligence.explainEach(rows);
  // Partner-wide, each row names its customer org.
  const orgNames = ctx.scope.kind === 'partner' ? await ctx.services.orgs.names(rows.flatMap((r) => (r.orgId ? [r.orgId] : []))) : null;
  const explained = rows.map((r, i) => ({ ...r, orgName: orgNames && r.orgId ? (orgNames.get(r.orgId) ?? null) : null, explanation: explanations[i] ? shortExplanation(explanations[i]) : null }));
  const counts = await provisioning.counts({ enterpriseId: storeFilter.enterpriseId, text: storeFilter.text });
  const total = (storeFilter.statuses ?? []).reduce((sum, s) => sum + counts[s], 0);
  const now = ctx.services.now();
  await ctx.replyCard((cardId) => renderUsersList({ cardId, rows: explained, page, pageSize: size, total, countsByStatus: counts, filter, freshness, now }));
}

export async function showUser(ctx: BotContext, subscriber: Subscriber, backTo?: UsersFilter | null, freshness?: FreshnessView): Promise<void> {
  // Partner-wide, one user's card is their org's: its header names the org, its buttons act there.
  if (ctx.scope.kind === 'partner' && subscriber.orgId) return showUser(ctx.inOrg(subscriber.orgId, await ctx.services.orgs.orgName(subscriber.orgId)), subscriber, backTo, freshness);
  const [explanation] = await ctx.services.errorIntelligence.explainEach([subscriber]);
  await ctx.replyCard((cardId) => renderUserDetail({ cardId, user: subscriber, backTo: backTo ?? undefined, explanation, freshness, now: ctx.services.now() }));
}

/** `user <id|email>`: found in the mirror once it has caught up with Webex; false if not found. */
export async function findAndShowUser(ctx: BotContext, key: string): Promise<boolean> {
  const freshness = await freshView(ctx);
  const [found] = await ctx.services.provisioning.findSubscribers(key);
  if (!found) return false;
  await showUser(ctx, found, null, freshness);
  return true;
}

export async function showRemoveConfirm(ctx: BotContext, subscriber: Subscriber): Promise<void> {
  await ctx.replyCard((cardId) => renderRemoveConfirm({ cardId, user: subscriber }));
}

export async function showErrorText(ctx: BotContext, subscriber: Subscriber): Promise<void> {
  await ctx.replyCard((cardId) => renderErrorText({ cardId, user: subscriber }));
}

/** The list as a CSV file in the space, then audited. */
export async function sendExport(ctx: BotContext, filter: UsersFilter): Promise<void> {
  const freshness = await freshView(ctx);
  const now = ctx.services.now();
  const asOf = freshness.asOf ?? now;
  const { data, count } = await subscribersCsv(
    (columns, out) => ctx.services.provisioning.writeCsv(toSubscriberFilter(filter), columns, out),
    csvFreshnessRow(freshness, now),
    await ctx.services.errorIntelligence.notes(),
    // Partner-wide, each row says whose user it is.
    { withOrg: ctx.scope.kind === 'partner' },
  );
  // The file's name carries the data's time; a list Webex could not refresh says so in it too.
  const stamp = asOf.toISOString().slice(0, 19).replace(/[-:]/g, '');
  const filename = `broadworks-users-${freshness.problem ? 'stale-' : ''}as-of-${stamp}Z.csv`;
  const words = describeFilter(filter);
  await ctx.replyFile(
    { filename, contentType: 'text/csv', data },
    t('export.message', { n: count, filter: words ? escapeMarkdown(words) : t('export.pendingErrored'), freshness: freshnessLine(freshness, now) }).trim(),
  );
  // The file is in the space: a database outage now must not turn that into "did not work".
  await ctx.services.audit
    .recordDone({ actor: ctx.actor.email, roomId: ctx.room.id, action: 'users.export', result: 'ok', detail: { count, filter: words } })
    .catch((err: unknown) => ctx.log.error({ err: failureDetail(err) }, 'export sent; its audit entry could not be written'));
}
