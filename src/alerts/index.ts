// Inactive-user follow-up alerts: detection, digest, scheduler and poster (no Express or
// framework objects here). startAlerts wires them for the application.
import type { Logger } from '../logger.js';
import type { InSpaceLanguage } from '../i18n/translate.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';
import { WebexBotApi } from '../webex/bot-api.js';
import { WebexClient } from '../webex/http-client.js';
import type { Metrics } from '../metrics/index.js';
import { runAlerts, type MessagePoster } from './poster.js';
import { createAlertScheduler, type AlertScheduler } from './scheduler.js';

export * from './cron.js';
export * from './detection.js';
export * from './digest.js';
export * from './follow-up.js';
export * from './poster.js';
export * from './reminders.js';
export * from './scheduler.js';
export * from './subscriptions.js';

export interface AlertsOptions {
  store: Store;
  provisioning: ProvisioningService;
  logger: Logger;
  instanceId: string;
  cron: string;
  timeZone: string;
  inactiveAfterDays: number;
  /** The bot's REST access: scheduled cards go to stored room ids with the bot token. */
  bot: { token: string; apiUrl: string } | { poster: MessagePoster };
  now?: () => Date;
  leaseTtlMs?: number;
  metrics?: Pick<Metrics, 'alertRuns' | 'webexClientHooks'>;
  /** Each space's card in that space's language. */
  inSpaceLanguage?: InSpaceLanguage;
}

/** The scheduler over the real job (not started: call start()). */
export function createAlerts(o: AlertsOptions): AlertScheduler {
  const now = o.now ?? (() => new Date());
  const logger = o.logger.child({ component: 'alerts' });
  const poster = 'poster' in o.bot ? o.bot.poster : new WebexBotApi(new WebexClient({ baseUrl: o.bot.apiUrl, token: o.bot.token, logger, ...o.metrics?.webexClientHooks() }));
  const deps = { store: o.store, provisioning: o.provisioning, now, inactiveAfterDays: o.inactiveAfterDays, poster, logger, instanceId: o.instanceId, inSpaceLanguage: o.inSpaceLanguage };
  return createAlertScheduler({
    cron: o.cron,
    timeZone: o.timeZone,
    leases: o.store.leases,
    instanceId: o.instanceId,
    now,
    logger,
    leaseTtlMs: o.leaseTtlMs,
    run: async (occurrence, control) => {
      o.metrics?.alertRuns.inc();
      await runAlerts(deps, occurrence, control);
    },
  });
}
