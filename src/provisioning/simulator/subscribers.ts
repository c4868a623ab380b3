// BroadWorks subscribers as Webex for BroadWorks treats them: request validation answers at once
// (400 / 404 / 409 with a Webex-style errorCode, shaped like the real client's errors), background
// work shows up later as a status change (see transitions.ts).
import type { AppError } from '../../errors.js';
import type {
  PrecheckRequest,
  PrecheckResult,
  ProvisionRequest,
  RemoteSubscriber,
  RemoteTemplate,
  SubscriberPackage,
  SubscriberQuery,
} from '../types.js';
import { CLAIMED_DOMAINS, PRECHECK_OK, SUBSCRIBER_ERRORS, domainOf, isValidEmail, type SubscriberErrorKind } from './catalog.js';
import { webexId } from './ids.js';
import { newUuid, toRemoteSubscriber, toRemoteTemplate, type SimContext } from './model.js';
import { allPages, simRepository, type SimRepository, type SimTemplate } from './repository.js';
import { planProvisioning, planUpdate } from './transitions.js';
import { simWebexError, type SimRequest } from './webex-errors.js';

/** Webex pages subscribers 100 at a time at most. */
const PAGE_SIZE = 100;

function webexError(ctx: SimContext, status: 400 | 409, req: SimRequest, kind: SubscriberErrorKind, subject?: string): AppError {
  const item = SUBSCRIBER_ERRORS[kind];
  return simWebexError(ctx.random, status, req, subject ? `${item.description}: ${subject}` : item.description, { ...item });
}

const POST_SUBSCRIBERS: SimRequest = { method: 'POST', path: '/broadworks/subscribers' };
const subscriberPath = (method: SimRequest['method']): SimRequest => ({ method, path: '/broadworks/subscribers/{subscriberId}' });

/**
 * Why `email` cannot be given to BroadWorks user `userId`: it belongs to another subscriber, or
 * to a Webex user mapped to another subscriber. Records of `userId` itself do not count (a retry
 * removes and re-provisions them), and an unmapped user of the org is simply mapped.
 */
async function emailConflict(repo: SimRepository, email: string, userId?: string): Promise<boolean> {
  const others = await repo.subscribersWith({ email });
  if (others.some((s) => s.userId !== userId)) return true;
  const person = await repo.personByEmail(email);
  if (!person) return false;
  const owner = await repo.subscriberOfPerson(person.id);
  return owner !== null && owner.userId !== userId;
}

/** The first problem with provisioning this email under this template, if any. */
async function emailProblem(repo: SimRepository, email: string, userId?: string): Promise<SubscriberErrorKind | null> {
  if (!isValidEmail(email)) return 'invalidEmail';
  if (CLAIMED_DOMAINS.includes(domainOf(email))) return 'domainNotAllowed';
  if (await emailConflict(repo, email, userId)) return 'emailInUse';
  return null;
}

function packageAllowed(template: SimTemplate, pkg: string): boolean {
  return (template.packages as string[]).includes(pkg);
}

