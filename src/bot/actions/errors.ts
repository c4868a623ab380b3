// Buttons of the failure cards: errors on/off, a cause group and its actions, bulk jobs.
import { t } from '../../i18n/translate.js';
import type { OfferedCard } from '../../cards/index.js';
import type { BotContext } from '../types.js';
import { cancelBulk, confirmBulk, showBulkStatus } from '../views/bulk.js';
import { sendCauseExport, showBulkPreview, showCauseGroup, showCauseUsers } from '../views/error-groups.js';
import { turnErrors } from '../views/errors.js';
import { showResult } from '../views/result.js';
import { defineAction, offered } from './define.js';

/** The cause and filter the clicked card offered; null (and the admin told) for any other cause. */
async function offeredCause(ctx: BotContext, card: OfferedCard, key: string) {
  if ((card.kind === 'errors.groups' || card.kind === 'errors.group') && card.context.causeKeys.includes(key)) return card.context.filter;
  await showResult(ctx, 'refused', t('act.causeNotOnCard'), t('act.causeNotOnCardMessage'));
  return null;
}

async function offeredJob(ctx: BotContext, card: OfferedCard, jobId: string): Promise<boolean> {
  if (offered(card, 'jobIds', jobId)) return true;
  await showResult(ctx, 'refused', t('act.jobNotOnCard'), t('common.nothingChanged'));
  return false;
}

export const errorsActions = [
  defineAction('errors.on', (ctx) => turnErrors(ctx, true)),
  defineAction('errors.off', (ctx) => turnErrors(ctx, false)),
  defineAction('errors.group.open', async (ctx, data, card) => {
    const filter = await offeredCause(ctx, card, data.causeKey);
    if (filter) await showCauseGroup(ctx, data.causeKey, filter);
  }),
  defineAction('errors.group.users', async (ctx, data, card) => {
    const filter = await offeredCause(ctx, card, data.causeKey);
    if (filter) await showCauseUsers(ctx, data.causeKey, filter);
  }),
  defineAction('errors.group.export', async (ctx, data, card) => {
    const filter = await offeredCause(ctx, card, data.causeKey);
    if (filter) await sendCauseExport(ctx, data.causeKey, filter);
  }),
  defineAction('errors.group.bulk', async (ctx, data, card) => {
    const filter = await offeredCause(ctx, card, data.causeKey);
    if (filter) await showBulkPreview(ctx, data.causeKey, data.kind, filter);
  }),
  defineAction(
    'bulk.confirm',
    async (ctx, data, card) => {
      if (await offeredJob(ctx, card, data.jobId)) await confirmBulk(ctx, data.jobId);
    },
    (d) => d.jobId,
  ),
  defineAction('bulk.cancel', async (ctx, data, card) => {
    if (await offeredJob(ctx, card, data.jobId)) await cancelBulk(ctx, data.jobId);
  }),
  defineAction('bulk.refresh', (ctx) => showBulkStatus(ctx)),
];
