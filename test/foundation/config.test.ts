import { describe, expect, it } from 'vitest';
import { startApplication } from '../../src/app.js';
import { ConfigError, loadConfig, redactConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to local mode on the embedded database with the simulator', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      mode: 'local',
      database: { kind: 'embedded', dataDir: './data' },
      provisioningBackend: 'simulator',
      inactiveAfterDays: 7,
      freshnessSeconds: 15,
      alertCron: '0 9 * * 1-5',
      alertTimeZone: 'UTC',
      adminEmails: [],
    });
    expect(c.bot.apiUrl).toBe('https://webexapis.com/v1');
    expect(c.bot.webhookSecret.length).toBeGreaterThanOrEqual(16);
    expect(c.bot.webhookSecretGenerated).toBe(true);
  });

  it('reads every variable of the interface contract', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://bot:pw@db:5432/bot',
      DATA_DIR: '/var/lib/bot',
      WEBEX_BOT_TOKEN: 'bot-token',
      WEBEX_API_URL: 'http://127.0.0.1:9999/v1/',
      WEBEX_WEBHOOK_URL: 'https://bot.example.com/webhook',
      WEBEX_WEBHOOK_SECRET: 'a-very-long-webhook-secret',
      WEBEX_ADMIN_TOKEN: 'admin-token',
      WEBEX_ORG_ID: 'org-1',
      ADMIN_EMAILS: ' Alice@Example.com, bob@example.com ,',
      INACTIVE_AFTER_DAYS: '14',
      FRESHNESS_SECONDS: '30',
      ALERT_CRON: '30 8 * * 1',
      ALERT_TIMEZONE: 'Europe/Prague',
      DEFAULT_LANGUAGE: ' CS ',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      mode: 'webex',
      database: { kind: 'server', url: 'postgresql://bot:pw@db:5432/bot' },
      provisioningBackend: 'webex',
      adminEmails: ['alice@example.com', 'bob@example.com'],
      inactiveAfterDays: 14,
      freshnessSeconds: 30,
      alertCron: '30 8 * * 1',
      alertTimeZone: 'Europe/Prague',
      defaultLanguage: 'cs',
    });
    expect(c.bot).toMatchObject({ apiUrl: 'http://127.0.0.1:9999/v1', webhookSecret: 'a-very-long-webhook-secret', webhookSecretGenerated: false });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a whole number'],
    [{ DEFAULT_LANGUAGE: 'de' }, 'DEFAULT_LANGUAGE: must be en, ro or cs'],
    [{ PORT: '70000' }, 'PORT: must be at most 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgresql:// URL'],
    [{ WEBEX_API_URL: 'not a url' }, 'WEBEX_API_URL: must be an http(s) URL'],
    [{ ADMIN_EMAILS: 'alice@example.com,not-an-email' }, 'ADMIN_EMAILS: "not-an-email" is not an email address'],
    [{ INACTIVE_AFTER_DAYS: '0' }, 'INACTIVE_AFTER_DAYS: must be at least 1'],
    [{ FRESHNESS_SECONDS: '-1' }, 'FRESHNESS_SECONDS: must be at least 0'],
    [{ ALERT_CRON: 'every monday' }, 'ALERT_CRON: is not a valid cron expression'],
    [{ ALERT_TIMEZONE: 'Mars/Olympus' }, 'ALERT_TIMEZONE: is not an IANA time zone'],
    [{ PROVISIONING_BACKEND: 'magic' }, 'PROVISIONING_BACKEND: must be "webex" or "simulator"'],
    [{ WEBEX_WEBHOOK_SECRET: 'short' }, 'WEBEX_WEBHOOK_SECRET: must be at least 16 characters'],
    [{ PROVISIONING_BACKEND: 'webex', WEBEX_BOT_TOKEN: 'x', ADMIN_EMAILS: 'a@b.co' }, 'WEBEX_ADMIN_TOKEN: is required when PROVISIONING_BACKEND is "webex"'],
    [{ WEBEX_BOT_TOKEN: 'x' }, 'ADMIN_EMAILS: is required with WEBEX_BOT_TOKEN'],
    [{ WEBEX_CLIENT_ID: 'id' }, 'WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET, WEBEX_REFRESH_TOKEN: set all three'],
  ])('rejects %j naming the variable', (env, expected) => {
    expect(problems(env).join('\n')).toContain(expected);
  });

  it('partner mode: a webex token without WEBEX_ORG_ID, or the simulator as a partner; else one org', () => {
    const real = { WEBEX_BOT_TOKEN: 'bot', ADMIN_EMAILS: 'a@b.co', WEBEX_ADMIN_TOKEN: 'admin' };
    expect(loadConfig(real).orgMode).toBe('partner');
    expect(loadConfig({ ...real, WEBEX_ORG_ID: 'org' }).orgMode).toBe('single');
    expect(loadConfig({}).orgMode).toBe('single');
    expect(loadConfig({ SIMULATOR_PARTNER: 'true' }).orgMode).toBe('partner');
    expect(() => loadConfig({ SIMULATOR_PARTNER: 'maybe' })).toThrow('SIMULATOR_PARTNER: must be true or false');
  });

  it('requires the webhook secret whenever a webhook URL is set: instances must share it', () => {
    const env = { WEBEX_BOT_TOKEN: 'bot', ADMIN_EMAILS: 'a@b.co', WEBEX_WEBHOOK_URL: 'https://bot.example.com/webhook' };
    expect(problems(env)).toEqual(['WEBEX_WEBHOOK_SECRET: is required with WEBEX_WEBHOOK_URL (at least 16 characters, the same on every instance)']);
    expect(loadConfig({ ...env, WEBEX_WEBHOOK_SECRET: 'a-very-long-webhook-secret' }).bot.webhookSecret).toBe('a-very-long-webhook-secret');
  });

  it('generates a secret only where no other instance checks it: local mode and websocket mode', () => {
    expect(loadConfig({}).bot.webhookSecretGenerated).toBe(true);
    expect(loadConfig({ WEBEX_BOT_TOKEN: 'bot', ADMIN_EMAILS: 'a@b.co' }).bot.webhookSecretGenerated).toBe(true);
  });

  describe('local mode (no WEBEX_BOT_TOKEN) never touches a real org and stays on loopback', () => {
    it.each([
      [{ PROVISIONING_BACKEND: 'webex' }, 'PROVISIONING_BACKEND: "webex" is not allowed in local mode'],
      [{ WEBEX_ADMIN_TOKEN: 'admin', WEBEX_ORG_ID: 'org' }, 'WEBEX_ADMIN_TOKEN: real org credentials are not accepted in local mode'],
      [{ WEBEX_ADMIN_TOKEN: 'admin', PROVISIONING_BACKEND: 'simulator' }, 'WEBEX_ADMIN_TOKEN: real org credentials are not accepted in local mode'],
      [
        { WEBEX_CLIENT_ID: 'id', WEBEX_CLIENT_SECRET: 'secret', WEBEX_REFRESH_TOKEN: 'refresh' },
        'WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET, WEBEX_REFRESH_TOKEN: real org credentials are not accepted in local mode',
      ],
      [{ HOST: '0.0.0.0' }, 'HOST: "0.0.0.0" is not a loopback address'],
      [{ HOST: '::' }, 'HOST: "::" is not a loopback address'],
      [{ HOST: '192.168.1.10' }, 'HOST: "192.168.1.10" is not a loopback address'],
    ])('refuses %j', (env, expected) => {
      expect(problems(env).join('\n')).toContain(expected);
    });

    it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('binds to the loopback address %s', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    });

    it('start-up refuses a config built by hand that would point local mode at a real org', async () => {
      const local = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
      const webex = { ...local, provisioningBackend: 'webex' as const, admin: { token: 'admin', orgId: 'org' } };
      await expect(startApplication(webex)).rejects.toThrow(/PROVISIONING_BACKEND: "webex" is not allowed in local mode/);
      await expect(startApplication({ ...local, host: '0.0.0.0' })).rejects.toThrow(/HOST: "0.0.0.0" is not a loopback address/);
    });

    it('the same variables are fine with a bot token', () => {
      const c = loadConfig({ WEBEX_BOT_TOKEN: 'bot', ADMIN_EMAILS: 'a@b.co', HOST: '0.0.0.0', WEBEX_ADMIN_TOKEN: 'admin', WEBEX_ORG_ID: 'org' });
      expect(c).toMatchObject({ mode: 'webex', host: '0.0.0.0', provisioningBackend: 'webex' });
    });
  });

  it('lists every problem at once in one readable message', () => {
    try {
      loadConfig({ PORT: 'x', INACTIVE_AFTER_DAYS: '-1' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('Invalid configuration:\n  - PORT: must be a whole number\n  - INACTIVE_AFTER_DAYS: must be at least 1');
    }
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ', WEBEX_BOT_TOKEN: '' }).database.kind).toBe('embedded');
  });

  it('redacts every secret', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://bot:dbpass@db/bot',
      WEBEX_BOT_TOKEN: 'bot-token-value',
      WEBEX_WEBHOOK_SECRET: 'webhook-secret-value',
      WEBEX_ADMIN_TOKEN: 'admin-token-value',
      WEBEX_ORG_ID: 'org',
      WEBEX_CLIENT_ID: 'client-id',
      WEBEX_CLIENT_SECRET: 'client-secret-value',
      WEBEX_REFRESH_TOKEN: 'refresh-token-value',
      ADMIN_EMAILS: 'a@b.co',
    });
    const shown = JSON.stringify(redactConfig(c));
    for (const secret of ['dbpass', 'bot-token-value', 'webhook-secret-value', 'admin-token-value', 'client-secret-value', 'refresh-token-value']) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).toContain('client-id');
  });
});
