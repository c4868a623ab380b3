import { showTemplates } from '../views/admin.js';
import { defineAction } from './define.js';

export const templatesActions = [defineAction('templates.refresh', (ctx) => showTemplates(ctx))];
