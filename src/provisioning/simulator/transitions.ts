// Status changes over time. A request decides its outcome up front (provisioning → provisioned
// or error, updating → provisioned) and stores it in next* with the instant it becomes true;
// every read first applies what is due by the clock, in time order (settle.ts). No timers: a test moves the
// clock and reads, and sees exactly what Webex would show at that instant.
import type { SubscriberPackage, SubscriberStatus } from '../types.js';
import { SUBSCRIBER_ERRORS, CLAIMED_DOMAINS, domainOf, type SubscriberErrorKind } from './catalog.js';
import { intBetween } from './ids.js';
import { licenseFor, newUuid, type SimContext } from './model.js';
import { inTransaction, type SimRepository, type SimSubscriber } from './repository.js';

/** How long Webex takes: provisioning 20–60 s, a package update 10–30 s. */
export const PROVISIONING_MS: [number, number] = [20_000, 60_000];
export const UPDATING_MS: [number, number] = [10_000, 30_000];

export interface PlannedChange {
  nextStatus: SubscriberStatus;
  nextStatusAt: Date;
  nextErrorCode: number | null;
  nextErrorText: string | null;
  nextPackage: SubscriberPackage | null;
}

type Chance = Pick<SimContext, 'random' | 'failureRate'>;

function after(ctx: Chance, from: Date, [min, max]: [number, number]): Date {
  return new Date(from.getTime() + intBetween(ctx.random, min, max));
}

/** What an accepted provisioning request will turn into, and when. */
export function planProvisioning(ctx: Chance, at: Date, email: string): PlannedChange {
  const failure: SubscriberErrorKind | null = CLAIMED_DOMAINS.includes(domainOf(email))
    ? 'domainNotAllowed'
    : ctx.random() < ctx.failureRate
      ? 'internal'
      : null;
  const error = failure ? SUBSCRIBER_ERRORS[failure] : null;
  return {
    nextStatus: error ? 'error' : 'provisioned',
    nextStatusAt: after(ctx, at, PROVISIONING_MS),
    nextErrorCode: error?.errorCode ?? null,
    nextErrorText: error?.description ?? null,
    nextPackage: null,
  };
}

/** A package change on a provisioned subscriber: visible once the update completes. */
export function planUpdate(ctx: Chance, at: Date, pkg: SubscriberPackage): PlannedChange {
  return { nextStatus: 'provisioned', nextStatusAt: after(ctx, at, UPDATING_MS), nextErrorCode: null, nextErrorText: null, nextPackage: pkg };
}

/** A newly provisioned subscriber becomes (or is mapped to) a Webex user with a license. */
async function licensePerson(ctx: SimContext, repo: SimRepository, row: SimSubscriber, pkg: SubscriberPackage, at: Date): Promise<void> {
  if (!row.personId || !row.email) return;
  const existing = await repo.person(row.personId);
  if (existing) {
    const converting = existing.plan === 'free';
    await repo.updatePerson(existing.id, { licenses: [licenseFor(pkg)], plan: 'paid', ...(converting ? { convertedToPaidAt: at } : {}) });
    // A free user given a paid license is told about the conversion, whatever the org setting.
    if (converting) await repo.recordEmails([{ id: newUuid(ctx), personId: existing.id, sentAt: at, reason: 'plan_conversion', jobId: null }]);
    return;
  }
  const created = await repo.createPerson({
    id: row.personId,
    email: row.email.toLowerCase(),
    firstName: row.firstName,
    lastName: row.lastName,
    displayName: [row.firstName, row.lastName].filter(Boolean).join(' ') || null,
    licenses: [licenseFor(pkg)],
    created: at,
    lastActivity: null,
    invitePending: true,
    loginEnabled: true,
    plan: 'paid',
    convertedToPaidAt: null,
  });
  // Webex emails a newly licensed user by itself, unless automatic emails are off.
  const org = await repo.org();
  if (created && org?.allowAdminInviteEmails) {
    await repo.recordEmails([{ id: newUuid(ctx), personId: row.personId, sentAt: at, reason: 'license_assigned', jobId: null }]);
  }
}

/** Makes one decided change visible (once, however many callers race to do it). */
export async function applyTransition(ctx: SimContext, row: SimSubscriber): Promise<void> {
  const at = row.nextStatusAt!;
  const pkg = row.nextPackage ?? row.package;
  await inTransaction(ctx.prisma, async (repo) => {
    const applied = await repo.applyTransition(row, {
      status: row.nextStatus!,
      lastStatusChange: at,
      package: pkg,
      errorCode: row.nextErrorCode,
      errorText: row.nextErrorText,
    });
    if (applied && row.nextStatus === 'provisioned') await licensePerson(ctx, repo, row, pkg, at);
  });
}
