// Property-based tests (fast-check): the command parser, the card-action validator and the webhook
// endpoint take random and hostile input without throwing, answering 500, crashing or changing
// anything. A failure prints the seed and the shrunk counterexample.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWords } from '../../src/bot/command-text.js';
import { describeFilter, parseListFilter } from '../../src/bot/list-filter.js';
import { signBody } from '../../src/bot/webhook-signature.js';
import { ACTION_NAMES, actionSchema, parseSubmission } from '../../src/cards/actions.js';
import { SUBSCRIBER_STATUSES } from '../../src/store/subscribers.js';
import { startHarness, WEBHOOK_SECRET, type Harness } from '../support/bot-harness.js';

/** Strings that look like what admins and attackers type: filter words, names, unicode, control characters. */
const word = fc.oneof(
  fc.constantFrom('all', 'error', 'errors', 'pending', 'Pending', 'provisioned', 'updating', 'enterprise', 'find', 'users', 'export', ...SUBSCRIBER_STATUSES),
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
  fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
);
const text = fc.oneof(fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')), fc.string({ maxLength: 300, unit: 'binary' }));

describe('command parser', () => {
  it('splits any text into non-empty words without whitespace, and strips a leading bot name', () => {
    fc.assert(
      fc.property(text, fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), (t, names) => {
        const words = commandWords(t, names);
        expect(words.every((w) => w.length > 0 && !/\s/.test(w))).toBe(true);
        const plain = commandWords(t, []);
        if (names.length === 0) expect(words).toEqual(plain);
        expect(commandWords(`Activation Bot ${t}`, ['Activation Bot'])).toEqual(commandWords(t.replace(/^[\s,:]+/, ''), []));
      }),
      { numRuns: 500 },
    );
  });

  // A prototype member name (`users constructor`) is an unknown word, not Object.prototype's.
  it('a prototype member name as a filter word is reported, not thrown', () => {
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const parsed = parseListFilter([w]);
      expect(parsed.ok).toBe(false);
    }
  });

  it('parses any filter words to a valid filter or a problem to show, and a filter survives a round trip', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (raw) => {
        const words = commandWords(raw.join(' '), []);
        const parsed = parseListFilter(words);
        if (!parsed.ok) {
          expect(typeof parsed.problem).toBe('string');
          return;
        }
        const f = parsed.filter;
        expect(f.statuses.every((s) => SUBSCRIBER_STATUSES.includes(s))).toBe(true);
        expect(new Set(f.statuses).size).toBe(f.statuses.length);
        expect((f.text ?? '').length).toBeLessThanOrEqual(100);
        // What the card's buttons carry back (describeFilter) means the same filter again.
        const again = parseListFilter(commandWords(describeFilter(f), []));
        expect(again.ok).toBe(true);
        if (again.ok) expect({ ...again.filter, statuses: [...again.filter.statuses].sort() }).toEqual({ ...f, statuses: [...f.statuses].sort(), text: f.text?.trim() || null });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('card-action validator', () => {
  const cardId = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/);
  const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'action', 'cardId', 'subscriberId', 'email', 'personIds', 'page', 'statuses');

  it('never throws, and accepts only known actions with a valid card id', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.oneof(hostileKey, fc.string()), fc.jsonValue())), (inputs) => {
        const result = parseSubmission(inputs);
        if (result.ok) {
          expect(ACTION_NAMES).toContain(result.submission.action);
          expect(result.submission.cardId).toMatch(/^[A-Za-z0-9_.:-]{1,128}$/);
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an action that is an object with its own toString (found by the property above)', () => {
    for (const action of [{ toString: null }, { toString: () => { throw new Error('boom'); } }, Object.create(null), [1, 2], 42]) {
      const result = parseSubmission({ action, cardId: 'card-1' });
      expect(result).toMatchObject({ ok: false, reason: 'unknown-action', message: 'That button is not one I offer.' });
      if (!result.ok) expect(result.issues[0]).toMatch(/^unknown action: (object|number)$/);
    }
  });

  it('keeps only the keys an action declares, whatever else a (forged) submission carries', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTION_NAMES), cardId, fc.dictionary(fc.oneof(hostileKey, fc.string()), fc.jsonValue()), (action, id, extra) => {
        const result = parseSubmission({ ...extra, action, cardId: id });
        if (!result.ok) return;
        const allowed = Object.keys(actionSchema(action).shape);
        expect(Object.keys(result.submission).every((k) => allowed.includes(k))).toBe(true);
        expect(Object.getPrototypeOf(result.submission)).toBe(Object.prototype);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('webhook endpoint', () => {
  let h: Harness;
  let url: string;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => void crashes.push(err);
  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    h = await startHarness();
    url = `${h.app.http.url}/webhook`;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    process.off('unhandledRejection', onCrash);
  });

  const counts = async () => ({ events: await h.app.store.events.count(), audit: await h.app.store.audit.count(), replies: h.fake.state.messages.size });
  const body = fc.oneof(
    fc.string({ maxLength: 400, unit: 'binary' }).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.record({ id: fc.string(), name: fc.string(), resource: fc.constantFrom('messages', 'attachmentActions', 'memberships', 'rooms', '__proto__'), event: fc.string(), data: fc.record({ id: fc.string({ maxLength: 600 }) }) }).map((v) => Buffer.from(JSON.stringify(v))),
  );
  const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '');
  const badSignature = fc.oneof(fc.constant(undefined), fc.stringMatching(/^[0-9a-f]{40}$/), fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s)));

  async function post(payload: Buffer, headers: Record<string, string | undefined>): Promise<number> {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
    const res = await fetch(url, { method: 'POST', headers: clean, body: new Uint8Array(payload) });
    await res.arrayBuffer();
    return res.status;
  }

  it('refuses unsigned or badly signed input with 401 and changes nothing', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(body, contentType, badSignature, async (payload, type, signature) => {
        const status = await post(payload, { 'content-type': type, 'x-spark-signature': signature });
        expect(status).toBe(401);
      }),
      { numRuns: 150 },
    );
    await h.app.bot.idle();
    expect(await counts()).toEqual(before);
  });

  it('answers signed hostile input with 200 or 4xx, never a 500, and nothing reaches an admin', async () => {
    const audit = await h.app.store.audit.count();
    const replies = h.fake.state.messages.size;
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const status = await post(payload, { 'content-type': type, 'x-spark-signature': signBody(payload, WEBHOOK_SECRET) });
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 150 },
    );
    // Oversized bodies are cut off before being read.
    expect(await post(Buffer.alloc(300_000, 'a'), { 'content-type': 'application/json', 'x-spark-signature': signBody(Buffer.alloc(300_000, 'a'), WEBHOOK_SECRET) })).toBe(413);
    await h.app.bot.idle();
    expect(await h.app.store.audit.count()).toBe(audit);
    expect(h.fake.state.messages.size).toBe(replies);
    expect((await fetch(`${h.app.http.url}/healthz`)).status).toBe(200);
    expect(crashes).toEqual([]);
  });
});
