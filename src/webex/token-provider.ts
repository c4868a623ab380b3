// Where the client's access token comes from: a fixed token, or an OAuth integration that refreshes
// it (POST {apiUrl}/access_token, grant_type=refresh_token) shortly before it expires and once
// after a 401. Refreshes are single-flight: concurrent callers share one refresh.
//
// A starting access token of unknown expiry (WEBEX_ADMIN_TOKEN) is refreshed on first use, so the
// expiry is known from then on; if that refresh fails the starting token is used meanwhile. A
// refresh token rotated by Webex is kept in memory only: onRotated lets the caller say so.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseErrorBody } from './errors.js';

export interface TokenProvider {
  /** The token to use now (refreshed first when it is about to expire). */
  getToken(): Promise<string>;
  /** After a 401 with `rejected`: a new token to retry with, or undefined when none can be had. */
  refreshAfterUnauthorized(rejected: string): Promise<string | undefined>;
}

export function staticToken(token: string): TokenProvider {
  return {
    getToken: async () => token,
    refreshAfterUnauthorized: async () => undefined,
  };
}

export interface OAuthTokenOptions {
  /** e.g. https://webexapis.com/v1 — the token endpoint is `${apiUrl}/access_token`. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** A current access token (e.g. WEBEX_ADMIN_TOKEN), used until it expires or is rejected. */
  accessToken?: string;
  accessTokenExpiresAt?: Date;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** Told when Webex answers a refresh with a different refresh token (never given the token). */
  onRotated?: () => void;
  /** Told when the first refresh of a starting token fails and that token is used meanwhile. */
  onStartRefreshFailed?: (err: AppError) => void;
}

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  refresh_token: z.string().min(1).optional(),
});

export function oauthTokenProvider(opts: OAuthTokenOptions): TokenProvider {
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const margin = opts.refreshMarginMs ?? 5 * 60_000;
  let current = opts.accessToken;
  let expiresAt = opts.accessTokenExpiresAt?.getTime();
  let refreshToken = opts.refreshToken;
  let inflight: Promise<string> | undefined;

  const fail = (detail: string, status?: number) =>
    new AppError(
      'webex_unauthorized',
      `Could not refresh the Webex access token (${detail}): check WEBEX_CLIENT_ID / WEBEX_CLIENT_SECRET / WEBEX_REFRESH_TOKEN, or re-authorise the integration.`,
      { status, method: 'POST', path: '/access_token' },
    );

  async function refresh(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
      refresh_token: refreshToken,
    });
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${opts.apiUrl.replace(/\/+$/, '')}/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      text = await res.text();
    } catch (err) {
      throw fail(err instanceof Error && err.name === 'TimeoutError' ? 'the token endpoint timed out' : 'the token endpoint could not be reached');
    }
    if (!res.ok) {
      const webex = parseErrorBody(text).message;
      throw fail(`HTTP ${res.status}${webex ? `: ${webex}` : ''}`, res.status);
    }
    let parsed: z.infer<typeof tokenResponse>;
    try {
      parsed = tokenResponse.parse(JSON.parse(text));
    } catch {
      throw fail('the token endpoint answered with an unexpected body', res.status);
    }
    current = parsed.access_token;
    expiresAt = now() + parsed.expires_in * 1000;
    if (parsed.refresh_token && parsed.refresh_token !== refreshToken) {
      refreshToken = parsed.refresh_token;
      opts.onRotated?.();
    }
    return current;
  }

  const refreshOnce = () => {
    inflight ??= refresh().finally(() => (inflight = undefined));
    return inflight;
  };

  /** The starting token's expiry is unknown: refresh once to learn it, falling back to that token. */
  let checkStartingToken = current !== undefined && expiresAt === undefined;
  let startup: Promise<string> | undefined;
  const refreshStartingToken = async (): Promise<string> => {
    const starting = current!;
    try {
      return await refreshOnce();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      opts.onStartRefreshFailed?.(err);
      return starting;
    }
  };

  return {
    async getToken() {
      if (checkStartingToken) {
        // Concurrent first callers share the one check (and its fallback).
        startup ??= refreshStartingToken().finally(() => (checkStartingToken = false));
        return startup;
      }
      if (inflight) return inflight;
      if (!current || (expiresAt !== undefined && now() >= expiresAt - margin)) return refreshOnce();
      return current;
    },
    async refreshAfterUnauthorized(rejected) {
      if (inflight) return inflight;
      // Another request already replaced the rejected token: use the new one.
      if (current && current !== rejected) return current;
      return refreshOnce();
    },
  };
}
