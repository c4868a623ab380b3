// Buttons of the failure-alerts status card.
import { turnErrors } from '../views/errors.js';
import { defineAction } from './define.js';

export const errorsActions = [defineAction('errors.on', (ctx) => turnErrors(ctx, true)), defineAction('errors.off', (ctx) => turnErrors(ctx, false))];
