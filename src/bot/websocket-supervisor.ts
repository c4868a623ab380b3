// Keeps websocket mode listening. The SDK reconnects by itself only after some closes (1001, 1005,
// 1006, 1011, and 1000 for idle/pong reasons); after 4000 "replaced", 4401, 1000 "Done" or any other
// code it stays offline for good, and the framework listens to none of Mercury's offline/online
// events — so the bot would go deaf without a word. This module listens to them: it logs every
// close and every return, reconnects itself (refreshing the device registration when Webex
// replaced or refused it) with jittered exponential backoff, notices a reconnect that is stuck,
// reports readiness (down beyond a grace period → not ready), and tells the caller when the socket
// is back after a gap so what was said meanwhile can be fetched.
import type { Logger } from '../logger.js';
import type { SdkInternals } from './websocket-transport.js';

export interface SupervisorOptions {
  internals: () => SdkInternals;
  logger: Logger;
  /** Down for longer than this → not ready (the socket may blink; a process manager need not care). */
  graceMs: number;
  /** How often the watchdog looks (default 5 s). */
  checkEveryMs?: number;
  /** A reconnect still not done after this long is abandoned and started afresh (default 45 s). */
  stuckAfterMs?: number;
  /** Upper bound of the backoff between our reconnect attempts (default 30 s). */
  maxDelayMs?: number;
  now?: () => number;
  random?: () => number;
  /** The socket is back after being down since `downSince` (wall-clock ms). */
  onReconnected?(downSince: number): void;
  /** Observers for metrics. */
  onState?(connected: boolean): void;
  onClose?(code: number | undefined): void;
  onReconnect?(by: 'sdk' | 'bot'): void;
}

export interface Supervisor {
  /** Listening now, or down for less than the grace period. */
  ready(): boolean;
  connected(): boolean;
  stop(): void;
}

/** Codes after which the SDK itself reconnects (mercury.js `_onclose`). */
const SDK_RETRIES = new Set([1001, 1005, 1006, 1011]);
const SDK_RETRY_REASONS = new Set(['idle', 'done (forced)', 'pong not received', 'pong mismatch']);

export function startSupervisor(options: SupervisorOptions): Supervisor {
  const log = options.logger.child({ component: 'websocket' });
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const checkEveryMs = options.checkEveryMs ?? 5_000;
  const stuckAfterMs = options.stuckAfterMs ?? 45_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const mercury = () => options.internals().mercury;

  let connected = mercury().connected;
  let everConnected = connected;
  /** Since when the socket has been down (undefined while connected). */
  let downSince: number | undefined = connected ? undefined : now();
  let lastClose: { code?: number; reason?: string } | undefined;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  /** The last attempt of ours failed, or Webex replaced/refused the device: refresh it first. */
  let refreshDevice = false;
  let stopped = false;
  let ourReconnect = false;

  const onOnline = () => {
    const wasDown = downSince;
    connected = true;
    downSince = undefined;
    attempt = 0;
    options.onState?.(true);
    if (!everConnected) {
      everConnected = true;
      log.info('websocket connected');
      return;
    }
    const by = ourReconnect ? 'bot' : 'sdk';
    options.onReconnect?.(by);
    log.info({ downMs: wasDown === undefined ? 0 : now() - wasDown, closeCode: lastClose?.code, reconnectedBy: by }, 'websocket listening again');
    if (wasDown !== undefined) options.onReconnected?.(wasDown);
  };

  const onOffline = (ev?: { code?: number; reason?: string }) => {
    connected = false;
    downSince ??= now();
    lastClose = { code: ev?.code, reason: ev?.reason };
    ourReconnect = false;
    options.onState?.(false);
    options.onClose?.(ev?.code);
    if (stopped) return;
    const reason = (ev?.reason ?? '').toLowerCase();
    const sdkRetries = SDK_RETRIES.has(ev?.code ?? 0) || (ev?.code === 1000 && SDK_RETRY_REASONS.has(reason));
    log.warn({ closeCode: ev?.code, reason: ev?.reason, reconnecting: sdkRetries ? 'sdk' : 'bot' }, 'websocket closed');
    if (!sdkRetries) {
      refreshDevice = true;
      schedule();
    }
  };

  function schedule(): void {
    if (stopped || timer || inFlight) return;
    const delay = Math.round(Math.min(1_000 * 2 ** attempt, maxDelayMs) * (0.5 + random() / 2));
    attempt++;
    timer = setTimeout(() => {
      timer = undefined;
      void reconnect();
    }, delay);
    timer.unref();
  }

  async function reconnect(): Promise<void> {
    if (stopped || connected) return;
    inFlight = true;
    ourReconnect = true;
    const internals = options.internals();
    try {
      if (internals.mercury.connecting) {
        // The SDK's own backoff is still trying (e.g. against a device Webex no longer knows):
        // abandon it and start again from a fresh device registration.
        await internals.mercury.disconnect();
        refreshDevice = true;
      }
      // refresh() re-registers when Webex no longer knows the device (404 on the PUT).
      if (refreshDevice || !internals.device.registered) await internals.device.refresh();
      refreshDevice = false;
      await internals.mercury.connect();
    } catch (err) {
      refreshDevice = true;
      const e = err as { statusCode?: number; message?: string };
      if (e.statusCode === 401) log.error({ attempt }, 'Webex rejected the bot token (401): not listening; check WEBEX_BOT_TOKEN');
      else log.warn({ err: e.message ?? String(err), statusCode: e.statusCode, attempt }, 'websocket reconnect failed; trying again');
    } finally {
      inFlight = false;
    }
    if (!stopped && !mercury().connected) schedule();
  }

  // The watchdog: whatever the reason (an SDK retry loop that gave up or hangs, a close we did not
  // hear), a socket down for too long gets a reconnect of ours.
  const watchdog = setInterval(() => {
    if (stopped || connected || timer || inFlight || downSince === undefined) return;
    const m = mercury();
    if (m.connected) return;
    if (!m.connecting || now() - downSince >= stuckAfterMs) schedule();
  }, checkEveryMs);
  watchdog.unref();

  const m = mercury();
  m.on('online', onOnline);
  m.on('offline', onOffline);

  return {
    ready: () => connected || (everConnected && downSince !== undefined && now() - downSince < options.graceMs),
    connected: () => connected,
    stop() {
      stopped = true;
      clearInterval(watchdog);
      if (timer) clearTimeout(timer);
      timer = undefined;
      m.off('online', onOnline);
      m.off('offline', onOffline);
    },
  };
}
