// POST /access_token with grant_type=refresh_token: mints a new access token for the integration's
// admin, as Webex does for OAuth integrations (form-encoded body, JSON answer).
import { randomBytes } from 'node:crypto';
import type { FakeApp } from '../app.js';
import { badRequest, FakeHttpError } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';

const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export function oauthRoutes(app: FakeApp): Route[] {
  return [
    route(
      'POST',
      '/access_token',
      (ctx) => {
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        if (body.grant_type !== 'refresh_token') throw badRequest('Unsupported grant_type; only refresh_token is supported here.');
        const client = app.state.oauthClients.get(String(body.client_id ?? ''));
        if (!client || client.clientSecret !== body.client_secret) throw new FakeHttpError(401, 'Invalid client_id or client_secret.');
        const personId = client.refreshTokens.get(String(body.refresh_token ?? ''));
        if (!personId) throw badRequest('The refresh token is invalid or expired.');
        const accessToken = randomBytes(32).toString('base64url');
        const ttl = app.options.accessTokenTtlSeconds;
        app.state.tokens.set(accessToken, { personId, kind: 'admin', expiresAt: new Date(app.now().getTime() + ttl * 1000) });
        let refreshToken = String(body.refresh_token);
        if (app.options.rotateRefreshTokens) {
          refreshToken = randomBytes(32).toString('base64url');
          client.refreshTokens.set(refreshToken, personId);
        }
        return json(200, {
          access_token: accessToken,
          expires_in: ttl,
          refresh_token: refreshToken,
          refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
        });
      },
      { public: true },
    ),
  ];
}
