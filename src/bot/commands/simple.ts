// templates and audit: read-only answers.
import type { Command } from '../types.js';
import { showAudit, showTemplates } from '../views/admin.js';

export const templatesCommand: Command = {
  name: 'templates',
  reach: 'partner',
  usage: 'templates',
  description: 'command.templates',
  example: 'templates',
  run: (ctx) => showTemplates(ctx),
};

export const auditCommand: Command = {
  name: 'audit',
  usage: 'audit',
  description: 'command.audit',
  example: 'audit',
  run: (ctx) => showAudit(ctx),
};
