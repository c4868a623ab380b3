// Webex pages long lists with a `Link: <url>; rel="next"` header; the cursor is opaque to clients.
// Here it is the base64url offset, and the next URL repeats the caller's other query parameters.
import { badRequest } from './http/errors.js';
import type { Reply } from './http/router.js';

export interface PageOptions {
  defaultMax: number;
  /** Larger values are clamped (most APIs) unless `rejectAbove` is set (BroadWorks answers 400). */
  limit: number;
  rejectAbove?: boolean;
}

export function parseMax(query: URLSearchParams, opts: PageOptions): number {
  const raw = query.get('max');
  if (raw === null || raw === '') return opts.defaultMax;
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 1) throw badRequest(`Invalid value for max: "${raw}". It must be a positive integer.`);
  if (max > opts.limit) {
    if (opts.rejectAbove) throw badRequest(`Invalid value for max: ${max}. The maximum allowed value is ${opts.limit}.`);
    return opts.limit;
  }
  return max;
}

function parseCursor(query: URLSearchParams): number {
  const cursor = query.get('cursor');
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('Invalid cursor.');
  return offset;
}

/** One page of `items` as a Webex list reply (`{ items }`, plus `Link` when more remain). */
export function pageReply<T>(items: T[], query: URLSearchParams, pageUrl: string, opts: PageOptions, extra: Record<string, unknown> = {}): Reply {
  const max = parseMax(query, opts);
  const offset = parseCursor(query);
  const page = items.slice(offset, offset + max);
  const headers: Record<string, string> = {};
  if (offset + max < items.length) {
    const next = new URLSearchParams(query);
    next.set('cursor', Buffer.from(String(offset + max)).toString('base64url'));
    headers['link'] = `<${pageUrl}?${next.toString()}>; rel="next"`;
  }
  return { status: 200, body: { items: page, ...extra }, headers };
}
