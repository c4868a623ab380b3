// Delivers an event to every registered webhook that would get it on Webex, signed the Webex way:
// `X-Spark-Signature` = HMAC-SHA1 (hex) of the exact bytes POSTed, keyed with the webhook secret.
import { createHmac } from 'node:crypto';
import type { DeliveryResult, FakeApp } from './app.js';
import { newTrackingId } from './ids.js';
import type { FakeWebhook } from './types.js';

export function signBody(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex');
}

/** `roomId=…&mentionedPeople=me` style filters: every pair must match the event data. */
function filterMatches(filter: string | undefined, data: Record<string, unknown>, ownerId: string): boolean {
  if (!filter) return true;
  return [...new URLSearchParams(filter)].every(([key, value]) => {
    if (key === 'mentionedPeople') {
      const wanted = value === 'me' ? ownerId : value;
      return Array.isArray(data.mentionedPeople) && data.mentionedPeople.includes(wanted);
    }
    if (key === 'hasFiles') return String(Array.isArray(data.files) && data.files.length > 0) === value;
    return String(data[key]) === value;
  });
}

/** Would Webex send this event to this webhook? */
function receives(app: FakeApp, w: FakeWebhook, resource: string, event: string, data: Record<string, unknown>): boolean {
  if (w.status !== 'active') return false;
  // The `all` firehose does not include card actions: they need their own attachmentActions webhook.
  const resourceOk = w.resource === resource || (w.resource === 'all' && resource !== 'attachmentActions');
  if (!resourceOk || (w.event !== event && w.event !== 'all')) return false;
  if (!filterMatches(w.filter, data, w.createdBy)) return false;
  if (w.ownedBy === 'org') return true;
  const roomId = typeof data.roomId === 'string' ? data.roomId : undefined;
  if (roomId) {
    const member = [...app.state.memberships.values()].some((m) => m.roomId === roomId && m.personId === w.createdBy);
    // A membership "deleted" event still reaches the person who just left.
    if (!member && !(resource === 'memberships' && data.personId === w.createdBy)) return false;
  }
  // Bots only hear group-space messages that @mention them.
  const owner = app.state.people.get(w.createdBy);
  if (resource === 'messages' && owner?.type === 'bot' && data.roomType === 'group') {
    return Array.isArray(data.mentionedPeople) && data.mentionedPeople.includes(owner.id);
  }
  return true;
}

async function post(app: FakeApp, w: FakeWebhook, rawBody: string): Promise<DeliveryResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Webex-Webhooks (fake)',
    trackingid: newTrackingId(),
  };
  if (w.secret) headers['x-spark-signature'] = signBody(rawBody, w.secret);
  try {
    const res = await fetch(w.targetUrl, {
      method: 'POST',
      headers,
      body: rawBody,
      signal: AbortSignal.timeout(app.options.deliveryTimeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { webhookId: w.id, targetUrl: w.targetUrl, status: res.status };
  } catch (err) {
    return { webhookId: w.id, targetUrl: w.targetUrl, status: 0, error: err instanceof Error ? err.message : String(err) };
  }
}

export async function deliverEvent(
  app: FakeApp,
  resource: string,
  event: string,
  data: Record<string, unknown>,
  actorId: string,
): Promise<DeliveryResult[]> {
  const targets = [...app.state.webhooks.values()].filter((w) => receives(app, w, resource, event, data));
  return Promise.all(
    targets.map((w) => {
      const envelope = {
        id: w.id,
        name: w.name,
        targetUrl: w.targetUrl,
        resource,
        event,
        ...(w.filter ? { filter: w.filter } : {}),
        orgId: w.orgId,
        createdBy: w.createdBy,
        appId: w.appId,
        ownedBy: w.ownedBy,
        status: w.status,
        created: w.created.toISOString(),
        actorId,
        data,
      };
      return post(app, w, JSON.stringify(envelope));
    }),
  );
}
