// OAuth refresh through the fake's POST /access_token: once after a 401, before expiry, shared by
// concurrent requests, and a clear error (without secrets) when the refresh token is refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { createWebexBackend, REFRESH_TOKEN_ROTATED, START_REFRESH_FAILED } from '../../src/provisioning/webex-backend.js';
import { oauthTokenProvider, WebexAdminApi, WebexClient, type OAuthTokenOptions } from '../../src/webex/index.js';

const CLIENT = { clientId: 'client-id-1', clientSecret: 'client-secret-shh', refreshToken: 'refresh-token-shh' };
let fake: FakeWebex;
let nowMs = Date.parse('2026-03-02T09:00:00Z');

beforeAll(async () => {
  fake = await startFakeWebex({ oauthClients: [CLIENT], accessTokenTtlSeconds: 600, now: () => new Date(nowMs) });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const api = (opts: Partial<OAuthTokenOptions> = {}) => {
  const token = oauthTokenProvider({ apiUrl: fake.url, ...CLIENT, now: () => nowMs, ...opts });
  return new WebexAdminApi(new WebexClient({ baseUrl: fake.url, token, sleep: async () => undefined }), fake.state.orgId);
};
const paths = () => fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('OAuth token refresh', () => {
  it('refreshes once after a 401 and retries the call', async () => {
    // An expiry that says "still valid": only Webex's 401 tells otherwise.
    const me = await api({ accessToken: 'expired-admin-token', accessTokenExpiresAt: new Date(nowMs + 3_600_000) }).getMe();
    expect(me.id).toBe(fake.state.adminId);
    expect(paths()).toEqual(['GET /people/me 401', 'POST /access_token 200', 'GET /people/me 200']);
    expect(fake.requests[1]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(fake.requests[1]!.body).toEqual({ grant_type: 'refresh_token', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, refresh_token: CLIENT.refreshToken });
  });

  it('refreshes before the token expires, without a 401', async () => {
    const admin = api();
    await admin.getMe();
    nowMs += 6 * 60_000; // 4 minutes left of 10: inside the 5-minute margin
    await admin.getMe();
    expect(paths()).toEqual(['POST /access_token 200', 'GET /people/me 200', 'POST /access_token 200', 'GET /people/me 200']);
  });

  it('refreshes a starting token of unknown expiry on first use, so "before expiry" works from the start', async () => {
    const admin = api({ accessToken: fake.adminToken });
    await admin.getMe();
    nowMs += 6 * 60_000; // 4 minutes left of the refreshed token's 10
    await admin.getMe();
    expect(paths()).toEqual(['POST /access_token 200', 'GET /people/me 200', 'POST /access_token 200', 'GET /people/me 200']);
  });

  it('keeps using the starting token when that first refresh fails, and says so', async () => {
    const failures: string[] = [];
    const admin = api({ accessToken: fake.adminToken, refreshToken: 'revoked-refresh-token', onStartRefreshFailed: (err) => failures.push(err.message) });
    await Promise.all([admin.getMe(), admin.getMe()]);
    expect(paths()).toEqual(['POST /access_token 400', 'GET /people/me 200', 'GET /people/me 200']);
    expect(failures).toEqual([expect.stringMatching(/^Could not refresh the Webex access token \(HTTP 400/)]);
  });

  it('shares one refresh between concurrent requests', async () => {
    const admin = api({ accessToken: 'expired-admin-token' });
    await Promise.all(Array.from({ length: 5 }, () => admin.getMe()));
    expect(paths().filter((p) => p.startsWith('POST /access_token'))).toHaveLength(1);
  });

  it('reports a refused refresh clearly, without secrets, and does not loop', async () => {
    const err = await api({ accessToken: 'expired-admin-token', accessTokenExpiresAt: new Date(nowMs + 3_600_000), refreshToken: 'revoked-refresh-token' }).getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('webex_unauthorized');
    expect((err as AppError).message).toMatch(/^Could not refresh the Webex access token \(HTTP 400: The refresh token is invalid or expired\.\)/);
    expect(JSON.stringify([(err as AppError).message, (err as AppError).details])).not.toMatch(/shh|revoked-refresh|expired-admin/);
    expect(paths()).toEqual(['GET /people/me 401', 'POST /access_token 400']);
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    const admin = api({ accessToken: 'expired-admin-token', accessTokenExpiresAt: new Date(nowMs + 3_600_000) });
    fake.faults.add({ path: /^\/people\/me$/, fault: { type: 'status', status: 401 } });
    const err = await admin.getMe().catch((e: unknown) => e as AppError);
    expect(err.code).toBe('webex_unauthorized');
    expect(paths()).toEqual(['GET /people/me 401', 'POST /access_token 200', 'GET /people/me 401']);
  });
});

describe('a refresh token rotated by Webex', () => {
  let rotating: FakeWebex;
  beforeAll(async () => {
    rotating = await startFakeWebex({ oauthClients: [CLIENT], accessTokenTtlSeconds: 600, rotateRefreshTokens: true, now: () => new Date(nowMs) });
  });
  afterAll(() => rotating.close());

  it('is used for the next refresh, and the operator is told to update WEBEX_REFRESH_TOKEN (without the token)', async () => {
    const warnings: unknown[][] = [];
    const backend = createWebexBackend({
      apiUrl: rotating.url,
      adminToken: rotating.adminToken,
      orgId: rotating.state.orgId,
      oauth: CLIENT,
      client: { sleep: async () => undefined },
      logger: { warn: (...args: unknown[]) => warnings.push(args) } as never,
    });
    await backend.getAutoActivationEmails(); // refreshes first: the starting token's expiry is unknown
    rotating.faults.add({ path: /^\/settings\//, fault: { type: 'status', status: 401 }, times: 1 });
    await backend.getAutoActivationEmails(); // a 401: refreshes again, with the rotated token
    const refreshes = rotating.requests.filter((r) => r.path === '/access_token').map((r) => (r.body as { refresh_token: string }).refresh_token);
    expect(refreshes).toHaveLength(2);
    expect(refreshes[0]).toBe(CLIENT.refreshToken);
    expect(refreshes[1]).not.toBe(CLIENT.refreshToken);
    expect(warnings).toEqual([[REFRESH_TOKEN_ROTATED], [REFRESH_TOKEN_ROTATED]]);
    const issued = [...rotating.state.oauthClients.get(CLIENT.clientId)!.refreshTokens.keys()].filter((t) => t !== CLIENT.refreshToken);
    for (const token of issued) expect(JSON.stringify(warnings)).not.toContain(token);
    expect(START_REFRESH_FAILED).not.toMatch(/shh/);
  });
});
