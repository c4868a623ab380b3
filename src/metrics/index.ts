// Prometheus metrics: one registry per application instance, GET /metrics, and the observers the
// webhook route, the bot's sender and the Webex REST client report to.
export { createMetrics, type Metrics, type MetricsOptions, type WebexCall, type WebhookOutcome } from './registry.js';
export { metricsRouter } from './router.js';
export { observedSdk } from './sdk-observer.js';
export { endpointTemplate, resourceLabel, statusLabel } from './endpoint.js';
