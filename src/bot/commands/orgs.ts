// Partner mode: `orgs` (the overview), `org` (this space's org, `org use`, `org all`) and `admins`
// (customer admins allowed into one org). In single-org mode they say there is one org.
import { escapeMarkdown } from '../../cards/index.js';
import type { Command } from '../types.js';
import { oneOrg, showOrgs } from '../views/orgs.js';

const SINGLE_ORG = 'This bot manages one org (`WEBEX_ORG_ID`). Partner mode (a partner token without `WEBEX_ORG_ID`) serves many customer orgs; the README says how.';

export const orgsCommand: Command = {
  name: 'orgs',
  usage: 'orgs [find <text>]',
  description: 'command.orgs',
  example: 'orgs find acme',
  async run(ctx, args) {
    if (!ctx.services.orgs.partner) return ctx.reply(SINGLE_ORG);
    const [first, ...rest] = args;
    const text = first?.toLowerCase() === 'find' ? rest.join(' ').trim() : args.join(' ').trim();
    if (first?.toLowerCase() === 'find' && !text) return ctx.reply('Say what to find: `orgs find <part of the name>`.');
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
    if (!orgs.partner) return ctx.reply(SINGLE_ORG);
    const verb = args[0]?.toLowerCase();
    if (verb === undefined) {
      const bound = await orgs.boundOrg(ctx.room.id);
      if (bound) return ctx.reply(`This space works on **${escapeMarkdown(await orgs.orgName(bound), 120)}**. \`org all\` makes it work on every customer org again.`);
      return ctx.reply(
        ctx.access.kind === 'all'
          ? 'This space works on **every customer org**: `users`, `errors` and `export` cover them all, and org-level commands (`emails`, `remind`, `inactive`) ask which org. `org use <name>` binds it to one.'
          : 'This space is not bound to an org. `org use <name>` binds it to one of yours.',
      );
    }
    if (verb === 'use') {
      const text = args.slice(1).join(' ').trim();
      if (!text) return ctx.reply('Say which org: `org use <name or id>` (`orgs` lists them).');
      const org = await oneOrg(ctx, text.slice(0, 200));
      if (!org) return;
      await orgs.bind(ctx.room.id, org, ctx.actor.email);
      return ctx.reply(`This space now works on **${escapeMarkdown(org.name, 120)}**: every answer and card here is about that org only. \`org all\` undoes it.`);
    }
    if (verb === 'all') {
      if (ctx.access.kind !== 'all') return ctx.reply('Only the partner\'s admins can make a space work on every customer org.');
      const removed = await orgs.unbind(ctx.room.id, ctx.actor.email);
      return ctx.reply(removed ? 'This space works on **every customer org** again.' : 'This space already works on every customer org.');
    }
    return ctx.reply('Try `org`, `org use <name or id>` or `org all`.');
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
    if (!orgs.partner) return ctx.reply(`${SINGLE_ORG} Its admins are \`ADMIN_EMAILS\`.`);
    const verb = args[0]?.toLowerCase();
    if (verb === undefined) {
      const grants = await orgs.admins();
      const names = new Map<string, string>();
      for (const g of grants) if (!names.has(g.orgId)) names.set(g.orgId, await orgs.orgName(g.orgId));
      const lines = grants.map((g) => `- ${escapeMarkdown(g.email, 120)}: **${escapeMarkdown(names.get(g.orgId) ?? g.orgId, 120)}** (added by ${escapeMarkdown(g.grantedBy, 120)})`);
      return ctx.reply(
        [
          `**Partner admins** (every org, from \`ADMIN_EMAILS\`): ${ctx.services.config.adminEmails.map((e) => escapeMarkdown(e, 120)).join(', ')}`,
          lines.length ? `**Customer admins** (their org only):\n${lines.join('\n')}` : 'No customer admins yet: `admins add <email> <org>` adds one.',
        ].join('\n\n'),
      );
    }
    const email = args[1]?.toLowerCase() ?? '';
    const orgText = args.slice(2).join(' ').trim();
    if (verb === 'add') {
      if (!EMAIL.test(email) || !orgText) return ctx.reply('Say who and which org: `admins add <email> <org name or id>`.');
      if (ctx.services.config.adminEmails.includes(email)) return ctx.reply(`${escapeMarkdown(email, 120)} is a partner admin already (every org).`);
      const org = await oneOrg(ctx, orgText.slice(0, 200));
      if (!org) return;
      const added = await orgs.grant(email, org, ctx.actor.email, ctx.room.id);
      return ctx.reply(
        added
          ? `${escapeMarkdown(email, 120)} can now use the bot for **${escapeMarkdown(org.name, 120)}** only, in any space with the bot.`
          : `${escapeMarkdown(email, 120)} could already use the bot for **${escapeMarkdown(org.name, 120)}**.`,
      );
    }
    if (verb === 'remove') {
      if (!EMAIL.test(email)) return ctx.reply('Say who: `admins remove <email> [<org name or id>]` (without an org: from every org).');
      const org = orgText ? await oneOrg(ctx, orgText.slice(0, 200)) : null;
      if (orgText && !org) return;
      const removed = await orgs.revoke(email, org, ctx.actor.email, ctx.room.id);
      return ctx.reply(
        removed > 0
          ? `${escapeMarkdown(email, 120)} can no longer use the bot for ${org ? `**${escapeMarkdown(org.name, 120)}**` : 'any customer org'}.`
          : `${escapeMarkdown(email, 120)} was not a customer admin${org ? ` of **${escapeMarkdown(org.name, 120)}**` : ''}.`,
      );
    }
    return ctx.reply('Try `admins`, `admins add <email> <org>` or `admins remove <email> [<org>]`.');
  },
};
