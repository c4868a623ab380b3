// Websocket mode's door, the counterpart of webhook-route.ts: events arrive from the Webex SDK's
// Mercury socket instead of signed POSTs. The framework's own websocket code (lib/websocket.js)
// hands every SDK event straight to the framework, so nothing could claim it first and two
// instances on one token would both answer (every device receives every event). We replace its
// init for our framework only: same SDK listeners, but each message and card submission is
// claimed in the store (the same key as a webhook) before the framework sees it. We also never
// delete device registrations at start (the framework's removeDeviceRegistrationsOnStart bug
// would delete other instances' devices).
import { createRequire } from 'node:module';
import type Framework from 'webex-node-bot-framework';
import type { Logger } from '../logger.js';
import { quietClosedSocketAcks } from './sdk-socket-ack.js';

const require = createRequire(import.meta.url);
const processEvent = require('webex-node-bot-framework/lib/process-event.js') as (fw: Framework, body: unknown, name?: string) => Promise<unknown>;

interface FrameworkWebsocket {
  framework: Framework & { webhook: { name?: string } };
  name: string;
}
type WebsocketClass = { prototype: { init(this: FrameworkWebsocket): Promise<unknown> } };

/** What the transport needs of the SDK's resource plugins (messages, attachmentActions…). */
interface SdkResource {
  listen(): Promise<void>;
  on(event: string, listener: (ev: SdkEvent) => void): void;
  off(event: string, listener?: (ev: SdkEvent) => void): void;
}

