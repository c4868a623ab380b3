// Raw HTTP calls to the fake for its own tests (the client under test lives in src/webex).
import type { FakeWebex } from '../../src/fake-webex/index.js';

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(fake: FakeWebex, token: string | undefined, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = /^https?:/.test(path) ? path : `${fake.url}${path}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
