// The bot: framework host + its door (the signed webhook route, or in websocket mode the claimed
// socket transport with its supervisor and catch-up) + dispatcher over the command and action
// registries. Both doors feed the same host and dispatcher: only the transport differs.
import type { Router } from 'express';
import type { Logger } from '../logger.js';
import { currentLanguage, t, withLanguage } from '../i18n/translate.js';
import type { Store } from '../store/index.js';
import { observedSdk, type Metrics } from '../metrics/index.js';
import { createActions } from './actions/index.js';
import { createCommands, shortHelp } from './commands/index.js';
import { createDispatcher } from './dispatcher.js';
import { createFrameworkHost, type FrameworkHost } from './framework-host.js';
import { createSender } from './sender.js';
import type { BotServices, CardAction, Command } from './types.js';
import { webhookRouter } from './webhook-route.js';
import { WebexBotApi } from '../webex/bot-api.js';
import { WebexClient } from '../webex/http-client.js';
import { lateBy, listMissedMessages } from './catch-up.js';
import type { SocketTimings } from './sdk-endpoint.js';
import { startSupervisor, type Supervisor } from './websocket-supervisor.js';
import { attachWebsocketTransport, sdkInternals, type WebsocketTransport } from './websocket-transport.js';

export interface BotOptions {
  services: BotServices;
  /** The bot's own records: sent cards, event and one-shot claims, refusals. */
  store: Store;
  logger: Logger;
  instanceId: string;
  token: string;
  apiUrl: string;
  /** Public webhook URL; its path is where the route listens. Unset: websocket mode. */
  webhookUrl?: string;
  webhookSecret: string;
  /** Websocket mode: Webex's service discovery URL (tests: the fake's). */
  u2cUrl?: string;
  /** Websocket mode: down longer than this → not ready (default 20 s). */
  websocketGraceMs?: number;
  /** Websocket mode: how often the reconnect watchdog looks (default 5 s). */
  websocketCheckEveryMs?: number;
  /** Websocket mode: the SDK's ping interval and pong timeout (default 15 s / 14 s; tests shorten them). */
  websocketTimings?: SocketTimings;
  extraCommands?: Command[];
  extraActions?: CardAction[];
  /** Counts webhook outcomes, handling time and the replies' Webex calls (GET /metrics). */
  metrics?: Metrics;
}

export interface Bot {
  /** Mount before the server starts accepting (only in webhook mode). */
  router?: Router;
  host: FrameworkHost;
  /** Websocket mode only: the claimed socket door. */
  websocket?: WebsocketTransport;
  start(): Promise<void>;
  /**
   * Can this instance hear Webex? Webhook mode: always (events come to the HTTP server). Websocket
   * mode: the socket is connected, or down for less than the grace period.
   */
  ready(): boolean;
  /** Websocket mode: settles when the catch-up after the latest reconnect is done (tests). */
  caughtUp(): Promise<void>;
  /** Resolves when every accepted event has been handled (shutdown, tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
  const logger = options.logger.child({ component: 'bot' });
  const commands = createCommands(options.extraCommands);
  let host!: FrameworkHost;
  const { metrics } = options;
  const sdk = () => host.framework.webex;
  const sender = createSender(metrics ? observedSdk(sdk, metrics) : sdk);
  const dispatcher = createDispatcher({
    services: options.services,
    store: options.store,
    commands,
    actions: createActions(options.extraActions),
    sender,
    logger,
    botNames: () => host.botNames(),
    shortHelp: () => shortHelp(commands),
  });
  host = createFrameworkHost({
    token: options.token,
    apiUrl: options.apiUrl,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    u2cUrl: options.u2cUrl,
    socketTimings: options.websocketTimings,
    logger,
    onMessage: (ev) => dispatcher.handleMessage(ev),
    onAction: (ev) => dispatcher.handleAction(ev),
  });

  /**
   * Someone spoke to the bot or clicked: a due refresh of the subscriber mirror starts now, while
   * the framework fetches the message or click from Webex, so an answer that needs the mirror
   * (users, user, export, the cards' buttons) finds it under way or done. At most one listing per
   * freshness window, as for the answers themselves; the bot's own messages start nothing.
   */
  const warm = (body: unknown) => {
    const { resource, event, data } = body as { resource?: string; event?: string; data?: { personId?: string } };
    if (event !== 'created' || (resource !== 'messages' && resource !== 'attachmentActions')) return;
    if (data?.personId && data.personId === host.framework.person?.id) return;
    options.services.provisioning.warmSubscribers();
  };

