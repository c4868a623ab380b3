// Buttons of the users list and the user card.
import { t } from '../../i18n/translate.js';
import { packageLabel, shownSubscriberOf, statusLabel, type OfferedCard, type UsersFilter } from '../../cards/index.js';
import type { Subscriber } from '../../store/subscribers.js';
import { PRESS_AGAIN, type BotContext } from '../types.js';
import { showResult } from '../views/result.js';
import { sendExport, showErrorText, showRemoveConfirm, showUser, showUsers } from '../views/users.js';
import { defineAction, offered } from './define.js';

const filterOf = (d: { statuses: UsersFilter['statuses']; enterprise?: string; text?: string; includeProvisioned: boolean }): UsersFilter => ({
  statuses: d.statuses,
  enterprise: d.enterprise ?? null,
  text: d.text ?? null,
  includeProvisioned: d.includeProvisioned,
});

/** True (and the admin told) when the card did not show this subscriber. */
async function refusedAsNotOffered(ctx: BotContext, card: OfferedCard, id: string): Promise<boolean> {
  if (offered(card, 'subscriberIds', id)) return false;
  // A forged submission: kept in the audit with what it named.
  await ctx.services.audit.recordDone({
    actor: ctx.actor.email,
    roomId: ctx.room.id,
    action: 'user.not-offered',
    target: id.slice(0, 200),
    orgId: ctx.services.provisioning.orgScope ?? null,
    result: 'refused',
    detail: { reason: 'a user the card did not show', cardId: card.id },
  });
  await showResult(ctx, 'refused', t('act.notOnCard'), t('common.nothingChanged'));
  return true;
}

/**
 * True (refused, audited, and the admin told) when the subscriber is not of the card's org: a
 * card of org A never acts on org B's users, whatever the submission names.
 */
async function refusedAsOtherOrg(ctx: BotContext, card: OfferedCard, subscriber: Subscriber): Promise<boolean> {
  if (!ctx.services.provisioning.outsideOrg(subscriber)) return false;
  await ctx.services.audit.recordDone({
    actor: ctx.actor.email,
    roomId: ctx.room.id,
    action: 'user.other-org',
    target: subscriber.userId,
    orgId: ctx.services.provisioning.orgScope ?? null,
    result: 'refused',
    detail: { reason: "subscriber of another org than the card's", cardId: card.id, subscriberOrg: subscriber.orgId },
  });
  await showResult(ctx, 'refused', t('act.notInOrg'), t('act.notInOrgMessage'));
  return true;
}

/** The subscriber a card offered, as the store has it now; null (and the admin told) if not. */
async function offeredSubscriber(ctx: BotContext, card: OfferedCard, id: string): Promise<Subscriber | null> {
  if (await refusedAsNotOffered(ctx, card, id)) return null;
  const current = await ctx.services.provisioning.subscriber(id);
  if (!current) await showResult(ctx, 'stale', t('act.noLongerListed'), t('act.noLongerListedMessage'));
  if (current && (await refusedAsOtherOrg(ctx, card, current))) return null;
  return current;
}

/**
 * For a change: the subscriber as Webex has it now, if it is still what the card showed. A
 * subscriber that changed since (status, package or email) or is gone is shown, not acted on.
 */
async function unchangedSubscriber(ctx: BotContext, card: OfferedCard, id: string): Promise<Subscriber | null> {
  if (await refusedAsNotOffered(ctx, card, id)) return null;
  const mirrored = await ctx.services.provisioning.subscriber(id);
  if (mirrored && (await refusedAsOtherOrg(ctx, card, mirrored))) return null;
  const current = await ctx.services.provisioning.currentSubscriber(id);
  switch (current.kind) {
    case 'unreachable':
      await showResult(ctx, 'error', t('act.webexNoAnswer'), t('act.couldNotCheck', { reason: current.reason }));
      return null;
    case 'gone':
      await showResult(ctx, 'stale', t('act.goneFromWebex'), t('act.goneMessage'));
      return null;
    case 'current': {
      const now = current.subscriber;
      if (await refusedAsOtherOrg(ctx, card, now)) return null;
      const was = shownSubscriberOf(card, id);
      if (was && (was.status !== now.status || was.package !== now.package || was.email !== (now.email ?? null))) {
        await showResult(ctx, 'stale', t('act.changed'), t('act.changedMessage'));
        await showUser(ctx, now, listFilterOf(card));
        return null;
      }
      return now;
    }
    default:
      return current satisfies never;
  }
}

/** The list a card came from (its filter), to go back to. */
const listFilterOf = (card: OfferedCard): UsersFilter | null => (card.kind === 'users' || card.kind === 'user' ? card.context.filter : null);

