// The card-action registry.
import type { CardAction } from '../types.js';
import { alertsActions } from './alerts.js';
import { emailsActions } from './emails.js';
import { errorsActions } from './errors.js';
import { lateActions } from './late.js';
import { templatesActions } from './templates.js';
import { usersActions } from './users.js';
import { orgsActions } from './orgs.js';

export function createActions(extra: CardAction[] = []): CardAction[] {
  return [...emailsActions, ...usersActions, ...templatesActions, ...alertsActions, ...errorsActions, ...orgsActions, ...lateActions, ...extra];
}
