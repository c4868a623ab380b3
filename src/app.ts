// Composition root: opens the store, builds the services, the bot and the HTTP app, and starts
// listening. Everything is passed in explicitly so tests can start the real application in-process.
import { spaceLanguages } from './i18n/space-language.js';
import { setDefaultLanguage, t, withLanguage, type InSpaceLanguage } from './i18n/translate.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { createAlerts } from './alerts/index.js';
import { createFailurePush } from './alerts/failure-push.js';
import { createBulkJobs, type BulkJobs } from './bulk/jobs.js';
import { createErrorIntelligence } from './error-intelligence/service.js';
import { createFollowUpService } from './alerts/service.js';
import { createAuditLog } from './audit/service.js';
import { escapeMarkdown } from './cards/index.js';
import { WebexBotApi } from './webex/bot-api.js';
import { WebexClient } from './webex/http-client.js';
import { createSnapshotJob, createStatsService, createWeeklyDigest, type SnapshotJob, type SnapshotTick, type WeeklyDigest } from './stats/index.js';
import type { AlertScheduler } from './alerts/scheduler.js';
import { createBot, type Bot } from './bot/index.js';
import type { SocketTimings } from './bot/sdk-endpoint.js';
import { assertLocalModeIsolated, redactConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { createHttpApp } from './http/app.js';
import { listen, type RunningServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, metricsRouter, type Metrics } from './metrics/index.js';
import { createProvisioning } from './provisioning/index.js';
import type { ProvisioningService } from './provisioning/service.js';
import { scheduleSync, type SyncSchedule } from './provisioning/sync-schedule.js';
import { createStore, type Store } from './store/index.js';
import { schedulePrune, type PruneSchedule } from './store/retention.js';
import { LOCAL_ADMIN_EMAIL, startLocalWebex, type LocalWebex } from './emulator/local-webex.js';
import { createEmulatorRouter } from './emulator/emulator-router.js';
import { simulatorControls } from './provisioning/simulator/backend.js';
import { createOrgService, type OrgService } from './orgs/service.js';
import { singleOrgId } from './provisioning/index.js';
import { servedHosts } from './emulator/request-guards.js';

export interface Application {
  config: Config;
  logger: Logger;
  db: Database;
  store: Store;
  provisioning: ProvisioningService;
  bot: Bot;
  /** Local mode only: the in-process fake Webex the bot talks to. */
  local?: LocalWebex;
  sync: SyncSchedule;
  /** Deletes processed events, expired cards and old alert deliveries every few hours. */
  prune: PruneSchedule;
  /** Inactive-user alerts on ALERT_CRON (tests fire an occurrence with alerts.tick(at)). */
  alerts: AlertScheduler;
  /** Settles when the start-up catch-up of a missed alert occurrence is done. */
  alertsCatchUp: Promise<unknown>;
  /** Customer orgs: partner-mode discovery and per-org refresh (settled() after the first). */
  orgs: OrgService;
  /** The daily history snapshot (exactly once per day across instances; tests tick it). */
  statsSnapshot: SnapshotJob;
  /** The weekly summary (tests tick it). */
  weeklyStats: WeeklyDigest;
  /** Bulk jobs on a cause (tests wait for them). */
  bulk: BulkJobs;
  /** Settles when the first snapshot decision (and the backfill of a new install) is done. */
  statsCatchUp: Promise<SnapshotTick | void>;
  http: RunningServer;
  instanceId: string;
  /** This instance's Prometheus registry and counters (served at GET /metrics). */
  metrics: Metrics;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  routers?: Router[];
  instanceId?: string;
  /** Mirror sync period (tests shorten or lengthen it). */
  syncEveryMs?: number;
  /** Period of the pruning of old rows (default 6 hours). */
  pruneEveryMs?: number;
  /** Websocket mode: period of the reconnect watchdog (default 5 s; tests shorten it). */
  websocketCheckEveryMs?: number;
  /** Websocket mode: the SDK's ping interval and pong timeout (tests shorten them). */
  websocketTimings?: SocketTimings;
}

/** How long one shutdown step may take before the next runs anyway. */
const SHUTDOWN_STEP_MS = 20_000;

export async function startApplication(config: Config, options: StartOptions = {}): Promise<Application> {
  // loadConfig refuses these already; a config built by hand must not slip past it either.
  assertLocalModeIsolated(config);
  const logger = options.logger ?? createLogger(config.logLevel);
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  logger.info({ config: redactConfig(config), instanceId }, 'starting');
  const db = await openDatabase(config.database, { logger });
  // Single-org mode: every mirrored row is the configured org's.
  const store = createStore(db.prisma, db.pool, config.orgMode === 'single' ? { singleOrgId: singleOrgId(config) } : {});
  // Shutdown steps, undone in reverse. Each gets a deadline: a step that hangs is logged by name
  // and the rest still run (the database last), rather than the process never stopping.
  const stack: [string, () => Promise<void>][] = [['database', () => db.close()]];
  const unwind = async () => {
    for (const [name, close] of stack.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SHUTDOWN_STEP_MS)));
      const done = close().then(
        () => 'done' as const,
        (err: Error) => logger.error({ err: err.message, step: name }, 'shutdown step failed'),
      );
      if ((await Promise.race([done, deadline])) === 'late') logger.warn({ step: name, ms: SHUTDOWN_STEP_MS }, 'shutdown step did not finish in time; going on');
      clearTimeout(timer);
    }
  };
  try {
    const metrics = createMetrics();
    // Background work (a retry given up) tells its admin with the bot's token, known once the bot's
    // Webex (real, or the local fake) is: bound below.
    let notifyAdmin: ((email: string, markdown: string) => Promise<void>) | undefined;
    const provisioning = await createProvisioning(config, db.prisma, store, logger, instanceId, metrics, async (o, requestedBy) => {
      const who = escapeMarkdown(o.userId, 120);
      await notifyAdmin?.(
        requestedBy,
        // A direct message to the admin: DEFAULT_LANGUAGE (no space of theirs to ask).
        t('retry.gaveUp', { who, n: o.attempts, error: escapeMarkdown(o.error, 300) }),
      );
    });
    // Customer orgs: in partner mode discovered and refreshed org by org; else the one org adopts
    // every row written before orgs existed.
    const orgs = createOrgService({
      mode: config.orgMode,
      single: { orgId: singleOrgId(config), name: config.admin.orgId ? 'this org' : 'Simulated org' },
      adminEmails: config.bot.token || config.adminEmails.length ? config.adminEmails : [LOCAL_ADMIN_EMAIL],
      store,
      provisioning,
      instanceId,
      now: () => new Date(),
      logger: logger.child({ component: 'orgs' }),
      stuckAfterHours: config.stuckAfterHours,
      inactiveAfterDays: config.inactiveAfterDays,
      followUp: { now: () => new Date(), inactiveAfterDays: config.inactiveAfterDays, peopleFreshForMs: config.freshnessSeconds * 1000, cron: config.alertCron, timeZone: config.alertTimeZone },
    });
    await orgs.start();
    stack.push(['customer orgs', () => orgs.stop()]);
    const sync = scheduleSync(provisioning, logger.child({ component: 'sync' }), options.syncEveryMs);
    stack.push(['mirror sync', () => sync.stop()]);
    const prune = schedulePrune(store, logger.child({ component: 'prune' }), { everyMs: options.pruneEveryMs });
    stack.push(['prune', () => prune.stop()]);

    // Webhook routes are mounted once the bot exists (in local mode its URL needs our port).
    const botSlot = Router();
    // Ready = the database answers and the bot can hear Webex (websocket mode: the socket is up,
    // or has been down for less than the grace period). Set once the bot exists.
    let botReady: () => boolean = () => true;
    const isReady = async () => (await db.isReady()) && botReady();
    const app = createHttpApp({ logger, isReady, routers: [...(options.routers ?? []), metricsRouter(metrics), botSlot] });
    const http = await listen(app, config.port, config.host);
    stack.push(['http server', () => http.close()]);

    const local = config.bot.token ? undefined : await startLocalWebex();
    if (local) stack.push(['local webex', () => local.close()]);
    const effective: Config = local
      ? { ...config, adminEmails: config.adminEmails.length ? config.adminEmails : [LOCAL_ADMIN_EMAIL] }
      : config;
    const botRest = new WebexBotApi(new WebexClient({ baseUrl: local?.fake.url ?? config.bot.apiUrl, token: local?.fake.botToken ?? config.bot.token!, logger, ...metrics.webexClientHooks() }));
    notifyAdmin = async (email, markdown) => void (await botRest.sendMessage({ toPersonEmail: email, markdown }));
    const now = () => new Date();
    const followUp = createFollowUpService({
      store,
      provisioning,
      now,
      inactiveAfterDays: config.inactiveAfterDays,
      peopleFreshForMs: config.freshnessSeconds * 1000,
      cron: config.alertCron,
      timeZone: config.alertTimeZone,
    });
    // Failing users pushed to the spaces with `errors on`, after every refresh of the mirror.
    // The language of each space: its choice, else its admin's or org's in Webex, else DEFAULT_LANGUAGE.
    setDefaultLanguage(config.defaultLanguage);
    let botId: string | undefined;
    const languages = spaceLanguages({
      spaces: store.spaceLanguages,
      audit: createAuditLog(store.audit),
      defaultLanguage: config.defaultLanguage,
      backendOf: (orgId) => (orgId ? provisioning.backend.forOrg(orgId) : provisioning.backend),
      // Partner mode: a space bound to a customer org speaks that org's language.
      orgOfRoom: config.orgMode === 'partner' ? (roomId) => store.orgs.boundOrg(roomId) : undefined,
      // For the bot's own posts: a 1:1 space speaks its person's language, as when they write there.
      describeRoom: async (roomId) => {
        const room = await botRest.getRoom(roomId);
        if (room.type !== 'direct') return { type: 'group' };
        const me = (botId ??= (await botRest.getMe()).id);
        for await (const m of botRest.listMemberships(roomId)) if (m.personId !== me) return { type: 'direct', personId: m.personId };
        return { type: 'direct' };
      },
      now,
      logger: logger.child({ component: 'languages' }),
    });
    // What the bot posts on its own (alerts, failure pushes, summaries, bulk progress) speaks the space's language.
    const inSpaceLanguage: InSpaceLanguage = async (roomId, work) => {
      const { speech } = await languages.ofRoom(roomId).catch(() => ({ speech: config.defaultLanguage }));
      return withLanguage(speech, work);
    };
    const errorIntelligence = createErrorIntelligence({ store, orgId: singleOrgId(config), stuckAfterHours: config.stuckAfterHours, now });
    const failures = createFailurePush({
      store,
      now,
      partner: config.orgMode === 'partner',
      stuckAfterHours: config.stuckAfterHours,
      instanceId,
      logger: logger.child({ component: 'failures' }),
      poster: () => botRest,
      inSpaceLanguage,
      explainEach: (subscribers, options) => errorIntelligence.explainEach(subscribers, options),
    });
    provisioning.sync.onRefreshed((refresh) => failures.afterRefresh(refresh));
    failures.start();
    stack.push(['failure alerts', () => failures.stop()]);
    // The weekly summary to the spaces with `stats weekly on`, on STATS_WEEKLY_DAY.
    const stats = createStatsService({ stats: store.dailyStats, now });
    const weeklyStats = createWeeklyDigest({ store, stats, now, day: config.statsWeeklyDay, instanceId, logger: logger.child({ component: 'stats-weekly' }), poster: () => botRest, inSpaceLanguage });
    weeklyStats.start();
    stack.push(['weekly summary', () => weeklyStats.stop()]);
    // Bulk jobs on a cause (from `errors`): a job left running by a dead instance is resumed.
    const bulk = createBulkJobs({ store, provisioning, instanceId, now, partner: config.orgMode === 'partner', logger: logger.child({ component: 'bulk' }), poster: () => botRest, inSpaceLanguage });
    bulk.startSweeping();
    stack.push(['bulk jobs', () => bulk.stop()]);
    const audit = createAuditLog(store.audit);
    const bot = createBot({
      services: { config: effective, provisioning, followUp, failures, audit, stats, weeklyStats, errorIntelligence, bulk, orgs, languages, now },
      store,
      logger,
      instanceId,
      token: local?.fake.botToken ?? config.bot.token!,
      apiUrl: local?.fake.url ?? config.bot.apiUrl,
      webhookUrl: local ? `${http.url}/webhook` : config.bot.webhookUrl,
      webhookSecret: config.bot.webhookSecret,
      u2cUrl: local ? undefined : config.bot.u2cUrl,
      websocketGraceMs: config.bot.websocketReadyGraceSeconds * 1000,
      websocketCheckEveryMs: options.websocketCheckEveryMs,
      websocketTimings: options.websocketTimings,
      metrics,
    });
    botReady = () => bot.ready();
    if (bot.router) botSlot.use(bot.router);
    if (local) {
      // The emulator page exists only in local mode: never next to a real bot token.
      // "Run follow-up now" on the page: `alerts` is created below, before any click can arrive.
      const emulator = createEmulatorRouter({
        local,
        logger: logger.child({ component: 'emulator' }),
        runFollowUp: () => alerts.runNow(),
        orgs: orgs.partner ? async () => (await store.orgs.active()).map((o) => ({ id: o.id, name: o.name })) : undefined,
        // A change "outside the bot", then a refresh: the mirror and any `errors on` space see it.
        failUser: async () => {
          const userId = (await simulatorControls(provisioning.backend)?.failOne()) ?? null;
          await provisioning.sync.subscribers();
          return userId;
        },
        servedHosts: servedHosts(config.host, http.port),
      });
      botSlot.use(emulator.router);
      stack.push(['emulator', async () => emulator.close()]);
    }
    await bot.start();
    stack.push(['bot', () => bot.stop()]);

    // Scheduled alerts go out through the REST API with the bot token and the stored room ids.
    const alerts = createAlerts({
      store,
      provisioning,
      logger,
      instanceId,
      cron: config.alertCron,
      timeZone: config.alertTimeZone,
      inactiveAfterDays: config.inactiveAfterDays,
      bot: { token: local?.fake.botToken ?? config.bot.token!, apiUrl: local?.fake.url ?? config.bot.apiUrl },
      metrics,
      inSpaceLanguage,
    });
    const alertsCatchUp = alerts.start().catch((err: Error) => logger.error({ err: err.message }, 'alert catch-up failed'));
    stack.push(['alerts', () => alerts.stop()]);
    // The history is counted from the mirror: the first snapshot (and the backfill of a new
    // install) waits for the first sync, so a restart does not record an empty day.
    const statsSnapshot = createSnapshotJob({ stats: store.dailyStats, leases: store.leases, logger: logger.child({ component: 'stats' }) });
    const statsCatchUp = sync.firstSync
      .then(() => statsSnapshot.start())
      .catch((err: Error) => logger.error({ err: err.message }, 'daily history catch-up failed; the next tick tries again'));
    stack.push(['stats snapshot', () => statsSnapshot.stop()]);
    logger.info({ mode: local ? 'local' : config.bot.webhookUrl ? 'webhook' : 'websocket' }, 'bot started');
    logger.info({ url: http.url, database: db.kind, backend: provisioning.backendName, migrationsApplied: db.applied }, 'listening');
    if (local) logger.info({ url: `${http.url}/` }, `Open ${http.url}/ to try the bot`);

    let stopping: Promise<void> | undefined;
    return {
      config,
      logger,
      db,
      store,
      provisioning,
      bot,
      local,
      sync,
      prune,
      alerts,
      alertsCatchUp,
      orgs,
      statsSnapshot,
      statsCatchUp,
      weeklyStats,
      bulk,
      http,
      instanceId,
      metrics,
      stop() {
        stopping ??= (async () => {
          logger.info('shutting down');
          await unwind();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (err) {
    await unwind();
    throw err;
  }
}
