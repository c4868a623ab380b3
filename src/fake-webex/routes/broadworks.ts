// BroadWorks subscribers (broadworks-subscribers.yml): list with filters and Link paging (max ≤ 100),
// get / update / remove, provision (with retry of pending or errored users) and the email precheck.
import type { SubscriberError, SubscriberPackage, SubscriberStatus } from '../../provisioning/types.js';
import type { FakeApp } from '../app.js';
import { requireAdmin } from '../auth.js';
import {
  BW_ERRORS,
  commonProblems,
  emailProblems,
  PRECHECK_OK,
  settleSubscriber,
  STATUSES,
  subscriberWithUserId,
  userIdProblems,
} from '../broadworks-rules.js';
import { badRequest, conflict, FakeHttpError, notFound } from '../http/errors.js';
import { json, noContent, route, type Route, type RouteContext } from '../http/router.js';
import { webexId } from '../ids.js';
import { pageReply } from '../paging.js';
import type { FakeSubscriber } from '../types.js';
import { subscriberView } from '../views.js';

const REQUIRED = ['provisioningId', 'userId', 'spEnterpriseId', 'firstName', 'lastName', 'package'] as const;
const UPDATABLE = ['userId', 'firstName', 'lastName', 'primaryPhoneNumber', 'mobilePhoneNumber', 'extension', 'timezone', 'package'] as const;

function rejected(message: string, errors: SubscriberError[]): FakeHttpError {
  return badRequest(message, errors.map((e) => ({ errorCode: e.errorCode, description: e.description })));
}