/** The SDK's webhook-shaped event (resource, event, actorId, data). */
export interface SdkEvent {
  resource?: string;
  event?: string;
  actorId?: string;
  data?: { id?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** The parts of the SDK's internals the websocket host drives (typed here, untyped upstream). */
export interface SdkInternals {
  mercury: {
    connected: boolean;
    connecting: boolean;
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    on(event: string, listener: (ev?: { code?: number; reason?: string }) => void): void;
    off(event: string, listener?: (...args: any[]) => void): void;
  };
  device: { registered: boolean; url?: string; refresh(): Promise<void>; register(): Promise<void>; unregister(): Promise<void> };
}

/** The SDK's internal services (Mercury, the device): not in its public typings, checked here. */
export function sdkInternals(framework: Framework): SdkInternals {
  const sdk: object = framework.webex;
  if (!('internal' in sdk) || typeof sdk.internal !== 'object' || sdk.internal === null) throw new Error('the Webex SDK has no internal services');
  return sdk.internal as SdkInternals;
}

function sdkResources(framework: Framework) {
  const sdk: object = framework.webex;
  return sdk as Record<'messages' | 'memberships' | 'rooms' | 'attachmentActions', SdkResource>;
}

const inits = new WeakMap<Framework, (ws: FrameworkWebsocket) => Promise<unknown>>();
let patched = false;

/** Routes the framework's websocket init to ours for frameworks that registered one. */
function patchFrameworkWebsocket(): void {
  if (patched) return;
  const Websocket = require('webex-node-bot-framework/lib/websocket.js') as WebsocketClass;
  const original = Websocket.prototype.init;
  Websocket.prototype.init = function init(this: FrameworkWebsocket) {
    const ours = inits.get(this.framework);
    return ours ? ours(this) : original.call(this);
  };
  patched = true;
}

export interface WebsocketTransportOptions {
  framework: Framework;
  logger: Logger;
  /** Claims an event (true: first time seen anywhere); the same store claim as webhooks use. */
  claim(key: string, resource: string): Promise<boolean>;
  /** Hands a claimed, webhook-shaped event to the framework; resolves when our handler is done. */
  process(body: unknown): Promise<void>;
  /** Resolves once the framework has started (events that arrive earlier wait for it). */
  started(): Promise<void>;
  onEvent?(resource: string, outcome: 'accepted' | 'duplicate', source: DeliverySource): void;
}

/** Where an event came from: the socket, or the REST listing after a gap. */
export type DeliverySource = 'live' | 'catch_up';

export interface DeliverOptions {
  source?: DeliverySource;
  /** Runs once the claim is ours, before the framework sees the event (e.g. "this is late"). */
  onClaimed?: () => Promise<void>;
}

export interface WebsocketTransport {
  /** The event name the framework accepts from us (processEvent checks it). */
  readonly name: string;
  /** Claims and processes one webhook-shaped event (live, or found by the catch-up). */
  deliver(body: SdkEvent, opts?: DeliverOptions): Promise<'handled' | 'duplicate' | 'ignored'>;
  /** Time of the last event the socket brought. */
  lastEventAt(): Date | undefined;
  /** Removes our SDK listeners (the framework's stop unregisters the device). */
  detach(): void;
}

/** Resources whose events reach handlers: claimed once across instances. */
const CLAIMED = new Set(['messages', 'attachmentActions']);

export function attachWebsocketTransport(options: WebsocketTransportOptions): WebsocketTransport {
  const { framework } = options;
  const log = options.logger.child({ component: 'websocket' });
  let name = 'webex sdk socket event';
  let lastEventAt: Date | undefined;
  const listeners: [SdkResource, string, (ev: SdkEvent) => void][] = [];

  async function deliver(body: SdkEvent, opts: DeliverOptions = {}): Promise<'handled' | 'duplicate' | 'ignored'> {
    const source = opts.source ?? 'live';
    const resource = body.resource ?? '';
    const id = body.data?.id;
    if (!CLAIMED.has(resource) || body.event !== 'created' || !id) return 'ignored';
    // The bot's own messages come back on the socket in 1:1 spaces; the framework ignores them,
    // so they need no claim (one database write per reply saved).
    if (resource === 'messages' && body.actorId && body.actorId === framework.person?.id) return 'ignored';
    const key = `${resource}:${body.event}:${id}`;
    if (!(await options.claim(key, resource))) {
      options.onEvent?.(resource, 'duplicate', source);
      log.debug({ key }, 'event already claimed (another instance, or seen before)');
      return 'duplicate';
    }
    options.onEvent?.(resource, 'accepted', source);
    await options.started();
    await opts.onClaimed?.();
    await options.process({ ...body, name });
    return 'handled';
  }

  const onLive = (ev: SdkEvent) => {
    lastEventAt = new Date();
    deliver(ev).catch((err: Error) => log.error({ err: err.message, resource: ev.resource }, 'websocket event processing failed'));
  };
  // Memberships and rooms only keep the framework's list of spaces up to date: no claim needed.
  const onBookkeeping = (ev: SdkEvent) => {
    processEvent(framework, ev, name).catch((err: Error) => log.warn({ err: err.message }, 'framework bookkeeping event failed'));
  };

  patchFrameworkWebsocket();
  quietClosedSocketAcks();
  inits.set(framework, async (ws) => {
    name = ws.name;
    const sdk = sdkResources(framework);
    await Promise.all([sdk.messages.listen(), sdk.memberships.listen(), sdk.rooms.listen(), sdk.attachmentActions.listen()]);
    const on = (resource: SdkResource, event: string, fn: (ev: SdkEvent) => void) => {
      resource.on(event, fn);
      listeners.push([resource, event, fn]);
    };
    on(sdk.messages, 'created', onLive);
    on(sdk.attachmentActions, 'created', onLive);
    on(sdk.messages, 'deleted', onBookkeeping);
    for (const event of ['created', 'deleted', 'updated']) on(sdk.memberships, event, onBookkeeping);
    for (const event of ['created', 'updated']) on(sdk.rooms, event, onBookkeeping);
    log.info('listening for Webex events on the websocket');
    return true;
  });

  return {
    get name() {
      return name;
    },
    deliver,
    lastEventAt: () => lastEventAt,
    detach() {
      for (const [resource, event, fn] of listeners.splice(0)) resource.off(event, fn);
    },
  };
}