export const usersActions = [
  defineAction('users.page', (ctx, data, card) => showUsers(ctx, filterOf(data), data.page, card.kind === 'users' ? card.context : undefined)),
  defineAction('users.filter', (ctx, data) =>
    showUsers(ctx, { statuses: data.filterStatuses, enterprise: data.filterEnterprise ?? null, text: data.filterText ?? null, includeProvisioned: data.filterIncludeProvisioned }, 0),
  ),
  defineAction('users.export', (ctx, data) => sendExport(ctx, filterOf(data))),
  defineAction('user.open', async (ctx, data, card) => {
    const subscriber = await offeredSubscriber(ctx, card, data.subscriberId);
    if (subscriber) await showUser(ctx, subscriber, listFilterOf(card));
  }),
  defineAction('user.copyError', async (ctx, data, card) => {
    const subscriber = await offeredSubscriber(ctx, card, data.subscriberId);
    if (subscriber) await showErrorText(ctx, subscriber);
  }),
  defineAction('user.remove', async (ctx, data, card) => {
    const subscriber = await unchangedSubscriber(ctx, card, data.subscriberId);
    if (subscriber) await showRemoveConfirm(ctx, subscriber);
  }),
  defineAction(
    'user.remove.confirm',
    async (ctx, data, card) => {
      const subscriber = await unchangedSubscriber(ctx, card, data.subscriberId);
      if (!subscriber) return PRESS_AGAIN; // nothing was changed
      await ctx.services.provisioning.removeSubscriber(subscriber, ctx.actor.email);
      await showResult(ctx, 'success', t('act.removed'), t('act.removedMessage', { userId: subscriber.userId }));
    },
    (d) => d.subscriberId,
  ),
  defineAction(
    'user.consent',
    async (ctx, data, card) => {
      const subscriber = await unchangedSubscriber(ctx, card, data.subscriberId);
      if (!subscriber) return PRESS_AGAIN; // nothing was sent
      if (subscriber.status !== 'pending_user_migration') {
        await showResult(ctx, 'stale', t('act.notWaitingConsent'), t('act.notWaitingConsentMessage', { userId: subscriber.userId, status: statusLabel(subscriber.status) }));
        return;
      }
      await ctx.services.provisioning.sendConsentEmail(subscriber, ctx.actor.email);
      await showResult(ctx, 'success', t('act.consentSent'), t('act.consentSentMessage', { who: subscriber.email ?? subscriber.userId }));
    },
    (d) => d.subscriberId,
  ),
  defineAction(
    'user.package',
    async (ctx, data, card) => {
      const subscriber = await unchangedSubscriber(ctx, card, data.subscriberId);
      if (!subscriber) return PRESS_AGAIN; // nothing was changed
      if (subscriber.package === data.package) {
        await showResult(ctx, 'success', t('act.packageUnchanged'), t('act.packageUnchangedMessage', { userId: subscriber.userId, package: packageLabel(data.package) }));
        return;
      }
      const updated = await ctx.services.provisioning.changePackage(subscriber, data.package, ctx.actor.email);
      await showResult(ctx, 'success', t('act.packageRequested'), `${updated.userId}: ${packageLabel(subscriber.package)} → ${packageLabel(data.package)}.`, {
        facts: [{ title: t('act.status'), value: statusLabel(updated.status) }],
      });
    },
    (d) => `${d.subscriberId}:${d.package}`,
  ),
  defineAction(
    'user.retry',
    async (ctx, data, card) => {
      // An attempt that stopped half way is continued even though Webex no longer has the old
      // record (it was removed in the middle of the retry): that is the retry's own doing.
      const resuming = offered(card, 'subscriberIds', data.subscriberId) && (await ctx.services.provisioning.retry.unfinishedFor(data.subscriberId));
      const subscriber = resuming ? await ctx.services.provisioning.subscriber(data.subscriberId) : await unchangedSubscriber(ctx, card, data.subscriberId);
      if (!resuming && !subscriber) return PRESS_AGAIN; // nothing was changed
      if (resuming && subscriber && (await refusedAsOtherOrg(ctx, card, subscriber))) return;
      if (subscriber?.status === 'provisioned') {
        await showResult(ctx, 'stale', t('act.alreadyProvisioned'), t('act.alreadyProvisionedMessage', { userId: subscriber.userId }));
        return;
      }
      const outcome = await ctx.services.provisioning.retry.start(data.subscriberId, data.email, ctx.actor.email);
      switch (outcome.kind) {
        case 'done':
          await showResult(ctx, 'success', t('act.retried'), t('act.retriedMessage', { userId: outcome.subscriber.userId, email: outcome.email }), {
            facts: [{ title: t('act.status'), value: statusLabel(outcome.subscriber.status) }],
          });
          return;
        // None of these is done: the same button may be pressed again (the outcome says when).
        case 'rejected':
          await showResult(ctx, 'error', t('act.rejected'), [outcome.reason, ...outcome.problems.map((p) => `${p.code}: ${p.description}`)].join(' '));
          return PRESS_AGAIN;
        case 'busy':
          await showResult(ctx, 'error', t('act.busy'), outcome.reason);
          return PRESS_AGAIN;
        case 'failed':
          await showResult(ctx, 'error', t('act.halfWay'), t('act.halfWayMessage', { error: outcome.error, step: outcome.step }));
          return PRESS_AGAIN;
        case 'abandoned':
          await showResult(ctx, 'error', t('act.gaveUp'), t('act.gaveUpMessage', { userId: outcome.userId, n: outcome.attempts, error: outcome.error }));
          return;
        default:
          return outcome satisfies never;
      }
    },
    (d) => `${d.subscriberId}:${d.email.toLowerCase()}`,
  ),
];