export function subscribers(ctx: SimContext) {
  const repo = simRepository(ctx.prisma);

  async function existing(id: string, method: SimRequest['method']) {
    const row = await repo.subscriber(id);
    if (!row) throw simWebexError(ctx.random, 404, subscriberPath(method), `Subscriber ${id} not found`);
    return row;
  }

  return {
    async *listSubscribers(query: SubscriberQuery = {}): AsyncIterable<RemoteSubscriber> {
      for await (const row of allPages((size, cursor) => repo.subscriberPage(query, size, cursor), PAGE_SIZE)) yield toRemoteSubscriber(row);
    },

    async getSubscriber(id: string): Promise<RemoteSubscriber | null> {
      const row = await repo.subscriber(id);
      return row ? toRemoteSubscriber(row) : null;
    },

    async precheckEmail(req: PrecheckRequest): Promise<PrecheckResult> {
      const problems: SubscriberErrorKind[] = [];
      const template = await repo.template(req.provisioningId);
      if (!template) problems.push('invalidProvisioningId');
      else if (req.package && !packageAllowed(template, req.package)) problems.push('invalidPackage');
      const emailIssue = await emailProblem(repo, req.email.trim(), req.userId);
      if (emailIssue) problems.push(emailIssue);
      if (problems.length === 0) return { ok: true, info: [PRECHECK_OK] };
      return { ok: false, errors: problems.map((k) => ({ code: SUBSCRIBER_ERRORS[k].errorCode, description: SUBSCRIBER_ERRORS[k].description })) };
    },

    async provisionSubscriber(req: ProvisionRequest): Promise<RemoteSubscriber> {
      const email = req.email?.trim() ?? '';
      if (!req.userId || !req.spEnterpriseId || !req.firstName || !req.lastName || !req.provisioningId) {
        throw webexError(ctx, 400, POST_SUBSCRIBERS, 'missingField');
      }
      if (!isValidEmail(email)) throw webexError(ctx, 400, POST_SUBSCRIBERS, 'invalidEmail', email);
      const template = await repo.template(req.provisioningId);
      if (!template) throw webexError(ctx, 400, POST_SUBSCRIBERS, 'invalidProvisioningId');
      if (!packageAllowed(template, req.package)) throw webexError(ctx, 400, POST_SUBSCRIBERS, 'invalidPackage', req.package);
      if ((await repo.subscribersWith({ userId: req.userId })).length > 0) throw webexError(ctx, 409, POST_SUBSCRIBERS, 'userIdInUse', req.userId);
      if (await emailConflict(repo, email, req.userId)) throw webexError(ctx, 409, POST_SUBSCRIBERS, 'emailInUse', email);
      // A user of the org with this email is mapped to the subscriber; otherwise one is created.
      const person = await repo.personByEmail(email);
      const now = ctx.now();
      const row = await repo.createSubscriber({
        id: webexId('SUBSCRIBER', newUuid(ctx)),
        personId: person?.id ?? webexId('PEOPLE', newUuid(ctx)),
        userId: req.userId,
        spEnterpriseId: req.spEnterpriseId,
        firstName: req.firstName,
        lastName: req.lastName,
        email: email.toLowerCase(),
        primaryPhoneNumber: req.primaryPhoneNumber ?? null,
        mobilePhoneNumber: req.mobilePhoneNumber ?? null,
        extension: req.extension ?? null,
        package: req.package,
        status: 'provisioning',
        errorCode: null,
        errorText: null,
        created: now,
        lastStatusChange: now,
        provisioningId: req.provisioningId,
        selfActivated: false,
        consentEmailsSent: 0,
        ...planProvisioning(ctx, now, email),
      });
      return toRemoteSubscriber(row);
    },

    async removeSubscriber(id: string): Promise<void> {
      // Removes the mapping only: the Webex user (if any) stays in the org.
      if (!(await repo.deleteSubscriber(id))) await existing(id, 'DELETE');
    },

    /** Only a subscriber waiting for the user's consent can be sent the consent email (409 otherwise). */
    async sendConsentMoveEmail(id: string): Promise<void> {
      const row = await existing(id, 'POST');
      if (row.status !== 'pending_user_migration') {
        throw simWebexError(ctx.random, 409, { method: 'POST', path: '/broadworks/subscribers/{subscriberId}/emails/consentMove' }, `Subscriber ${id} is not waiting for a consent to move (status ${row.status})`);
      }
      await repo.updateSubscriber(id, { consentEmailsSent: { increment: 1 } });
    },

    async changePackage(id: string, pkg: SubscriberPackage): Promise<RemoteSubscriber> {
      const row = await existing(id, 'PUT');
      const template = await repo.template(row.provisioningId);
      if (!template || !packageAllowed(template, pkg)) throw webexError(ctx, 400, subscriberPath('PUT'), 'invalidPackage', pkg);
      if (row.status === 'provisioning' || row.status === 'updating') throw webexError(ctx, 409, subscriberPath('PUT'), 'updateInProgress', row.userId);
      if (pkg === row.package) return toRemoteSubscriber(row);
      const now = ctx.now();
      // A provisioned user is updated in the background (the new package shows once it is done);
      // a pending or failed request just has its package changed.
      const updated =
        row.status === 'provisioned'
          ? await repo.updateSubscriber(id, { status: 'updating', lastStatusChange: now, ...planUpdate(ctx, now, pkg) })
          : await repo.updateSubscriber(id, { package: pkg });
      return toRemoteSubscriber(updated);
    },

    async listTemplates(): Promise<RemoteTemplate[]> {
      return (await repo.templates()).map(toRemoteTemplate);
    },
  };
}
