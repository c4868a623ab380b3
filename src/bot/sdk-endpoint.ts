// The Webex SDK under the framework reads its REST base URL (HYDRA_SERVICE_URL) and its service
// discovery URL (U2C_SERVICE_URL, websocket mode) into module-level defaults when it is first
// loaded. To honour WEBEX_API_URL / WEBEX_U2C_URL whenever a framework is created (and to run
// several bots against different fake servers in one test process), we set the variables and
// update those defaults before each framework starts. The same defaults hold the wait of the SDK's
// person-lookup batcher, which the framework goes through for every message (below).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WebexDefaults {
  hydra?: string;
  hydraServiceUrl?: string;
}
interface CoreDefaults {
  services?: { discovery?: { hydra?: string; u2c?: string } };
  device?: { preDiscoveryServices?: WebexDefaults };
  people?: { batcherWait?: number };
  mercury?: { pingInterval?: number | string; pongTimeout?: number | string };
}

/**
 * The framework looks up the sender of every message through the SDK's people batcher, which waits
 * 100 ms for more lookups to send them as one `GET /people?id=…`. On a quiet bot that wait was most
 * of every answer's time (`help` ~125 ms end to end, 105 ms of it waiting). A few milliseconds
 * still gather the lookups of a busy moment (the batcher also sends at once when 10 are queued).
 */
export const PEOPLE_LOOKUP_WAIT_MS = 3;

/** The SDK's own default, restored when a framework is created without an override. */
const DEFAULT_U2C_URL = 'https://u2c.wbx2.com/u2c/api/v1';

/** How often the SDK pings its websocket, and how long it waits for the pong (SDK defaults: 15 s, 14 s). */
export interface SocketTimings {
  pingMs: number;
  pongTimeoutMs: number;
}
const SDK_SOCKET_TIMINGS: SocketTimings = { pingMs: 15_000, pongTimeoutMs: 14_000 };

export function pointSdkAt(apiUrl: string, u2cUrl?: string, timings: SocketTimings = SDK_SOCKET_TIMINGS): void {
  process.env.HYDRA_SERVICE_URL = apiUrl;
  // The SDK logs every retry and probe to the console; our own logs say what matters.
  process.env.WEBEX_LOG_LEVEL ??= 'error';
  const webexDefaults = (require('webex/dist/config.js') as { default: WebexDefaults }).default;
  webexDefaults.hydra = apiUrl;
  webexDefaults.hydraServiceUrl = apiUrl;
  const core = (require('@webex/webex-core/dist/config.js') as { default: CoreDefaults }).default;
  if (core.services?.discovery) {
    core.services.discovery.hydra = apiUrl;
    core.services.discovery.u2c = u2cUrl ?? process.env.U2C_SERVICE_URL ?? DEFAULT_U2C_URL;
  }
  if (core.people) core.people.batcherWait = PEOPLE_LOOKUP_WAIT_MS;
  // A socket whose network died says nothing: only a missed pong tells (then the SDK reconnects).
  if (core.mercury) {
    core.mercury.pingInterval = timings.pingMs;
    core.mercury.pongTimeout = timings.pongTimeoutMs;
  }
  if (core.device?.preDiscoveryServices) {
    core.device.preDiscoveryServices.hydra = apiUrl;
    core.device.preDiscoveryServices.hydraServiceUrl = apiUrl;
  }
}
