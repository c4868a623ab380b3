// `orgs`, `org`, `admins`: what a partner admin sees of the customer orgs and who may act on them.
import { t } from '../../i18n/translate.js';
import { escapeMarkdown, renderOrgs } from '../../cards/index.js';
import type { CustomerOrg } from '../../store/orgs.js';
import type { BotContext } from '../types.js';
import { freshView } from './users.js';

export const ORGS_PAGE_SIZE = 10;

export async function showOrgs(ctx: BotContext, page: number, text: string | null): Promise<void> {
  const orgs = ctx.services.orgs;
  // The counts are the subscriber mirror's: brought up to date first (bounded wait), as for `users`.
  const freshness = await freshView(ctx);
  const now = ctx.services.now();
  const { rows, total, asOf } = await orgs.overview({ page, size: ORGS_PAGE_SIZE, text: text ?? undefined, access: ctx.access });
  await ctx.replyCard((cardId) => renderOrgs({ cardId, orgs: rows, page, pageSize: ORGS_PAGE_SIZE, total, text, freshness, discoveredAt: asOf, now }));
}

/** Resolves what the admin typed to one org they may act on; every other case is answered. */
export async function oneOrg(ctx: BotContext, text: string): Promise<CustomerOrg | null> {
  const match = await ctx.services.orgs.find(text, ctx.access);
  switch (match.kind) {
    case 'one':
      return match.org;
    case 'none':
      await ctx.reply(t('orgsView.none', { text: escapeMarkdown(text, 100) }));
      return null;
    case 'many':
      await ctx.reply(
        t('orgsView.many', { text: escapeMarkdown(text, 100), names: match.orgs.map((o) => `**${escapeMarkdown(o.name, 80)}**`).join(', ') }),
      );
      return null;
    default:
      return match satisfies never;
  }
}
