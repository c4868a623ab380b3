// inactive | remind <email|all> | alerts [on|off|status]: the inactive-user follow-up.
import { t } from '../../i18n/translate.js';
import { z } from 'zod';
import { escapeMarkdown } from '../../cards/index.js';
import type { Command } from '../types.js';
import { remindByEmail, showAlertsStatus, showDigest, showRemindAllConfirm, turnAlerts } from '../views/alerts.js';

const email = z.string().max(254).pipe(z.email());

export const inactiveCommand: Command = {
  name: 'inactive',
  reach: 'org',
  usage: 'inactive',
  description: 'command.inactive',
  example: 'inactive',
  run: (ctx) => showDigest(ctx, 0),
};

export const remindCommand: Command = {
  name: 'remind',
  reach: 'org',
  usage: 'remind <email | all>',
  description: 'command.remind',
  example: 'remind ana.popescu@acme.com',
  // `remind all` previews first anyway; one email goes at once.
  changes: (args) => args.length > 0 && args.join(' ').trim().toLowerCase() !== 'all',
  async run(ctx, args) {
    const target = args.join(' ').trim();
    if (!target) return ctx.reply(t('cmd.remind.who'));
    if (target.toLowerCase() === 'all') return showRemindAllConfirm(ctx);
    const parsed = email.safeParse(target);
    if (!parsed.success) return ctx.reply(t('cmd.remind.notEmail', { text: escapeMarkdown(target.slice(0, 100)) }));
    if (!(await remindByEmail(ctx, parsed.data))) await ctx.reply(t('act.noSuchUserMessage', { email: escapeMarkdown(parsed.data) }));
  },
};

export const alertsCommand: Command = {
  name: 'alerts',
  reach: 'partner',
  usage: 'alerts [on|off|status]',
  description: 'command.alerts',
  example: 'alerts on',
  changes: (args) => ['on', 'off'].includes(args[0]?.toLowerCase() ?? ''),
  async currentState(ctx) {
    const sub = await ctx.services.followUp.subscription(ctx.room.id);
    return sub?.active ? t('cmd.alerts.stateOn', { who: sub.subscribedBy }) : t('cmd.alerts.stateOff');
  },
  async run(ctx, args) {
    const sub = args[0]?.toLowerCase() ?? 'status';
    if (sub === 'on' || sub === 'off') return turnAlerts(ctx, sub === 'on');
    if (sub === 'status') return showAlertsStatus(ctx);
    await ctx.reply(t('cmd.alerts.use'));
  },
};

export const alertsCommands: Command[] = [inactiveCommand, remindCommand, alertsCommand];