  let started: Promise<void> | undefined;
  const dispatching = new Set<Promise<void>>();
  const idle = async () => {
    while (dispatching.size) await Promise.allSettled([...dispatching]);
    await host.idle();
  };
  const router = options.webhookUrl
    ? webhookRouter({
        path: new URL(options.webhookUrl).pathname,
        secret: options.webhookSecret,
        events: options.store.events,
        instanceId: options.instanceId,
        logger,
        onOutcome: metrics ? (outcome, resource) => metrics.webhookOutcome(outcome, resource) : undefined,
        // Events that arrive while the framework is still starting wait for it.
        dispatch: (body) => {
          const acceptedAt = performance.now();
          const resource = (body as { resource?: string }).resource;
          warm(body);
          const work: Promise<void> = (async () => {
            await started;
            await host.process(body);
          })()
            .then(
              () => metrics?.handled(resource, (performance.now() - acceptedAt) / 1000, true),
              (err: unknown) => {
                metrics?.handled(resource, (performance.now() - acceptedAt) / 1000, false);
                throw err;
              },
            )
            .finally(() => dispatching.delete(work));
          dispatching.add(work);
          return work;
        },
      })
    : undefined;

  // Websocket mode: every message and click is claimed in the store before the framework sees it
  // (the same key as its webhook), so of several instances on one token only one answers.
  const track = (work: Promise<unknown>) => {
    const p: Promise<void> = work.then(() => undefined).finally(() => dispatching.delete(p));
    dispatching.add(p);
    return p;
  };
  const websocket = options.webhookUrl
    ? undefined
    : attachWebsocketTransport({
        framework: host.framework,
        logger,
        claim: (key, resource) => options.store.events.claim(key, resource, options.instanceId),
        process: (body) => {
          const acceptedAt = performance.now();
          const resource = (body as { resource?: string }).resource;
          warm(body);
          return track(host.process(body)).then(
            () => metrics?.handled(resource, (performance.now() - acceptedAt) / 1000, true),
            (err: unknown) => {
              metrics?.handled(resource, (performance.now() - acceptedAt) / 1000, false);
              throw err;
            },
          );
        },
        started: () => started ?? Promise.resolve(),
        onEvent: metrics ? (resource, outcome, source) => metrics.websocketEvents.inc({ resource, source, outcome }) : undefined,
      });

  let supervisor: Supervisor | undefined;
  let catchUp: Promise<void> = Promise.resolve();
  const restApi = new WebexBotApi(new WebexClient({ baseUrl: options.apiUrl, token: options.token, logger, ...metrics?.webexClientHooks() }));
  /** After a gap: answer, oldest first and once across instances, what was said meanwhile. */
  async function catchUpSince(downSince: number, listeningSince: number): Promise<void> {
    // A little overlap with the last events seen live: those are already claimed and skipped.
    const since = new Date(Math.max(downSince - CATCH_UP_OVERLAP_MS, Date.now() - CATCH_UP_MAX_GAP_MS));
    const missed = await listMissedMessages(restApi, host.framework.person.id, since, new Date(listeningSince));
    let answered = 0;
    for (const m of missed) {
      const outcome = await websocket!.deliver(
        { resource: 'messages', event: 'created', actorId: m.personId, data: { id: m.id, roomId: m.roomId, roomType: m.roomType, personId: m.personId, personEmail: m.personEmail, created: m.created.toISOString() } },
        {
          source: 'catch_up',
          onClaimed: async () => {
            // In the space's language, as the answer that follows it.
            const { speech } = await options.services.languages.of({ id: m.roomId, type: m.roomType }, m.personId).catch(() => ({ speech: currentLanguage() }));
            await withLanguage(speech, () => sender.markdown(m.roomId, t('reply.late', { ago: lateBy(Date.now() - m.created.getTime()) }))).then(
              () => undefined,
              (err: Error) => logger.warn({ err: err.message, roomId: m.roomId }, 'could not send the late-answer note'),
            );
          },
        },
      );
      if (outcome === 'handled') answered++;
    }
    logger.info({ since: since.toISOString(), found: missed.length, answered }, 'websocket catch-up done');
  }

