// Buttons of `orgs`: Open one org (its pending and errored users, as that org's cards), and paging.
import { t } from '../../i18n/translate.js';
import { mayActOn } from '../../orgs/service.js';
import { showResult } from '../views/result.js';
import { showOrgs } from '../views/orgs.js';
import { showUsers } from '../views/users.js';
import { PENDING_OR_ERROR } from '../../provisioning/types.js';
import { defineAction, offered } from './define.js';

export const orgsActions = [
  defineAction('orgs.open', async (ctx, data, card) => {
    if (!offered(card, 'orgIds', data.orgId) || !mayActOn(ctx.access, data.orgId)) {
      await showResult(ctx, 'refused', t('act.orgNotOnCard'), t('act.orgNotOnCardMessage'));
      return;
    }
    const org = await ctx.services.orgs.orgName(data.orgId);
    await showUsers(ctx.inOrg(data.orgId, org), { statuses: PENDING_OR_ERROR, enterprise: null, text: null, includeProvisioned: false }, 0);
  }),
  defineAction('orgs.page', (ctx, data) => showOrgs(ctx, data.page, data.text ?? null)),
];
