// The bot's replies go through the framework's Webex SDK (src/bot/sender.ts), not our REST client:
// this wraps the SDK the sender sees so each send attempt, 429 and retry is counted too.
import type { MessageRequest, WebexSdk } from 'webex-node-bot-framework';
import type { Metrics } from './registry.js';

function retryReason(status: number | undefined): string {
  if (status === 429) return 'rate_limited';
  return status !== undefined && status >= 500 ? 'server_error' : 'network';
}

export function observedSdk(sdk: () => WebexSdk, metrics: Metrics): () => WebexSdk {
  // The sender passes the same request object to every attempt: a second call with it is a retry.
  const lastFailure = new WeakMap<MessageRequest, string>();
  return () => {
    const real = sdk();
    return {
      people: real.people,
      messages: {
        async create(message: MessageRequest) {
          const previous = lastFailure.get(message);
          if (previous) metrics.webexRetry('sdk', '/messages', previous);
          try {
            const sent = await real.messages.create(message);
            lastFailure.delete(message);
            metrics.webexCall({ client: 'sdk', method: 'POST', path: '/messages', status: 200 });
            return sent;
          } catch (err) {
            const status = (err as { statusCode?: number }).statusCode;
            metrics.webexCall({ client: 'sdk', method: 'POST', path: '/messages', status: status ?? 'network' });
            lastFailure.set(message, retryReason(status));
            throw err;
          }
        },
      },
    };
  };
}
