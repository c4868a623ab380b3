// `errors` and its cards: failing users by cause, one cause with what fits it, its users, its CSV,
// and the preview of a bulk job on it. Each re-reads the groups from the mirror (brought up to date
// first): a card's cause is only a key, its members are whoever has that cause now.
import { t } from '../../i18n/translate.js';
import { consentFits, escapeMarkdown, freshnessLine, renderBulkPreview, renderErrorsGroup, renderErrorsGroups, renderFailurePush, type CauseFilterView } from '../../cards/index.js';
import type { CauseGroup } from '../../error-intelligence/groups.js';
import { retryCanHelp, shortExplanation } from '../../error-intelligence/explain.js';
import type { BulkKind } from '../../store/bulk-jobs.js';
import { csvFreshnessRow, subscribersCsv } from '../../export/subscribers-csv.js';
import { failureDetail } from '../../provisioning/errors.js';
import type { BotContext } from '../types.js';
import { showResult } from './result.js';
import { freshView } from './users.js';

const toStoreFilter = (f: CauseFilterView) => ({ enterpriseId: f.enterprise ?? undefined, text: f.text ?? undefined });

export async function showCauseGroups(ctx: BotContext, filter: CauseFilterView): Promise<void> {
  const freshness = await freshView(ctx);
  const groups = await ctx.services.errorIntelligence.groups(ctx.services.provisioning.scoped(toStoreFilter(filter)));
  const now = ctx.services.now();
  await ctx.replyCard((cardId) => renderErrorsGroups({ cardId, groups, filter, freshness, now }));
}

/** The group as it is now; null (and the admin told) when nobody has that cause any more. */
async function currentGroup(ctx: BotContext, key: string, filter: CauseFilterView): Promise<CauseGroup | null> {
  const group = await ctx.services.errorIntelligence.group(key, ctx.services.provisioning.scoped(toStoreFilter(filter)));
  if (!group) await showResult(ctx, 'stale', t('errorsView.noCause'), t('errorsView.noCauseMessage'));
  return group;
}

export async function showCauseGroup(ctx: BotContext, key: string, filter: CauseFilterView): Promise<void> {
  const freshness = await freshView(ctx);
  const group = await currentGroup(ctx, key, filter);
  if (!group) return;
  const now = ctx.services.now();
  await ctx.replyCard((cardId) => renderErrorsGroup({ cardId, group, filter, freshness, now }));
}

export async function showCauseUsers(ctx: BotContext, key: string, filter: CauseFilterView): Promise<void> {
  const freshness = await freshView(ctx);
  const group = await currentGroup(ctx, key, filter);
  if (!group) return;
  const { errorIntelligence } = ctx.services;
  const members = await errorIntelligence.members(group, ctx.services.provisioning.scoped(toStoreFilter(filter)), 10);
  const explanation = shortExplanation(group.explanation);
  await ctx.replyCard((cardId) =>
    renderFailurePush({
      cardId,
      users: members.map((m) => ({ ...m, kind: m.status === 'error' ? 'error' : 'stuck' })),
      total: group.count,
      stuckAfterHours: errorIntelligence.stuckAfterHours,
      freshness,
      now: ctx.services.now(),
      heading: { title: t('errorsView.heading', { n: group.count, title: group.explanation.known ? group.explanation.title : group.codeLabel }), summary: explanation },
    }),
  );
}

export async function sendCauseExport(ctx: BotContext, key: string, filter: CauseFilterView): Promise<void> {
  const freshness = await freshView(ctx);
  const group = await currentGroup(ctx, key, filter);
  if (!group) return;
  const { errorIntelligence } = ctx.services;
  const now = ctx.services.now();
  // The users export, narrowed to the cause: same columns, same first row saying how fresh it is.
  const { data, count } = await subscribersCsv(
    (columns, out) => errorIntelligence.writeCsv(group, ctx.services.provisioning.scoped(toStoreFilter(filter)), columns, out),
    csvFreshnessRow(freshness, now),
    await errorIntelligence.notes(),
    { explainAllStatuses: true },
  );
  const stamp = (freshness.asOf ?? now).toISOString().slice(0, 19).replace(/[-:]/g, '');
  const code = group.key.replace(/^(code|status|text):/, '').replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  await ctx.replyFile(
    { filename: `errors-${code}-${freshness.problem ? 'stale-' : ''}as-of-${stamp}Z.csv`, contentType: 'text/csv', data },
    t('errorsView.exportMessage', { n: count, title: escapeMarkdown(group.explanation.known ? group.explanation.title : group.codeLabel, 120), freshness: freshnessLine(freshness, now) }).trim(),
  );
  await ctx.services.audit
    .recordDone({ actor: ctx.actor.email, roomId: ctx.room.id, action: 'errors.export', result: 'ok', detail: { cause: group.key, count } })
    .catch((err: unknown) => ctx.log.error({ err: failureDetail(err) }, 'export sent; its audit entry could not be written'));
}

const REFUSALS: Record<BulkKind, (g: CauseGroup) => string | null> = {
  retry: (g) =>
    retryCanHelp(g.explanation) ? null : t('errorsView.retryCannot', { title: g.explanation.known ? g.explanation.title : g.codeLabel, fix: g.explanation.fix ?? t('errorsView.notInCatalogueFix') }),
  consent: (g) => (consentFits(g) ? null : t('errorsView.consentOnly')),
  remove: () => null,
};

export async function showBulkPreview(ctx: BotContext, key: string, kind: BulkKind, filter: CauseFilterView): Promise<void> {
  const freshness = await freshView(ctx);
  const group = await currentGroup(ctx, key, filter);
  if (!group) return;
  const refusal = REFUSALS[kind](group);
  if (refusal) return showResult(ctx, 'refused', t('errorsView.doesNotFit'), refusal);
  const members = await ctx.services.errorIntelligence.members(group, ctx.services.provisioning.scoped(toStoreFilter(filter)));
  const label = group.explanation.known ? group.explanation.title : t('errorsView.labelUnknown', { code: group.codeLabel });
  const { job, first, count } = await ctx.services.bulk.preview({ kind, label, causeKey: group.key, roomId: ctx.room.id, requestedBy: ctx.actor.email, orgId: ctx.services.provisioning.orgScope ?? null, subscribers: members });
  await ctx.replyCard((cardId) => renderBulkPreview({ cardId, jobId: job.id, kind, label, count, first, freshness, now: ctx.services.now() }));
}