  function scheduleCatchUp(downSince: number): void {
    // Listening again from now: what is said from now on comes over the socket.
    const listeningSince = Date.now();
    catchUp = catchUp
      .then(() => track(catchUpSince(downSince, listeningSince)))
      .catch((err: Error) => logger.error({ err: err.message }, 'websocket catch-up failed; messages from the gap may be unanswered'));
  }
  /** Every listening instance says so in the store now and then: a start catches up from there. */
  let listeningTimer: NodeJS.Timeout | undefined;
  const noteListening = async () => {
    if (!supervisor?.connected()) return;
    await options.store.leases.recordRun(LISTENING_JOB, new Date()).catch((err: Error) => logger.warn({ err: err.message }, 'could not record that the bot is listening'));
  };

  return {
    router,
    host,
    websocket,
    start() {
      started ??= (async () => {
        await host.start();
        if (!websocket) return;
        // What was said while no instance listened (this one was stopped, or all were): from the
        // last time any instance said it was listening, once this one is.
        let missedSince = (await options.store.leases.get(LISTENING_JOB).catch(() => null))?.lastRunAt ?? undefined;
        const catchUpAfterStart = () => {
          if (!missedSince) return;
          const since = missedSince.getTime() - LISTENING_EVERY_MS;
          missedSince = undefined;
          scheduleCatchUp(since);
        };
        supervisor = startSupervisor({
          internals: () => sdkInternals(host.framework),
          logger,
          graceMs: options.websocketGraceMs ?? 20_000,
          checkEveryMs: options.websocketCheckEveryMs,
          onState: (up) => {
            metrics?.websocketConnected.set(up ? 1 : 0);
            if (up) catchUpAfterStart();
          },
          onClose: (code) => metrics?.websocketCloses.inc({ code: String(code ?? 'none') }),
          onReconnect: (by) => metrics?.websocketReconnects.inc({ by }),
          onReconnected: (downSince) => scheduleCatchUp(downSince),
        });
        metrics?.websocketConnected.set(supervisor.connected() ? 1 : 0);
        if (supervisor.connected()) catchUpAfterStart();
        await noteListening();
        listeningTimer = setInterval(() => void noteListening(), LISTENING_EVERY_MS);
        listeningTimer.unref();
      })();
      return started;
    },
    ready: () => (supervisor ? supervisor.ready() : !websocket),
    caughtUp: () => catchUp,
    idle,
    async stop() {
      clearInterval(listeningTimer);
      await noteListening();
      supervisor?.stop();
      await idle();
      if (websocket) {
        websocket.detach();
        // Close the socket before the framework unregisters the device, so nothing lingers.
        await sdkInternals(host.framework).mercury.disconnect().catch(() => undefined);
      }
      await host.stop();
    },
  };
}

/** JobLease whose lastRunAt is the last time an instance was listening on its socket (every instance hears every event). */
const LISTENING_JOB = 'websocket.listening';
/** How often a listening instance records it; a start catches up from the last record less this. */
const LISTENING_EVERY_MS = 30_000;
/** How far before the gap's start the catch-up looks (events in flight when the socket closed). */
const CATCH_UP_OVERLAP_MS = 10_000;
/** Webex keeps messages, but an answer days late helps nobody: older ones are left alone. */
const CATCH_UP_MAX_GAP_MS = 24 * 3_600_000;
