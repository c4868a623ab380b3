// templates and audit: read-only answers.
import type { Command } from '../types.js';
import { showAudit, showTemplates } from '../views/admin.js';

export const templatesCommand: Command = {
  name: 'templates',
  reach: 'partner',
  usage: 'templates',
  description: 'Each customer template, with a pass/fail of its User Authentication settings and what to change.',
  example: 'templates',
  run: (ctx) => showTemplates(ctx),
};

export const auditCommand: Command = {
  name: 'audit',
  usage: 'audit',
  description: 'The latest changes made through the bot: who, what, when, result.',
  example: 'audit',
  run: (ctx) => showAudit(ctx),
};
