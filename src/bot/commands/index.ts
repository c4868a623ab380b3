// The command registry: help is generated from it, so it cannot drift.
import { t } from '../../i18n/translate.js';
import type { Command } from '../types.js';
import { showHelp } from '../views/help.js';
import { alertsCommands } from './alerts.js';
import { emailsCommand } from './emails.js';
import { bulkCommand } from './bulk.js';
import { errorsCommand } from './errors.js';
import { explainCommand } from './explain.js';
import { exportCommand } from './export.js';
import { auditCommand, templatesCommand } from './simple.js';
import { statsCommand } from './stats.js';
import { userCommand } from './user.js';
import { usersCommand } from './users.js';
import { languageCommand } from './language.js';
import { adminsCommand, orgCommand, orgsCommand } from './orgs.js';

export function createCommands(extra: Command[] = []): Command[] {
  const commands: Command[] = [emailsCommand, usersCommand, userCommand, exportCommand, templatesCommand, ...alertsCommands, errorsCommand, explainCommand, bulkCommand, statsCommand, orgsCommand, orgCommand, adminsCommand, languageCommand, ...extra, auditCommand];
  const help: Command = {
    name: 'help',
    usage: 'help',
    description: 'command.help',
    example: 'help',
    run: (ctx) => showHelp(ctx, all),
  };
  const all = [help, ...commands];
  return all;
}

export function shortHelp(commands: Command[]): string {
  return t('help.unknown', { commands: commands.map((c) => `\`${c.name}\``).join(', ') });
}
