// startFakeWebex(): a Webex REST API on 127.0.0.1 that follows the OpenAPI files — auth, admin
// APIs, the calls the bot framework makes, injectable faults and a log of every request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryResult, FakeApp } from './app.js';
import { resolveToken } from './auth.js';
import { FaultInjector, STATUS_MESSAGES, type Fault } from './faults.js';
import { errorBody, FakeHttpError, MESSAGES } from './http/errors.js';
import { parseBody, readRaw, type ParsedForm } from './http/request.js';
import { matchRoute, type Reply, type Route } from './http/router.js';
import { newTrackingId, webexId } from './ids.js';
import { resolveOptions, type FakeWebexOptions } from './options.js';
import { activationJobRoutes } from './routes/activation-jobs.js';
import { attachmentActionRoutes } from './routes/attachment-actions.js';
import { identityRoutes } from './routes/identity.js';
import { organizationRoutes } from './routes/organizations.js';
import { broadworksRoutes } from './routes/broadworks.js';
import { messageRoutes } from './routes/messages.js';
import { oauthRoutes } from './routes/oauth.js';
import { peopleRoutes } from './routes/people.js';
import { roomRoutes } from './routes/rooms.js';
import { settingsRoutes } from './routes/settings.js';
import { webhookRoutes } from './routes/webhooks.js';
import { createSeeder, type FakeSeeder } from './seed.js';
import { simulateCardAction, simulateMembershipCreated, simulateMessage, type SimulatedCardAction, type SimulatedMessage } from './simulate.js';
import { createState } from './state.js';
import type { FakeAttachmentAction, FakeMembership, FakeMessage, FakeState } from './types.js';
import { deliverEvent } from './webhook-delivery.js';
import { createMercury, type FakeMercury } from './mercury.js';
import { deviceRoutes, U2C_PATH } from './routes/devices.js';

export interface RecordedRequest {
  method: string;
  /** Path below /v1, e.g. `/people/me`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON / url-encoded body, or for multipart the fields and file summaries. */
  body: unknown;
  at: Date;
  /** The status answered (set once the answer is sent). */
  status?: number;
}

export interface FakeWebex {
  /** Base URL ending in /v1, like https://webexapis.com/v1. */
  readonly url: string;
  readonly state: FakeState;
  readonly faults: FaultInjector;
  readonly requests: RecordedRequest[];
  readonly seed: FakeSeeder;
  readonly botToken: string;
  readonly adminToken: string;
  /** U2C discovery URL for the SDK (U2C_SERVICE_URL); its catalog points back at this fake. */
  readonly u2cUrl: string;
  /** Device registrations and Mercury websockets (websocket mode). */
  readonly mercury: FakeMercury;
  simulateMessage(input: SimulatedMessage): Promise<{ message: FakeMessage; deliveries: DeliveryResult[] }>;
  simulateCardAction(input: SimulatedCardAction): Promise<{ action: FakeAttachmentAction; deliveries: DeliveryResult[] }>;
  simulateMembershipCreated(membership: FakeMembership, actorId?: string): Promise<DeliveryResult[]>;
  /** Delivers any event to the matching webhooks. */
  deliverEvent(resource: string, event: string, data: Record<string, unknown>, actorId: string): Promise<DeliveryResult[]>;
  /** Calls `listener` for every message created (by the API or a simulation); returns an unsubscribe. */
  onMessage(listener: (message: FakeMessage) => void): () => void;
  /** Makes a token invalid (as if expired or revoked): its next use gets 401. */
  revokeToken(token: string): void;
  /** Back to the initial state; faults and the request log are cleared. */
  reset(): void;
  close(): Promise<void>;
}

const flatten = (h: IncomingMessage['headers']) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));

const summarizeForm = (form: ParsedForm) => ({
  ...Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
  uploads: form.files.map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.bytes.length })),
});

