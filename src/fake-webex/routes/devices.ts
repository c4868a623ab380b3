// Webex's device services, as the JS SDK 2.4.2 calls them in websocket mode (see
// docs "Websocket mode on the wire"): U2C discovery (the service catalog as a hostmap), WDM device
// registration (register, refresh, unregister, and the "delete every device" call the framework
// makes when removeDeviceRegistrationsOnStart is on), and the client-metrics sink the SDK posts to.
// These live outside /v1 because on Webex they are other services on other hosts; the paths are
// the SDK's own (`{u2c}/limited/catalog`, `{wdm}/devices`, `{metrics}/clientmetrics`).
import { randomUUID } from 'node:crypto';
import type { FakeApp } from '../app.js';
import { notFound } from '../http/errors.js';
import { json, noContent, route, type Route } from '../http/router.js';
import { uuidOf } from '../ids.js';
import type { FakeDevice } from '../types.js';

export const U2C_PATH = '/u2c/api/v1';
export const WDM_PATH = '/wdm/api/v1';
export const CONVERSATION_PATH = '/conversation/api/v1';
export const METRICS_PATH = '/metrics/api/v1';
export const MERCURY_PATH = '/mercury/api/v1/devices';
/**
 * The SDK turns a conversation URL's cluster into the cluster part of every Hydra id it builds;
 * this one (the original US cluster) maps to `ciscospark://us/…`, as the fake's ids are.
 */
export const FAKE_CLUSTER = 'urn:TEAM:us-east-2_a';

/** Origin of the fake (http://127.0.0.1:port), from its /v1 base URL. */
export const originOf = (app: FakeApp) => app.baseUrl.replace(/\/v1$/, '');

/** The conversation URL an activity's target carries (its host must be in the host catalog). */
export const conversationUrl = (app: FakeApp, roomId: string) => `${originOf(app)}${CONVERSATION_PATH}/conversations/${uuidOf(roomId)}`;

function hostmap(app: FakeApp) {
  const origin = originOf(app);
  const host = new URL(origin).hostname;
  return {
    serviceLinks: {
      hydra: app.baseUrl,
      u2c: `${origin}${U2C_PATH}`,
      wdm: `${origin}${WDM_PATH}`,
      conversation: `${origin}${CONVERSATION_PATH}`,
      metrics: `${origin}${METRICS_PATH}`,
    },
    // Keyed by hostname (the port is ignored). Every service of the fake shares one host, so one
    // entry is enough for the SDK to resolve the cluster of every activity's target URL.
    hostCatalog: { [host]: [{ host, ttl: -1, priority: 5, id: `${FAKE_CLUSTER}:conversation` }] },
    format: 'hostmap',
  };
}

function deviceView(app: FakeApp, d: FakeDevice) {
  return {
    ...d.body,
    url: d.url,
    webSocketUrl: d.webSocketUrl,
    userId: uuidOf(d.personId),
    creationTime: d.created.toISOString(),
    modificationTime: (d.refreshed ?? d.created).toISOString(),
    // The SDK's feature plugin reads these lists; empty ones turn every optional feature off.
    features: { developer: [], entitlement: [], user: [] },
    services: {},
  };
}

export function deviceRoutes(app: FakeApp): Route[] {
  const own = (id: string, personId: string) => {
    const d = app.state.devices.get(id);
    if (!d || d.personId !== personId) throw notFound('Device not found.');
    return d;
  };
  return [
    route('GET', `${U2C_PATH}/limited/catalog`, () => json(200, hostmap(app)), { public: true }),
    route('GET', `${U2C_PATH}/catalog`, () => json(200, hostmap(app))),

    route('POST', `${WDM_PATH}/devices`, (ctx) => {
      const id = randomUUID();
      const wsOrigin = originOf(app).replace(/^http/, 'ws');
      const device: FakeDevice = {
        id,
        url: `${originOf(app)}${WDM_PATH}/devices/${id}`,
        webSocketUrl: `${wsOrigin}${MERCURY_PATH}/${id}`,
        personId: ctx.caller.personId,
        created: app.now(),
        body: ctx.body && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {},
      };
      app.state.devices.set(id, device);
      return json(200, deviceView(app, device));
    }),
    route('GET', `${WDM_PATH}/devices`, (ctx) =>
      json(200, { devices: [...app.state.devices.values()].filter((d) => d.personId === ctx.caller.personId).map((d) => deviceView(app, d)) }),
    ),
    route('PUT', `${WDM_PATH}/devices/:deviceId`, (ctx) => {
      const d = own(ctx.params.deviceId!, ctx.caller.personId);
      d.refreshed = app.now();
      return json(200, deviceView(app, d));
    }),
    route('DELETE', `${WDM_PATH}/devices/:deviceId`, (ctx) => {
      const d = own(ctx.params.deviceId!, ctx.caller.personId);
      app.state.devices.delete(d.id);
      app.deviceDeleted?.(d.id);
      return noContent();
    }),
    // What the framework's removeDeviceRegistrationsOnStart does: every device of the token goes,
    // other instances' too (which is why the bot never turns it on).
    route('DELETE', `${WDM_PATH}/devices`, (ctx) => {
      for (const d of [...app.state.devices.values()]) {
        if (d.personId !== ctx.caller.personId) continue;
        app.state.devices.delete(d.id);
        app.deviceDeleted?.(d.id);
      }
      return noContent();
    }),

    // Public here although Webex wants a token: the SDK posts these from a batcher that nobody
    // awaits, so a 401 (e.g. a test revoking the bot token) would surface as an unhandled
    // rejection in the SDK, not as anything the bot could observe or handle.
    route('POST', `${METRICS_PATH}/:kind`, () => noContent(), { public: true }),
  ];
}
