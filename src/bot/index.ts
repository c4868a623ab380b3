// The bot: framework host + webhook route + dispatcher over the command and action registries.
import type { Router } from 'express';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { observedSdk, type Metrics } from '../metrics/index.js';
import { createActions } from './actions/index.js';
import { createCommands, shortHelp } from './commands/index.js';
import { createDispatcher } from './dispatcher.js';
import { createFrameworkHost, type FrameworkHost } from './framework-host.js';
import { createSender } from './sender.js';
import type { BotServices, CardAction, Command } from './types.js';
import { webhookRouter } from './webhook-route.js';

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
  extraCommands?: Command[];
  extraActions?: CardAction[];
  /** Counts webhook outcomes, handling time and the replies' Webex calls (GET /metrics). */
  metrics?: Metrics;
}

export interface Bot {
  /** Mount before the server starts accepting (only in webhook mode). */
  router?: Router;
  host: FrameworkHost;
  start(): Promise<void>;
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
    logger,
    onMessage: (ev) => dispatcher.handleMessage(ev),
    onAction: (ev) => dispatcher.handleAction(ev),
  });

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

  return {
    router,
    host,
    start() {
      started ??= host.start();
      return started;
    },
    idle,
    async stop() {
      await idle();
      await host.stop();
    },
  };
}
