// A tiny method + path-pattern router: enough for a fake API, and free of framework body parsing so
// the fake sees exactly the bytes a client sent.
import type { IncomingMessage } from 'node:http';
import type { FakeToken } from '../types.js';
import type { ParsedForm } from './request.js';

export interface Caller extends FakeToken {
  token: string;
}

export interface RouteContext {
  req: IncomingMessage;
  method: string;
  /** Path below the /v1 base, e.g. `/people/me`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  form?: ParsedForm;
  raw: Buffer;
  /** Set for every route that needs a token (all but OAuth). */
  caller: Caller;
  trackingId: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary body (file downloads) instead of JSON. */
  bytes?: { data: Buffer; contentType: string };
}

export type RouteHandler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  public: boolean;
  handler: RouteHandler;
}

/** `route('GET', '/people/:personId', handler)`; `{ public: true }` for routes without a token. */
export function route(method: string, path: string, handler: RouteHandler, opts: { public?: boolean } = {}): Route {
  const keys: string[] = [];
  const source = path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}/?$`), keys, public: opts.public ?? false, handler };
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined;

export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
    return { route: r, params };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });
export const noContent = (): Reply => ({ status: 204 });
