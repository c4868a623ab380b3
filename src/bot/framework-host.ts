// Hosts webex-node-bot-framework: creates and starts it against WEBEX_API_URL, turns its
// triggers into our message/action events, and keeps track of handlers still running so a
// shutdown (or a test) can wait for them. The framework never sees Express: signed webhook
// bodies reach it through processEvent after our own checks (webhook-route.ts).
import { createRequire } from 'node:module';
import Framework, { type Bot, type Trigger } from 'webex-node-bot-framework';
import type { Logger } from '../logger.js';
import type { ActionEvent, MessageEvent } from './dispatcher.js';
import { pointSdkAt, type SocketTimings } from './sdk-endpoint.js';
import type { Actor, Room } from './types.js';

const require = createRequire(import.meta.url);
const processEvent = require('webex-node-bot-framework/lib/process-event.js') as (fw: Framework, body: unknown) => Promise<unknown>;

/** Extra attempts for an event the framework dropped (its Webex reads failed). */
const PROCESS_RETRIES = 4;

export interface FrameworkHostOptions {
  token: string;
  apiUrl: string;
  webhookUrl?: string;
  webhookSecret: string;
  /** Websocket mode: Webex's service discovery URL (unset: the SDK's default). */
  u2cUrl?: string;
  /** Websocket mode: ping interval and pong timeout (tests shorten them; unset: the SDK's). */
  socketTimings?: SocketTimings;
  logger: Logger;
  onMessage(ev: MessageEvent): Promise<void>;
  onAction(ev: ActionEvent): Promise<void>;
}

export interface FrameworkHost {
  framework: Framework;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Hands a verified webhook body to the framework; resolves when our handler is done. */
  process(body: unknown): Promise<void>;
  /** Resolves when every running handler has finished. */
  idle(): Promise<void>;
  botNames(): string[];
}

function actorOf(trigger: Trigger): Actor {
  return { personId: trigger.person.id, email: (trigger.person.emails?.[0] ?? '').toLowerCase(), displayName: trigger.person.displayName };
}

function roomOf(bot: Bot): Room {
  return { id: bot.room.id, type: bot.room.type === 'group' ? 'group' : 'direct' };
}

export function createFrameworkHost(options: FrameworkHostOptions): FrameworkHost {
  const framework = new Framework({
    token: options.token,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    // Never delete other instances' (or other apps') webhooks on the same token.
    removeWebhooksOnStart: false,
    messageFormat: 'markdown',
  });
  const log = options.logger.child({ component: 'framework' });
  const running = new Set<Promise<void>>();
  /** Completion of the handler started for an event (resource:id), until process() picks it up. */
  const started = new Map<string, Promise<void>>();

  function track(key: string, work: Promise<void>): void {
    const p: Promise<void> = work
      .catch((err: Error) => log.error({ err: err.message }, 'handler crashed'))
      .finally(() => running.delete(p));
    running.add(p);
    started.set(key, p);
  }

  framework.on('log', (msg: string) => log.debug({ framework: msg }));
  framework.hears(/[\s\S]*/, (bot, trigger) => {
    const message = trigger.message!;
    track(`messages:${message.id}`, options.onMessage({ messageId: message.id, room: roomOf(bot), actor: actorOf(trigger), text: message.text ?? '', ...(message.created ? { created: new Date(message.created) } : {}) }));
  });
  framework.on('attachmentAction', (bot: Bot, trigger: Trigger) => {
    const a = trigger.attachmentAction!;
    track(`attachmentActions:${a.id}`, options.onAction({ actionId: a.id, messageId: a.messageId, room: roomOf(bot), actor: actorOf(trigger), inputs: a.inputs ?? {} }));
  });

  return {
    framework,
    async start() {
      pointSdkAt(options.apiUrl, options.u2cUrl, options.socketTimings);
      await framework.start();
      await new Promise<void>((resolve) => (framework.initialized ? resolve() : framework.once('initialized', () => resolve())));
    },
    async stop() {
      await this.idle();
      // framework.stop() deletes the token's webhooks, which other instances share: in webhook
      // mode we only stop handling. (Websocket mode has no shared webhooks.)
      if (!options.webhookUrl) await framework.stop();
    },
    async process(body) {
      const b = body as { resource?: string; event?: string; actorId?: string; data?: { id?: string } };
      const key = `${b.resource}:${b.data?.id}`;
      // A person's message or button press must start a handler. The framework silently drops
      // the event when one of its reads (message, person, action, late spawn) fails — e.g. a
      // Webex 429/5xx — so such an event is processed again a few times, with backoff.
      const expectsHandler =
        b.event === 'created' && (b.resource === 'attachmentActions' || (b.resource === 'messages' && b.actorId !== framework.person?.id));
      for (let attempt = 0; ; attempt++) {
        await processEvent(framework, body);
        const handler = started.get(key);
        if (handler || !expectsHandler || attempt >= PROCESS_RETRIES) {
          started.delete(key);
          // The framework fires our handler without awaiting it: wait for the one it started.
          await handler;
          if (!handler && expectsHandler) log.warn({ key }, 'event dropped by the framework after retries');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    botNames() {
      const p = framework.person ?? {};
      return [p.displayName ?? '', p.nickName ?? '', p.firstName ?? '', (framework.email ?? '').split('@')[0] ?? ''];
    },
  };
}
