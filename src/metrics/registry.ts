// Prometheus metrics of one application instance. Each instance gets its own Registry (never the
// global one), so several instances in one process (tests, benchmarks) keep separate counts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WebexCallInfo, WebexRetryInfo } from '../webex/http-client.js';
import { endpointTemplate, resourceLabel, statusLabel } from './endpoint.js';

export type WebhookOutcome = 'accepted' | 'duplicate' | 'bad_signature' | 'malformed';

export interface WebexCall {
  /** `rest` (our WebexClient) or `sdk` (the framework's SDK, for the bot's replies). */
  client: 'rest' | 'sdk';
  method: string;
  /** Raw path below the API base; templated here. */
  path: string;
  status: number | string | undefined;
}

export interface MetricsOptions {
  /** Node process metrics (CPU, memory, event loop, GC): on by default. */
  processMetrics?: boolean;
  /** Constant labels on every series, e.g. { instance: 'bot-1' }. */
  labels?: Record<string, string>;
}

export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  if (options.labels) registry.setDefaultLabels(options.labels);
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const webhookEvents = new Counter({
    name: 'webhook_events_total',
    help: 'Webhook requests by event resource and outcome (accepted, duplicate, bad_signature, malformed).',
    labelNames: ['resource', 'outcome'] as const,
    registers,
  });
  const duplicateEvents = new Counter({
    name: 'webhook_duplicate_events_total',
    help: 'Webhook events already claimed (a redelivery, or the same event at another instance): not handled again.',
    labelNames: ['resource'] as const,
    registers,
  });
  const handlingSeconds = new Histogram({
    name: 'webhook_handling_seconds',
    help: 'From accepting a webhook event to its handler finishing (framework reads, our handler, the reply).',
    labelNames: ['resource', 'result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const webexCalls = new Counter({
    name: 'webex_api_calls_total',
    help: 'Webex API attempts by client, method, endpoint (templated, no ids) and status (or timeout/network).',
    labelNames: ['client', 'method', 'endpoint', 'status'] as const,
    registers,
  });
  const webexRetries = new Counter({
    name: 'webex_api_retries_total',
    help: 'Webex API requests sent again, by client, endpoint and reason (rate_limited, server_error, timeout, network).',
    labelNames: ['client', 'endpoint', 'reason'] as const,
    registers,
  });
  const webexRateLimited = new Counter({
    name: 'webex_api_rate_limited_total',
    help: 'Webex API answers with HTTP 429, by client and endpoint.',
    labelNames: ['client', 'endpoint'] as const,
    registers,
  });
  const alertRuns = new Counter({
    name: 'alert_runs_total',
    help: 'Inactive-user alert occurrences run by this instance.',
    registers,
  });
  const remindersSent = new Counter({
    name: 'reminders_sent_total',
    help: 'Activation reminders by outcome (sent, suppressed, error).',
    labelNames: ['outcome'] as const,
    registers,
  });

  // Websocket mode (no public URL): is the bot listening, why did it stop, who brought it back.
  const websocketConnected = new Gauge({
    name: 'webex_websocket_connected',
    help: 'Websocket mode: 1 while the Mercury socket is connected and listening, 0 while it is down.',
    registers,
  });
  const websocketCloses = new Counter({
    name: 'webex_websocket_closes_total',
    help: 'Websocket mode: socket closes by close code (1006 abnormal, 4000 replaced, 4401 unauthorized…).',
    labelNames: ['code'] as const,
    registers,
  });
  const websocketReconnects = new Counter({
    name: 'webex_websocket_reconnects_total',
    help: 'Websocket mode: the socket listening again after a close, by who reconnected it (sdk or bot).',
    labelNames: ['by'] as const,
    registers,
  });
  const websocketEvents = new Counter({
    name: 'websocket_events_total',
    help: 'Websocket mode: messages and card submissions by source (live, catch_up) and outcome (accepted, duplicate).',
    labelNames: ['resource', 'source', 'outcome'] as const,
    registers,
  });

  function webexCall(call: WebexCall): void {
    const endpoint = endpointTemplate(call.path);
    const status = statusLabel(call.status);
    webexCalls.inc({ client: call.client, method: call.method.toUpperCase(), endpoint, status });
    if (status === '429') webexRateLimited.inc({ client: call.client, endpoint });
  }

  return {
    registry,
    webhookEvents,
    duplicateEvents,
    handlingSeconds,
    webexCalls,
    webexRetries,
    webexRateLimited,
    alertRuns,
    remindersSent,
    websocketConnected,
    websocketCloses,
    websocketReconnects,
    websocketEvents,

    /** For the webhook route's onOutcome hook. */
    webhookOutcome(outcome: WebhookOutcome, resource?: string): void {
      const label = resourceLabel(resource);
      webhookEvents.inc({ resource: label, outcome });
      if (outcome === 'duplicate') duplicateEvents.inc({ resource: label });
    },
    /** An accepted event's handling finished (ok) or failed. */
    handled(resource: string | undefined, seconds: number, ok: boolean): void {
      handlingSeconds.observe({ resource: resourceLabel(resource), result: ok ? 'ok' : 'error' }, seconds);
    },
    webexCall,
    webexRetry(client: WebexCall['client'], path: string, reason: string): void {
      webexRetries.inc({ client, endpoint: endpointTemplate(path), reason: statusLabel(reason) });
    },
    /** Spread into WebexClientOptions: `new WebexClient({ ...opts, ...metrics.webexClientHooks() })`. */
    webexClientHooks() {
      return {
        onResponse: (info: WebexCallInfo) => webexCall({ client: 'rest', method: info.method, path: info.path, status: info.status }),
        onRetry: (info: WebexRetryInfo) => webexRetries.inc({ client: 'rest', endpoint: endpointTemplate(info.path), reason: info.reason }),
      };
    },
    /** The Prometheus text exposition. */
    text(): Promise<string> {
      return registry.metrics();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
