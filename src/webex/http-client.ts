// The Webex REST client: global fetch + bearer token, bounded retries (429 honours Retry-After; 5xx,
// network errors and timeouts back off with jitter), a per-request timeout, zod-checked answers,
// and Link-header paging. Every failure is an AppError; tokens never appear in messages or logs.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseErrorBody, webexHttpError, type WebexErrorDetails } from './errors.js';
import { nextLink } from './link-header.js';
import { backoffDelay, defaultSleep, parseRetryAfter } from './retry.js';
import { staticToken, type TokenProvider } from './token-provider.js';

export interface WebexClientOptions {
  /** API base, e.g. https://webexapis.com/v1 (config.bot.apiUrl). */
  baseUrl: string;
  token: TokenProvider | string;
  /** Attempts per request, first one included (default 4). */
  maxAttempts?: number;
  /** Per-attempt timeout in ms (default 30 s). */
  timeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A 429 asking to wait longer than this is reported at once instead (default 2 minutes). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
  logger?: Pick<Logger, 'debug' | 'warn'>;
  /** Observers (metrics): every attempt's answer or failure, and every retry about to wait. */
  onResponse?: (info: WebexCallInfo) => void;
  onRetry?: (info: WebexRetryInfo) => void;
}

/** One attempt; `path` is below the base and still holds ids (template it before using as a label). */
export interface WebexCallInfo {
  method: string;
  path: string;
  status: number | 'timeout' | 'network';
  attempt: number;
  durationMs: number;
}

export interface WebexRetryInfo {
  method: string;
  path: string;
  attempt: number;
  delayMs: number;
  reason: 'rate_limited' | 'server_error' | 'timeout' | 'network';
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions<T> {
  query?: Query;
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (file uploads). */
  form?: FormData;
  /** Validates (and types) the answer; omit for 204 answers. */
  schema?: z.ZodType<T>;
  timeoutMs?: number;
  /**
   * Safe to send twice (GET, PUT, DELETE by default): retried after any 5xx, timeout or network
   * error. Any other request (a POST that sends a message or starts a job) is sent again only when
   * Webex certainly did not act on it: a 429, a 503 with Retry-After (both say "not now"), or a
   * connection refused before anything was sent. A 500, 502 or 504, a timeout or a dropped
   * connection say nothing about whether Webex acted, so those are not repeated.
   */
  idempotent?: boolean;
}

export interface WebexResponse<T> {
  status: number;
  data: T;
  headers: Headers;
  trackingId?: string;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

type Attempt = { res: Response; text: string } | { failure: 'timeout' | 'network'; error: AppError; notSent: boolean };

/** The request never left: the connection was refused, so repeating it cannot do anything twice. */
function notSent(err: unknown): boolean {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 'ECONNREFUSED';
}

/** An answer that says Webex did not act on the request (so even a POST may be sent again). */
function notActedOn(res: Response): boolean {
  return res.status === 429 || (res.status === 503 && res.headers.get('retry-after') !== null);
}

export class WebexClient {
  private readonly base: string;
  private readonly tokens: TokenProvider;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly doFetch: typeof fetch;

  constructor(private readonly opts: WebexClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.tokens = typeof opts.token === 'string' ? staticToken(opts.token) : opts.token;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.sleep = opts.sleep ?? defaultSleep;
    this.random = opts.random ?? Math.random;
    this.doFetch = opts.fetch ?? fetch;
  }

  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
    return this.request('GET', path, { schema, query }).then((r) => r.data);
  }

  post<T>(path: string, json: unknown, schema: z.ZodType<T>, opts: Omit<RequestOptions<T>, 'json' | 'schema'> = {}): Promise<T> {
    return this.request('POST', path, { ...opts, json, schema }).then((r) => r.data);
  }

  put<T>(path: string, json: unknown, schema: z.ZodType<T>): Promise<T> {
    return this.request('PUT', path, { json, schema }).then((r) => r.data);
  }

  async delete(path: string): Promise<void> {
    await this.request('DELETE', path, {});
  }

  /** Every item of a Webex list, following `Link: <…>; rel="next"` until the last page. */
  async *paginate<T>(path: string, itemSchema: z.ZodType<T>, query?: Query): AsyncGenerator<T, void, undefined> {
    const page = z.looseObject({ items: z.array(itemSchema) });
    let next: string | undefined = path;
    let first = true;
    while (next) {
      const res: WebexResponse<{ items: T[] }> = await this.request('GET', next, { schema: page, query: first ? query : undefined });
      first = false;
      yield* res.data.items;
      next = nextLink(res.headers.get('link'));
    }
  }