function bodyObject(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** Accepts epoch milliseconds (preferred by the API) or an ISO 8601 date. */
function parseInstant(name: string, raw: string | null): Date | undefined {
  if (raw === null || raw === '') return undefined;
  const date = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
  if (Number.isNaN(date.getTime())) throw badRequest(`Invalid value for ${name}: "${raw}". Use epoch milliseconds or ISO 8601.`);
  return date;
}

export function broadworksRoutes(app: FakeApp): Route[] {
  const find = (id: string) => {
    const s = app.state.subscribers.get(id);
    if (!s) throw notFound('Subscriber not found.');
    settleSubscriber(app, s);
    return s;
  };

  const list = (ctx: RouteContext) => {
    const q = ctx.query;
    const statuses = q.get('status')?.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = statuses?.find((s) => !STATUSES.includes(s as SubscriberStatus));
    if (bad) throw badRequest(`Invalid value for status: "${bad}".`);
    const changedAfter = parseInstant('lastStatusChange', q.get('lastStatusChange'));
    const createdAfter = parseInstant('after', q.get('after'));
    const email = q.get('email')?.toLowerCase();
    const selfActivated = q.get('selfActivated');
    const eq = (param: string, value: string | undefined) => !q.get(param) || q.get(param) === value;
    const all = [...app.state.subscribers.values()];
    all.forEach((s) => settleSubscriber(app, s));
    const items = all.filter(
      (s) =>
        eq('userId', s.userId) &&
        eq('personId', s.status === 'provisioned' ? s.personId : undefined) &&
        eq('provisioningId', s.provisioningId) &&
        eq('spEnterpriseId', s.spEnterpriseId) &&
        (!email || s.email?.toLowerCase() === email) &&
        (!statuses || statuses.includes(s.status)) &&
        (!changedAfter || s.lastStatusChange > changedAfter) &&
        (!createdAfter || s.created > createdAfter) &&
        (!selfActivated || String(s.selfActivated) === selfActivated),
    );
    return pageReply(items.map(subscriberView), q, `${app.baseUrl}/broadworks/subscribers`, { defaultMax: 50, limit: 100, rejectAbove: true });
  };

  const provision = (ctx: RouteContext) => {
    const body = bodyObject(ctx);
    const missing = REQUIRED.filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (missing.length) throw rejected('Missing mandatory fields.', missing.map(BW_ERRORS.missingField));
    const problems = [...commonProblems(app, body), ...userIdProblems(app, body.userId), ...emailProblems(app, body.email, body.userId as string)];
    if (problems.length) throw rejected(problems[0]!.description, problems);

    const now = app.now();
    const fields = {
      userId: body.userId as string,
      spEnterpriseId: body.spEnterpriseId as string,
      provisioningId: body.provisioningId as string,
      firstName: body.firstName as string,
      lastName: body.lastName as string,
      package: body.package as SubscriberPackage,
      email: typeof body.email === 'string' && body.email ? body.email : undefined,
      primaryPhoneNumber: body.primaryPhoneNumber as string | undefined,
      mobilePhoneNumber: body.mobilePhoneNumber as string | undefined,
      extension: body.extension as string | undefined,
      language: body.language as string | undefined,
      timezone: body.timezone as string | undefined,
    };
    // Without an email the untrusted-email flow applies: the user enters it on the activation portal.
    const status: SubscriberStatus = fields.email ? 'provisioning' : 'pending_email_input';
    const existing = subscriberWithUserId(app, fields.userId);
    const subscriber: FakeSubscriber = existing
      ? Object.assign(existing, fields, { status, errors: [], lastStatusChange: now, pendingUpdate: undefined })
      : { id: webexId('SUBSCRIBER'), ...fields, status, errors: [], created: now, lastStatusChange: now, selfActivated: false };
    app.state.subscribers.set(subscriber.id, subscriber);
    return json(200, subscriberView(subscriber));
  };

  const update = (ctx: RouteContext) => {
    const s = find(ctx.params.subscriberId!);
    const body = bodyObject(ctx);
    const problems = commonProblems(app, body);
    if (problems.length) throw rejected(problems[0]!.description, problems);
    if (typeof body.userId === 'string' && body.userId !== s.userId && subscriberWithUserId(app, body.userId)) {
      throw rejected(BW_ERRORS.userIdInUse.description, [BW_ERRORS.userIdInUse]);
    }
    if (s.status === 'provisioning' || s.status === 'updating') {
      throw conflict('The subscriber is being provisioned or updated; try again when the operation completes.');
    }
    const changes = Object.fromEntries(UPDATABLE.filter((f) => typeof body[f] === 'string').map((f) => [f, body[f]])) as FakeSubscriber['pendingUpdate'];
    if (s.status === 'provisioned') {
      // "The updated items will not be immediately reflected in the response body" (PUT callout).
      Object.assign(s, { pendingUpdate: changes, status: 'updating', lastStatusChange: app.now() });
    } else {
      Object.assign(s, changes);
    }
    return json(200, subscriberView(s));
  };

  const precheck = (ctx: RouteContext) => {
    const body = bodyObject(ctx);
    if (typeof body.email !== 'string' || body.email === '') {
      throw rejected('Provisioning Precheck validation failed.', [BW_ERRORS.missingField('email')]);
    }
    const problems = [...commonProblems(app, body), ...emailProblems(app, body.email, body.userId as string | undefined), ...userIdProblems(app, body.userId)];
    if (problems.length) throw rejected('Provisioning Precheck validation failed.', problems);
    return json(200, { message: 'success', info: PRECHECK_OK });
  };

  const admin =
    (handler: (ctx: RouteContext) => ReturnType<typeof json>) =>
    (ctx: RouteContext) => {
      requireAdmin(ctx);
      return handler(ctx);
    };

  return [
    route('GET', '/broadworks/subscribers', admin(list)),
    route('POST', '/broadworks/subscribers', admin(provision)),
    route('POST', '/broadworks/subscribers/validate', admin(precheck)),
    route('GET', '/broadworks/subscribers/:subscriberId', admin((ctx) => json(200, subscriberView(find(ctx.params.subscriberId!))))),
    route('PUT', '/broadworks/subscribers/:subscriberId', admin(update)),
    route(
      'POST',
      '/broadworks/subscribers/:subscriberId/emails/consentMove',
      admin((ctx) => {
        const s = find(ctx.params.subscriberId!);
        if (s.status !== 'pending_user_migration') throw conflict(`The subscriber is not waiting for a consent to move (status ${s.status}).`);
        s.consentEmailsSent = (s.consentEmailsSent ?? 0) + 1;
        return noContent();
      }),
    ),
    route(
      'DELETE',
      '/broadworks/subscribers/:subscriberId',
      admin((ctx) => {
        find(ctx.params.subscriberId!);
        app.state.subscribers.delete(ctx.params.subscriberId!);
        return noContent();
      }),
    ),
  ];
}