export async function startFakeWebex(opts: FakeWebexOptions = {}): Promise<FakeWebex> {
  const options = resolveOptions(opts);
  const ids = { botId: webexId('PEOPLE'), adminId: webexId('PEOPLE') };
  const app: FakeApp = {
    state: createState(options, ids),
    options,
    baseUrl: '',
    now: options.now,
    // Every event goes to the webhooks that would get it and to the devices listening on Mercury.
    deliverEvent: (resource, event, data, actorId) => {
      mercury.publish(resource, event, data);
      return deliverEvent(app, resource, event, data, actorId);
    },
    messageListeners: new Set(),
    deviceDeleted: (id) => mercury.deviceDeleted(id),
  };
  const mercury = createMercury(app);
  const faults = new FaultInjector(options.random);
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  const routes: Route[] = [
    ...oauthRoutes(app),
    ...settingsRoutes(app),
    ...activationJobRoutes(app),
    ...peopleRoutes(app),
    ...broadworksRoutes(app),
    ...organizationRoutes(app),
    ...identityRoutes(app),
    ...webhookRoutes(app),
    ...roomRoutes(app),
    ...messageRoutes(app),
    ...attachmentActionRoutes(app),
  ];
  /** Webex services other than the REST API (U2C, WDM, metrics): matched on the whole path. */
  const serviceRoutes = deviceRoutes(app);

  const send = (res: ServerResponse, trackingId: string, reply: Reply) => {
    if (res.destroyed) return;
    const headers: Record<string, string> = { trackingid: trackingId, ...reply.headers };
    let payload: Buffer | string | undefined;
    if (reply.bytes) {
      headers['content-type'] = reply.bytes.contentType;
      payload = reply.bytes.data;
    } else if (reply.body !== undefined && reply.status !== 204) {
      headers['content-type'] = 'application/json;charset=UTF-8';
      payload = JSON.stringify(reply.body);
    }
    res.writeHead(reply.status, headers).end(payload);
  };

  const applyFault = (fault: Fault, res: ServerResponse, trackingId: string): boolean => {
    if (fault.type === 'disconnect') {
      res.socket?.destroy();
      return true;
    }
    if (fault.type === 'malformed') {
      res.writeHead(200, { trackingid: trackingId, 'content-type': 'application/json;charset=UTF-8' }).end('{"items":[{"id":"Y2lzY29zcGFyazovL3Vz');
      return true;
    }
    if (fault.type === 'status') {
      const message = fault.message ?? STATUS_MESSAGES[fault.status] ?? `HTTP ${fault.status}`;
      const headers = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined;
      send(res, trackingId, { status: fault.status, body: errorBody(message, trackingId), headers });
      return true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const trackingId = (req.headers['trackingid'] as string | undefined) ?? newTrackingId();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith('/v1/') ? url.pathname.slice(3) : url.pathname;
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers: flatten(req.headers), body: undefined, at: app.now() };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    try {
      const raw = await readRaw(req);
      const parsed = await parseBody(req, raw);
      record.body = parsed.form ? summarizeForm(parsed.form) : parsed.json;
      for (const fault of faults.take(method, path)) {
        if (fault.type === 'delay') await sleep(fault.ms);
        else if (fault.type === 'hold') {
          fault.arrive();
          await fault.until;
        } else if (applyFault(fault, res, trackingId)) return;
      }
      const match = url.pathname.startsWith('/v1/') ? matchRoute(routes, method, path) : matchRoute(serviceRoutes, method, url.pathname);
      if (!match) throw new FakeHttpError(404, MESSAGES.notFound);
      if ('methodNotAllowed' in match) throw new FakeHttpError(405, MESSAGES.methodNotAllowed);
      const caller = match.route.public ? undefined : resolveToken(app, req.headers.authorization);
      if (!match.route.public && !caller) throw new FakeHttpError(401, MESSAGES.unauthorized);
      const reply = await match.route.handler({
        req,
        method,
        path,
        params: match.params,
        query: url.searchParams,
        body: parsed.json,
        form: parsed.form,
        raw,
        caller: caller!,
        trackingId,
      });
      send(res, trackingId, reply);
    } catch (err) {
      const e = err instanceof FakeHttpError ? err : new FakeHttpError(500, `Internal Server Error: ${err instanceof Error ? err.message : String(err)}`);
      send(res, trackingId, { status: e.status, body: errorBody(e.message, trackingId, e.errors), headers: e.headers });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('upgrade', (req, socket, head) => mercury.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  app.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  return {
    url: app.baseUrl,
    get state() {
      return app.state;
    },
    faults,
    requests,
    seed: createSeeder(app),
    botToken: options.botToken,
    adminToken: options.adminTokens[0] ?? '',
    u2cUrl: `${app.baseUrl.replace(/\/v1$/, '')}${U2C_PATH}`,
    mercury,
    simulateMessage: (input) => simulateMessage(app, input),
    simulateCardAction: (input) => simulateCardAction(app, input),
    simulateMembershipCreated: (membership, actorId = app.state.adminId) => simulateMembershipCreated(app, membership, actorId),
    deliverEvent: app.deliverEvent,
    onMessage(listener) {
      app.messageListeners.add(listener);
      return () => void app.messageListeners.delete(listener);
    },
    revokeToken: (token) => void app.state.tokens.delete(token),
    reset() {
      // Mutate in place so references to `fake.state` taken earlier stay live.
      Object.assign(app.state, createState(options, ids));
      faults.clear();
      requests.length = 0;
    },
    async close() {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      await mercury.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
