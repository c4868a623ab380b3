// Configuration is a pure function of the environment: loadConfig(env) validates every variable
// of the interface contract with zod and fails with one message naming each bad variable.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Cron } from 'croner';
import { z } from 'zod';
import type { Speech } from './i18n/translate.js';
import { AppError } from './errors.js';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DEFAULT_API_URL = 'https://webexapis.com/v1';
export const DEFAULT_ALERT_CRON = '0 9 * * 1-5';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

function intInRange(min: number, max: number, fallback: number) {
  return z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );
}

const emailList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : []),
  z.array(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` })),
);

const envSchema = z.object({
  PORT: intInRange(0, 65535, 3000),
  HOST: optionalString,
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgresql:// URL (leave it unset for the embedded database)' })
      .optional(),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  WEBEX_BOT_TOKEN: optionalString,
  WEBEX_API_URL: z.preprocess(blankToUndefined, httpUrl.default(DEFAULT_API_URL)),
  WEBEX_WEBHOOK_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  WEBEX_U2C_URL: z.preprocess(blankToUndefined, httpUrl.optional()),
  WEBSOCKET_READY_GRACE_SECONDS: intInRange(0, 600, 20),
  WEBEX_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  ),
  WEBEX_ADMIN_TOKEN: optionalString,
  WEBEX_ORG_ID: optionalString,
  WEBEX_CLIENT_ID: optionalString,
  WEBEX_CLIENT_SECRET: optionalString,
  WEBEX_REFRESH_TOKEN: optionalString,
  PROVISIONING_BACKEND: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['webex', 'simulator'], { error: 'must be "webex" or "simulator"' }).optional(),
  ),
  SIMULATOR_PARTNER: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }).optional(),
  ),
  ADMIN_EMAILS: emailList,
  INACTIVE_AFTER_DAYS: intInRange(1, 365, 7),
  FRESHNESS_SECONDS: intInRange(0, 3600, 15),
  FRESHNESS_WAIT_MS: intInRange(0, 60_000, 3_000),
  STUCK_AFTER_HOURS: intInRange(1, 24 * 30, 24),
  STATS_WEEKLY_DAY: z.enum(WEEKDAYS).default('monday'),
  // `pseudo` is for checking that nothing is left untranslated (accented English); not for admins.
  DEFAULT_LANGUAGE: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['en', 'ro', 'cs', 'pseudo'], { error: 'must be en, ro or cs' }).default('en'),
  ),
  ALERT_CRON: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(DEFAULT_ALERT_CRON)
      .refine((expr) => isValidCron(expr), { error: 'is not a valid cron expression (e.g. "0 9 * * 1-5")' }),
  ),
  ALERT_TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('UTC')
      .refine((tz) => isValidTimeZone(tz), { error: 'is not an IANA time zone (e.g. "Europe/Prague")' }),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

type Env = z.infer<typeof envSchema>;

const LOCAL_MODE = 'local mode (no WEBEX_BOT_TOKEN) serves an unauthenticated emulator page acting as an admin';

/**
 * Local mode must never reach a real org, nor be reachable from another machine: its page acts
 * as an admin without logging in, so it runs on the simulator only and binds to loopback only.
 */
function localModeProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.PROVISIONING_BACKEND === 'webex') {
    problems.push(`PROVISIONING_BACKEND: "webex" is not allowed in ${LOCAL_MODE}; it always runs on the simulator (set WEBEX_BOT_TOKEN to use a real org)`);
  }
  const orgCredentials = ['WEBEX_ADMIN_TOKEN', 'WEBEX_CLIENT_ID', 'WEBEX_CLIENT_SECRET', 'WEBEX_REFRESH_TOKEN'] as const;
  const present = orgCredentials.filter((name) => e[name]);
  if (present.length > 0) {
    problems.push(`${present.join(', ')}: real org credentials are not accepted in ${LOCAL_MODE}; unset them, or set WEBEX_BOT_TOKEN`);
  }
  if (e.HOST && !isLoopback(e.HOST)) {
    problems.push(`HOST: "${e.HOST}" is not a loopback address; ${LOCAL_MODE}, so it binds to 127.0.0.1, ::1 or localhost only (reach it from elsewhere through an SSH tunnel)`);
  }
  return problems;
}

/** For configs not built by loadConfig (tests, embedders): the same local-mode rule, enforced at start. */
export function assertLocalModeIsolated(config: Config): void {
  if (!config.bot.token) {
    const problems: string[] = [];
    if (config.provisioningBackend !== 'simulator') problems.push(`PROVISIONING_BACKEND: "${config.provisioningBackend}" is not allowed in ${LOCAL_MODE}; it always runs on the simulator`);
    if (config.admin.token || config.admin.oauth) problems.push(`WEBEX_ADMIN_TOKEN: real org credentials are not accepted in ${LOCAL_MODE}`);
    if (!isLoopback(config.host)) problems.push(`HOST: "${config.host}" is not a loopback address; ${LOCAL_MODE}, so it binds to loopback only`);
    if (problems.length > 0) throw new ConfigError(problems);
  }
}

function isLoopback(host: string): boolean {
  const bare = host.toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return isIP(bare) === 6 && bare === '::1';
}

function isValidCron(expr: string): boolean {
  try {
    new Cron(expr, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  port: number;
  /** Interface to bind: loopback in local mode, all interfaces with a real bot token. */
  host: string;
  database: { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };
  dataDir: string;
  mode: 'local' | 'webex';
  bot: {
    token?: string;
    apiUrl: string;
    webhookUrl?: string;
    /** WEBEX_WEBHOOK_SECRET; generated only when there is no WEBEX_WEBHOOK_URL (local mode's own
     * fake signs with it, websocket mode does not use it), since no other instance checks it. */
    webhookSecret: string;
    webhookSecretGenerated: boolean;
    /** Websocket mode: Webex's service discovery (U2C) URL; unset → the SDK's default. */
    u2cUrl?: string;
    /** Websocket mode: how long the socket may be down before /readyz answers 503. */
    websocketReadyGraceSeconds: number;
  };
  admin: {
    token?: string;
    orgId?: string;
    oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  };
  provisioningBackend: 'webex' | 'simulator';
  /**
   * "single": one customer org (WEBEX_ORG_ID, or the simulator's one org). "partner": a partner's
   * token working across its customer orgs (webex backend without WEBEX_ORG_ID, or
   * SIMULATOR_PARTNER=true on the simulator).
   */
  orgMode: 'single' | 'partner';
  /** ADMIN_EMAILS: the admins of every org (the partner's, in partner mode). */
  adminEmails: string[];
  inactiveAfterDays: number;
  /** A refresh of the mirror younger than this stands for every command (on every instance). */
  freshnessSeconds: number;
  /** How long a command waits for a refresh before answering from the mirror (and saying so). */
  freshnessWaitMs: number;
  /** A subscriber pending longer than this is pushed to the spaces with `errors on`. */
  stuckAfterHours: number;
  /** The day the weekly summary (`stats weekly on`) goes out, from 09:00 UTC. */
  statsWeeklyDay: Weekday;
  /** What a space speaks when neither it nor its org says (DEFAULT_LANGUAGE). */
  defaultLanguage: Speech;
  alertCron: string;
  alertTimeZone: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config_invalid', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const backend = e.PROVISIONING_BACKEND ?? (e.WEBEX_ADMIN_TOKEN ? 'webex' : 'simulator');
  if (backend === 'webex') {
    if (!e.WEBEX_ADMIN_TOKEN) problems.push('WEBEX_ADMIN_TOKEN: is required when PROVISIONING_BACKEND is "webex"');
  }
  if (e.WEBEX_BOT_TOKEN && e.ADMIN_EMAILS.length === 0) {
    problems.push('ADMIN_EMAILS: is required with WEBEX_BOT_TOKEN (comma-separated emails of the admins allowed to use the bot)');
  }
  const oauthParts = [e.WEBEX_CLIENT_ID, e.WEBEX_CLIENT_SECRET, e.WEBEX_REFRESH_TOKEN].filter(Boolean).length;
  if (oauthParts > 0 && oauthParts < 3) {
    problems.push('WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET, WEBEX_REFRESH_TOKEN: set all three to refresh the admin token, or none');
  }
  // Every instance must sign-check with the same secret: one generated per process would make
  // each instance refuse the events signed for the others.
  if (e.WEBEX_WEBHOOK_URL && !e.WEBEX_WEBHOOK_SECRET) {
    problems.push('WEBEX_WEBHOOK_SECRET: is required with WEBEX_WEBHOOK_URL (at least 16 characters, the same on every instance)');
  }
  const mode = e.WEBEX_BOT_TOKEN ? 'webex' : 'local';
  if (mode === 'local') problems.push(...localModeProblems(e));
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host: e.HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    database: e.DATABASE_URL ? { kind: 'server', url: e.DATABASE_URL } : { kind: 'embedded', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    mode,
    bot: {
      token: e.WEBEX_BOT_TOKEN,
      apiUrl: e.WEBEX_API_URL.replace(/\/+$/, ''),
      webhookUrl: e.WEBEX_WEBHOOK_URL,
      webhookSecret: e.WEBEX_WEBHOOK_SECRET ?? randomBytes(24).toString('base64url'),
      webhookSecretGenerated: !e.WEBEX_WEBHOOK_SECRET,
      u2cUrl: e.WEBEX_U2C_URL?.replace(/\/+$/, ''),
      websocketReadyGraceSeconds: e.WEBSOCKET_READY_GRACE_SECONDS,
    },
    admin: {
      token: e.WEBEX_ADMIN_TOKEN,
      orgId: e.WEBEX_ORG_ID,
      oauth:
        oauthParts === 3
          ? { clientId: e.WEBEX_CLIENT_ID!, clientSecret: e.WEBEX_CLIENT_SECRET!, refreshToken: e.WEBEX_REFRESH_TOKEN! }
          : undefined,
    },
    provisioningBackend: backend,
    orgMode: (backend === 'webex' ? !e.WEBEX_ORG_ID : ['true', '1', 'yes'].includes(e.SIMULATOR_PARTNER ?? '')) ? 'partner' : 'single',
    adminEmails: e.ADMIN_EMAILS,
    inactiveAfterDays: e.INACTIVE_AFTER_DAYS,
    freshnessSeconds: e.FRESHNESS_SECONDS,
    freshnessWaitMs: e.FRESHNESS_WAIT_MS,
    stuckAfterHours: e.STUCK_AFTER_HOURS,
    statsWeeklyDay: e.STATS_WEEKLY_DAY,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    alertCron: e.ALERT_CRON,
    alertTimeZone: e.ALERT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
  };
}

const REDACTED = '[redacted]';

/** The config with every secret replaced, for logs and diagnostics. */
export function redactConfig(config: Config): unknown {
  const url = config.database.kind === 'server' ? redactUrl(config.database.url) : undefined;
  return {
    ...config,
    database: config.database.kind === 'server' ? { kind: 'server', url } : config.database,
    bot: { ...config.bot, token: config.bot.token && REDACTED, webhookSecret: REDACTED },
    admin: {
      ...config.admin,
      token: config.admin.token && REDACTED,
      oauth: config.admin.oauth && { clientId: config.admin.oauth.clientId, clientSecret: REDACTED, refreshToken: REDACTED },
    },
  };
}

function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = REDACTED;
    return u.toString();
  } catch {
    return REDACTED;
  }
}