  async request<T>(method: string, pathOrUrl: string, opts: RequestOptions<T>): Promise<WebexResponse<T>> {
    const url = this.resolve(pathOrUrl, opts.query);
    const where: WebexErrorDetails = { method, path: url.pathname.slice(new URL(this.base).pathname.replace(/\/$/, '').length) || '/' };
    const idempotent = opts.idempotent ?? IDEMPOTENT.has(method);
    let token = await this.tokens.getToken();
    let refreshed = false;
    // One tracking id per request, its attempt as the suffix (Webex's <prefix>_<id>_<n> form): the
    // attempts of one change read as one change in Webex's logs (and in the fault campaign's count).
    const requestId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const startedAt = performance.now();
      const outcome = await this.attempt(method, url, token, opts, where, attempt, requestId);
      const status = 'failure' in outcome ? outcome.failure : outcome.res.status;
      this.opts.onResponse?.({ method, path: where.path, status, attempt, durationMs: performance.now() - startedAt });
      if ('failure' in outcome) {
        // The request may have reached Webex: only send it again when that is harmless.
        if ((!idempotent && !outcome.notSent) || attempt >= this.maxAttempts) throw outcome.error;
        await this.pause(backoffDelay(attempt, this.opts.backoffBaseMs ?? 500, this.opts.backoffMaxMs ?? 20_000, this.random), where, attempt, outcome.error.message, outcome.failure);
        continue;
      }
      const { res, text } = outcome;
      const trackingId = res.headers.get('trackingid') ?? undefined;
      if (res.status === 401 && !refreshed) {
        const fresh = await this.tokens.refreshAfterUnauthorized(token);
        if (fresh) {
          refreshed = true;
          token = fresh;
          attempt--; // a refreshed token is a new start, not a failed attempt
          continue;
        }
      }
      const mayRepeat = idempotent ? res.status === 429 || res.status >= 500 : notActedOn(res);
      if (mayRepeat && attempt < this.maxAttempts) {
        const retryAfter = res.status === 429 ? parseRetryAfter(res.headers.get('retry-after'), Date.now()) : undefined;
        if (retryAfter === undefined || retryAfter <= (this.opts.maxRetryAfterMs ?? 120_000)) {
          const wait = retryAfter ?? backoffDelay(attempt, this.opts.backoffBaseMs ?? 500, this.opts.backoffMaxMs ?? 20_000, this.random);
          await this.pause(wait, { ...where, trackingId }, attempt, `HTTP ${res.status}`, res.status === 429 ? 'rate_limited' : 'server_error');
          continue;
        }
      }
      if (!res.ok) throw this.httpError(res, text, { ...where, trackingId, attempts: attempt });
      return { status: res.status, headers: res.headers, trackingId, data: this.parse(text, res.status, opts.schema, { ...where, trackingId }) };
    }
  }

  private async attempt<T>(method: string, url: URL, token: string, opts: RequestOptions<T>, where: WebexErrorDetails, attempt: number, requestId: string): Promise<Attempt> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      trackingid: `webex-activation-bot_${requestId}_${attempt}`,
    };
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    const body = opts.form ?? (opts.json !== undefined ? JSON.stringify(opts.json) : undefined);
    try {
      const res = await this.doFetch(url, { method, headers, body, signal: controller.signal });
      const text = await res.text();
      return { res, text };
    } catch (err) {
      if (controller.signal.aborted) {
        const error = new AppError('webex_timeout', `Webex did not answer ${method} ${where.path} within ${timeoutMs} ms (attempt ${attempt} of ${this.maxAttempts}).`, { ...where, attempts: attempt });
        return { failure: 'timeout' as const, error, notSent: false };
      }
      const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      const error = new AppError('webex_error', `Could not reach Webex for ${method} ${where.path}: ${reason}.`, { ...where, attempts: attempt });
      return { failure: 'network' as const, error, notSent: notSent(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async pause(ms: number, where: WebexErrorDetails, attempt: number, reason: string, code: WebexRetryInfo['reason']) {
    this.opts.onRetry?.({ method: where.method, path: where.path, attempt, delayMs: ms, reason: code });
    this.opts.logger?.warn({ method: where.method, path: where.path, trackingId: where.trackingId, attempt, delayMs: ms, reason }, 'webex request will be retried');
    await this.sleep(ms);
  }

  private httpError(res: Response, text: string, where: WebexErrorDetails): AppError {
    const body = parseErrorBody(text);
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now());
    return webexHttpError({
      ...where,
      status: res.status,
      trackingId: where.trackingId ?? body.trackingId,
      webexMessage: body.message,
      errors: body.errors,
      retryAfterSeconds: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    });
  }

  private parse<T>(text: string, status: number, schema: z.ZodType<T> | undefined, where: WebexErrorDetails): T {
    if (!schema) return undefined as T;
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new AppError('webex_error', `Webex answered ${where.method} ${where.path} (HTTP ${status}) with a body that is not valid JSON.`, { ...where, status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new AppError('webex_error', `Webex answered ${where.method} ${where.path} with an unexpected shape (${issues.join('; ')}).`, { ...where, status, issues });
    }
    return parsed.data;
  }

  /** Relative paths go under the base; absolute URLs (next-page links) must stay under it too. */
  private resolve(pathOrUrl: string, query?: Query): URL {
    const absolute = /^https?:\/\//i.test(pathOrUrl);
    const url = new URL(absolute ? pathOrUrl : `${this.base}/${pathOrUrl.replace(/^\/+/, '')}`);
    if (absolute && !url.href.startsWith(`${this.base}/`)) {
      throw new AppError('webex_error', `Refusing to send the Webex token to ${url.origin}: the link is outside ${this.base}.`);
    }
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }
}
