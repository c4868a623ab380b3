// Webhooks CRUD (webhooks.yml). Resource and event `all` are accepted as on Webex: the bot framework
// registers an `all`/`all` firehose plus an `attachmentActions`/`created` webhook.
import type { FakeApp } from '../app.js';
import { isAdmin } from '../auth.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { json, noContent, route, type Route, type RouteContext } from '../http/router.js';
import { webexId } from '../ids.js';
import { pageReply } from '../paging.js';
import { FAKE_APP_ID } from '../state.js';
import type { FakeWebhook } from '../types.js';
import { webhookView } from '../views.js';

export const WEBHOOK_RESOURCES = [
  'all', 'attachmentActions', 'dataSources', 'memberships', 'messages', 'rooms', 'meetings', 'recordings', 'convergedRecordings',
  'meetingParticipants', 'meetingTranscripts', 'telephony_calls', 'telephony_conference', 'telephony_mwi', 'uc_counters',
  'serviceApp', 'adminBatchJobs',
];
export const WEBHOOK_EVENTS = [
  'all', 'created', 'updated', 'deleted', 'started', 'ended', 'joined', 'left', 'migrated', 'authorized', 'deauthorized', 'statusChanged',
];

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} is required.`);
  return value;
}

function requireHttpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(`targetUrl "${value}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('targetUrl must be an http or https URL.');
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  return value;
}

export function webhookRoutes(app: FakeApp): Route[] {
  const body = (ctx: RouteContext) => (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
  const own = (ctx: RouteContext) => {
    const w = app.state.webhooks.get(ctx.params.webhookId!);
    if (!w || w.createdBy !== ctx.caller.personId) throw notFound('Could not find a webhook with provided ID.');
    return w;
  };
  const ownedBy = (ctx: RouteContext, value: string | undefined): FakeWebhook['ownedBy'] => {
    if (value === undefined || value === 'creator') return 'creator';
    if (value !== 'org') throw badRequest('ownedBy must be "org" or "creator".');
    if (!isAdmin(ctx)) throw forbidden();
    return 'org';
  };

  return [
    route('GET', '/webhooks', (ctx) => {
      const orgOnly = ctx.query.get('ownedBy') === 'org';
      const mine = [...app.state.webhooks.values()].filter((w) => w.createdBy === ctx.caller.personId && (!orgOnly || w.ownedBy === 'org'));
      return pageReply(mine.map(webhookView), ctx.query, `${app.baseUrl}/webhooks`, { defaultMax: 100, limit: 1000 });
    }),

    route('POST', '/webhooks', (ctx) => {
      const b = body(ctx);
      const name = requireString(b, 'name');
      const targetUrl = requireHttpUrl(requireString(b, 'targetUrl'));
      const resource = requireString(b, 'resource');
      const event = requireString(b, 'event');
      if (!WEBHOOK_RESOURCES.includes(resource)) throw badRequest(`Unsupported resource: ${resource}.`);
      if (!WEBHOOK_EVENTS.includes(event)) throw badRequest(`Unsupported event: ${event}.`);
      const webhook: FakeWebhook = {
        id: webexId('WEBHOOK'),
        name,
        targetUrl,
        resource,
        event,
        filter: optionalString(b, 'filter'),
        secret: optionalString(b, 'secret'),
        status: 'active',
        ownedBy: ownedBy(ctx, optionalString(b, 'ownedBy')),
        createdBy: ctx.caller.personId,
        orgId: app.state.people.get(ctx.caller.personId)!.orgId,
        appId: FAKE_APP_ID,
        created: app.now(),
      };
      app.state.webhooks.set(webhook.id, webhook);
      return json(200, webhookView(webhook));
    }),

    route('GET', '/webhooks/:webhookId', (ctx) => json(200, webhookView(own(ctx)))),

    route('PUT', '/webhooks/:webhookId', (ctx) => {
      const w = own(ctx);
      const b = body(ctx);
      const status = optionalString(b, 'status');
      if (status !== undefined && status !== 'active' && status !== 'inactive') throw badRequest('status must be "active" or "inactive".');
      Object.assign(w, {
        name: requireString(b, 'name'),
        targetUrl: requireHttpUrl(requireString(b, 'targetUrl')),
        secret: optionalString(b, 'secret') ?? w.secret,
        ownedBy: b.ownedBy === undefined ? w.ownedBy : ownedBy(ctx, optionalString(b, 'ownedBy')),
        status: status ?? w.status,
      });
      return json(200, webhookView(w));
    }),

    route('DELETE', '/webhooks/:webhookId', (ctx) => {
      app.state.webhooks.delete(own(ctx).id);
      return noContent();
    }),
  ];
}
