// The answers shared by commands and card actions: each loads current state and sends one card.
// Cards record what they offered (actions and ids) so a click is checked against it later.
import {
  renderAudit,
  renderEmailsStatus,
  renderHelp,
  renderResult,
  renderTemplatesCheck,
  renderUserDetail,
  renderUsersList,
  USERS_PAGE_SIZE,
  type AnyFollowUp,
  type ResultKind,
  type UsersFilter,
} from '../cards/index.js';
import { AUTO_EMAILS_KEY } from '../provisioning/service.js';
import { TEMPLATE_PATH } from '../provisioning/template-check.js';
import type { Subscriber } from '../store/subscribers.js';
import { toSubscriberFilter } from './list-filter.js';
import type { BotContext, Command, RenderedCard } from './types.js';

export interface UsersCardContext {
  filter: UsersFilter;
  page: number;
  subscriberIds: string[];
  first?: { t: string; id: string };
  last?: { t: string; id: string };
}

const key = (s: Subscriber) => ({ t: s.lastStatusChange.toISOString(), id: s.id });
const sameFilter = (a: UsersFilter, b: UsersFilter) =>
  JSON.stringify([a.statuses, a.enterprise ?? null, a.text ?? null, a.includeProvisioned]) ===
  JSON.stringify([b.statuses, b.enterprise ?? null, b.text ?? null, b.includeProvisioned]);

/** Page `page` of the list; a neighbour of the previous card's page is fetched by keyset. */
export async function showUsers(ctx: BotContext, filter: UsersFilter, page: number, from?: UsersCardContext): Promise<void> {
  const { provisioning } = ctx.services;
  const storeFilter = toSubscriberFilter(filter);
  const size = USERS_PAGE_SIZE;
  let rows: Subscriber[];
  if (from && sameFilter(from.filter, filter) && page === from.page + 1 && from.last) {
    rows = (await provisioning.page(storeFilter, size, { lastStatusChange: new Date(from.last.t), id: from.last.id }, 'next')).rows;
  } else if (from && sameFilter(from.filter, filter) && page === from.page - 1 && from.first) {
    rows = (await provisioning.page(storeFilter, size, { lastStatusChange: new Date(from.first.t), id: from.first.id }, 'prev')).rows;
  } else {
    rows = await ctx.services.store.subscribers.pageAt(storeFilter, size, page * size);
  }
  const counts = await provisioning.counts({ enterpriseId: storeFilter.enterpriseId, text: storeFilter.text });
  const total = storeFilter.statuses!.reduce((sum, s) => sum + counts[s], 0);
  const context: UsersCardContext = {
    filter,
    page,
    subscriberIds: rows.map((r) => r.id),
    first: rows[0] && key(rows[0]),
    last: rows.at(-1) && key(rows.at(-1)!),
  };
  await ctx.replyCard(
    { kind: 'users', actions: ['user.open', 'users.page', 'users.export', 'users.filter'], context: context as never },
    (cardId) => renderUsersList({ cardId, rows, page, pageSize: size, total, countsByStatus: counts, filter }),
  );
}

export async function showUser(ctx: BotContext, subscriber: Subscriber, backTo?: UsersFilter): Promise<void> {
  await ctx.replyCard(
    {
      kind: 'user',
      actions: ['user.retry', 'user.remove', 'user.package', 'user.copyError', 'users.page'],
      context: { subscriberIds: [subscriber.id], filter: backTo ?? null, page: -1 } as never,
    },
    (cardId) => renderUserDetail({ cardId, user: subscriber, backTo }),
  );
}

export async function showResult(
  ctx: BotContext,
  kind: ResultKind,
  title: string,
  message?: string,
  options: { facts?: { title: string; value: string | number | null | undefined }[]; followUps?: AnyFollowUp[]; context?: Record<string, unknown> } = {},
): Promise<void> {
  const followUps = options.followUps ?? [];
  await ctx.replyCard({ kind: 'result', actions: followUps.map((f) => f.action), context: options.context as never }, (cardId) =>
    renderResult({ cardId, kind, title, message, facts: options.facts, followUps }),
  );
}

export async function showEmails(ctx: BotContext): Promise<void> {
  const { provisioning, store, config } = ctx.services;
  const enabled = await provisioning.autoEmails();
  const last = (await store.settings.history(config.admin.orgId ?? 'simulator', AUTO_EMAILS_KEY, 5)).find((h) => h.changedBy !== 'webex');
  await ctx.replyCard(
    { kind: 'emails', actions: ['emails.on', 'emails.off', 'emails.sendOne', 'emails.sendAll', 'emails.checklist'] },
    (cardId) => renderEmailsStatus({ cardId, enabled, changedBy: last?.changedBy, changedAt: last?.changedAt }),
  );
}

export async function showTemplates(ctx: BotContext): Promise<void> {
  const { supported } = await ctx.services.provisioning.sync.templates();
  if (!supported) {
    await showResult(ctx, 'error', 'Customer templates are not available through the Webex API', `Check each template in ${TEMPLATE_PATH}: "Untrusted Emails" must be checked and "Share Link" must point to the Activation link.`);
    return;
  }
  const templates = await ctx.services.store.templates.list();
  await ctx.replyCard({ kind: 'templates', actions: ['templates.refresh'] }, (cardId) => renderTemplatesCheck({ cardId, templates }));
}

export async function showAudit(ctx: BotContext, take = 15): Promise<void> {
  const { audit } = ctx.services.store;
  const [entries, total] = await Promise.all([audit.latest(take), audit.count()]);
  await ctx.replyCard({ kind: 'audit', actions: [] }, (cardId) => renderAudit({ cardId, entries, total }));
}

/** The help card depends only on the commands and the kind of space: rendered once per kind. */
const helpCards = new WeakMap<Command[], Map<string, RenderedCard>>();

export async function showHelp(ctx: BotContext, commands: Command[]): Promise<void> {
  let byRoom = helpCards.get(commands);
  if (!byRoom) helpCards.set(commands, (byRoom = new Map()));
  let rendered = byRoom.get(ctx.room.type);
  if (!rendered) {
    rendered = renderHelp({
      cardId: 'static-help',
      commands: commands.map((c) => ({ command: c.usage, description: c.description, example: c.example })),
      intro: ctx.room.type === 'group' ? 'In a group space, @mention me first, e.g. "@Activation Bot users".' : undefined,
    });
    byRoom.set(ctx.room.type, rendered);
  }
  const card = rendered;
  await ctx.replyCard({ kind: 'help', actions: [] }, () => card);
}
