// Partner mode: `orgs` (the overview), `org` (this space's org, `org use`, `org all`) and `admins`
// (customer admins allowed into one org). In single-org mode they say there is one org.
import { t } from '../../i18n/translate.js';
import { escapeMarkdown } from '../../cards/index.js';
import type { Command } from '../types.js';
import { oneOrg, showOrgs } from '../views/orgs.js';


export const orgsCommand: Command = {
  name: 'orgs',
  usage: 'orgs [find <text>]',
  description: 'command.orgs',
  example: 'orgs find acme',
  async run(ctx, args) {
    if (!ctx.services.orgs.partner) return ctx.reply(t('orgCmd.singleOrg'));
    const [first, ...rest] = args;
    const text = first?.toLowerCase() === 'find' ? rest.join(' ').trim() : args.join(' ').trim();
    if (first?.toLowerCase() === 'find' && !text) return ctx.reply(t('orgCmd.findWhat'));
    await showOrgs(ctx, 0, text ? text.slice(0, 100) : null);
  },
};

export const orgCommand: Command = {
  name: 'org',
  usage: 'org [use <name | id> | all]',
  description: 'command.org',
  example: 'org use Acme Holdings',
  changes: (args) => ['use', 'all'].includes(args[0]?.toLowerCase() ?? ''),
  async run(ctx, args) {
    const orgs = ctx.services.orgs;
    if (!orgs.partner) return ctx.reply(t('orgCmd.singleOrg'));
    const verb = args[0]?.toLowerCase();
    if (verb === undefined) {
      const bound = await orgs.boundOrg(ctx.room.id);
      if (bound) return ctx.reply(t('orgCmd.bound', { org: escapeMarkdown(await orgs.orgName(bound), 120) }));
      return ctx.reply(ctx.access.kind === 'all' ? t('orgCmd.allOrgs') : t('orgCmd.notBound'));
    }
    if (verb === 'use') {
      const text = args.slice(1).join(' ').trim();
      if (!text) return ctx.reply(t('orgCmd.whichOrg'));
      const org = await oneOrg(ctx, text.slice(0, 200));
      if (!org) return;
      await orgs.bind(ctx.room.id, org, ctx.actor.email);
      ctx.services.languages.orgChanged(ctx.room.id);
      return ctx.reply(t('orgCmd.nowBound', { org: escapeMarkdown(org.name, 120) }));
    }
    if (verb === 'all') {
      if (ctx.access.kind !== 'all') return ctx.reply(t('orgCmd.partnerOnlyAll'));
      const removed = await orgs.unbind(ctx.room.id, ctx.actor.email);
      ctx.services.languages.orgChanged(ctx.room.id);
      return ctx.reply(removed ? t('orgCmd.allAgain') : t('orgCmd.alreadyAll'));
    }
    return ctx.reply(t('orgCmd.try'));
  },
};

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export const adminsCommand: Command = {
  name: 'admins',
  usage: 'admins [add <email> <org> | remove <email> [<org>]]',
  description: 'command.admins',
  example: 'admins add it@acme.example Acme Holdings',
  reach: 'partner',
  changes: (args) => ['add', 'remove'].includes(args[0]?.toLowerCase() ?? ''),
  async run(ctx, args) {
    const orgs = ctx.services.orgs;
    if (!orgs.partner) return ctx.reply(t('orgCmd.singleOrgAdmins'));
    const verb = args[0]?.toLowerCase();
    if (verb === undefined) {
      const grants = await orgs.admins();
      const names = new Map<string, string>();
      for (const g of grants) if (!names.has(g.orgId)) names.set(g.orgId, await orgs.orgName(g.orgId));
      const lines = grants.map((g) => t('admins.grantLine', { email: escapeMarkdown(g.email, 120), org: escapeMarkdown(names.get(g.orgId) ?? g.orgId, 120), by: escapeMarkdown(g.grantedBy, 120) }));
      return ctx.reply(
        [
          t('admins.partner', { emails: ctx.services.config.adminEmails.map((e) => escapeMarkdown(e, 120)).join(', ') }),
          lines.length ? `${t('admins.customers')}\n${lines.join('\n')}` : t('admins.noneYet'),
        ].join('\n\n'),
      );
    }
    const email = args[1]?.toLowerCase() ?? '';
    const orgText = args.slice(2).join(' ').trim();
    if (verb === 'add') {
      if (!EMAIL.test(email) || !orgText) return ctx.reply(t('admins.addWho'));
      if (ctx.services.config.adminEmails.includes(email)) return ctx.reply(t('admins.alreadyPartner', { email: escapeMarkdown(email, 120) }));
      const org = await oneOrg(ctx, orgText.slice(0, 200));
      if (!org) return;
      const added = await orgs.grant(email, org, ctx.actor.email, ctx.room.id);
      return ctx.reply(
        t(added ? 'admins.added' : 'admins.alreadyAdded', { email: escapeMarkdown(email, 120), org: escapeMarkdown(org.name, 120) }),
      );
    }
    if (verb === 'remove') {
      if (!EMAIL.test(email)) return ctx.reply(t('admins.removeWho'));
      const org = orgText ? await oneOrg(ctx, orgText.slice(0, 200)) : null;
      if (orgText && !org) return;
      const removed = await orgs.revoke(email, org, ctx.actor.email, ctx.room.id);
      return ctx.reply(
        removed > 0
          ? org
            ? t('admins.removed', { email: escapeMarkdown(email, 120), org: escapeMarkdown(org.name, 120) })
            : t('admins.removedAll', { email: escapeMarkdown(email, 120) })
          : org
            ? t('admins.wasNot', { email: escapeMarkdown(email, 120), org: escapeMarkdown(org.name, 120) })
            : t('admins.wasNotAny', { email: escapeMarkdown(email, 120) }),
      );
    }
    return ctx.reply(t('admins.try'));
  },
};
