// Read-only answers: the customer templates check and the audit log.
import { t } from '../../i18n/translate.js';
import { renderAudit, renderTemplatesCheck } from '../../cards/index.js';
import type { BotContext } from '../types.js';
import { showResult } from './result.js';

export async function showTemplates(ctx: BotContext): Promise<void> {
  const { supported, templates } = await ctx.services.provisioning.templates();
  if (!supported) {
    await showResult(ctx, 'error', t('adminView.noTemplates'), t('adminView.noTemplatesMessage', { path: t('templates.path') }));
    return;
  }
  await ctx.replyCard((cardId) => renderTemplatesCheck({ cardId, templates }));
}

export async function showAudit(ctx: BotContext, take = 15): Promise<void> {
  const { audit } = ctx.services;
  // In one customer org (a bound space, or a customer's admin): that org's entries only.
  const orgIds = ctx.scope.kind === 'org' ? [ctx.scope.orgId] : undefined;
  const [entries, total] = await Promise.all([audit.latest(take, { orgIds }), audit.count()]);
  await ctx.replyCard((cardId) => renderAudit({ cardId, entries, total }));
}
