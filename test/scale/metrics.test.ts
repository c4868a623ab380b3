// The metrics module on its own: label templating, one registry per instance, and the Webex REST
// client's observer hooks against the fake Webex (429, 500, retries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import { createMetrics, endpointTemplate, resourceLabel } from '../../src/metrics/index.js';
import { WebexClient } from '../../src/webex/http-client.js';
import { z } from 'zod';

describe('metric labels', () => {
  it('templates Webex paths so no id, email or query becomes a label value', () => {
    expect(endpointTemplate('/messages/Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOWE4Yj')).toBe('/messages/{id}');
    expect(endpointTemplate('/v1/people?email=a@b.example')).toBe('/people');
    expect(endpointTemplate('/broadworks/subscribers/err1@sp.example')).toBe('/broadworks/subscribers/{id}');
    expect(endpointTemplate('/attachment/actions/3f2c1a9e-1b2c-4d5e-8f90-123456789abc')).toBe('/attachment/actions/{id}');
    expect(endpointTemplate('/identity/organizations/123/jobs/456/status')).toBe('/identity/organizations/{id}/jobs/{id}/status');
    expect(endpointTemplate('/')).toBe('/');
  });

  it('maps webhook resources to a fixed set', () => {
    expect(resourceLabel('messages')).toBe('messages');
    expect(resourceLabel('"}\nevil{')).toBe('other');
    expect(resourceLabel(undefined)).toBe('unknown');
  });
});

describe('registries', () => {
  it('keeps two instances in one process apart', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.webhookOutcome('accepted', 'messages');
    a.webhookOutcome('duplicate', 'messages');
    b.webhookOutcome('bad_signature');
    a.alertRuns.inc();
    a.remindersSent.inc({ outcome: 'sent' });
    a.handled('messages', 0.02, true);
    const ta = await a.text();
    const tb = await b.text();
    expect(ta).toMatch(/^webhook_events_total\{resource="messages",outcome="accepted"\} 1$/m);
    expect(ta).toMatch(/^webhook_duplicate_events_total\{resource="messages"\} 1$/m);
    expect(ta).toMatch(/^alert_runs_total 1$/m);
    expect(ta).toMatch(/^reminders_sent_total\{outcome="sent"\} 1$/m);
    expect(ta).toMatch(/^webhook_handling_seconds_bucket\{le="0.025",resource="messages",result="ok"\} 1$/m);
    expect(ta).not.toMatch(/outcome="bad_signature"/);
    expect(tb).toMatch(/^webhook_events_total\{resource="unknown",outcome="bad_signature"\} 1$/m);
    expect(tb).toMatch(/^nodejs_heap_size_used_bytes /m);
  });
});

describe('Webex REST client observer', () => {
  let fake: FakeWebex;
  beforeAll(async () => {
    fake = await startFakeWebex();
  });
  afterAll(() => fake?.close());

  it('counts every attempt by templated endpoint and status, the 429s and the retries', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const client = new WebexClient({ baseUrl: fake.url, token: fake.adminToken, sleep: async () => {}, ...metrics.webexClientHooks() });
    const me = await client.get('/people/me', z.looseObject({ id: z.string() }));
    fake.faults.rateLimit(/^\/people\//, 1, { times: 1 });
    fake.faults.serverError(/^\/people\//, 503, { times: 1 });
    await client.get(`/people/${me.id}`, z.looseObject({ id: z.string() }));
    const text = await metrics.text();
    expect(text).toMatch(/^webex_api_calls_total\{client="rest",method="GET",endpoint="\/people\/me",status="200"\} 1$/m);
    expect(text).toMatch(/^webex_api_calls_total\{client="rest",method="GET",endpoint="\/people\/\{id\}",status="429"\} 1$/m);
    expect(text).toMatch(/^webex_api_calls_total\{client="rest",method="GET",endpoint="\/people\/\{id\}",status="503"\} 1$/m);
    expect(text).toMatch(/^webex_api_calls_total\{client="rest",method="GET",endpoint="\/people\/\{id\}",status="200"\} 1$/m);
    expect(text).toMatch(/^webex_api_rate_limited_total\{client="rest",endpoint="\/people\/\{id\}"\} 1$/m);
    expect(text).toMatch(/^webex_api_retries_total\{client="rest",endpoint="\/people\/\{id\}",reason="rate_limited"\} 1$/m);
    expect(text).toMatch(/^webex_api_retries_total\{client="rest",endpoint="\/people\/\{id\}",reason="server_error"\} 1$/m);
  });

  it('counts a network failure as a status-less attempt', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const client = new WebexClient({ baseUrl: fake.url, token: fake.adminToken, sleep: async () => {}, maxAttempts: 2, ...metrics.webexClientHooks() });
    fake.faults.disconnect(/^\/people\/me$/, { times: 1 });
    await client.get('/people/me', z.looseObject({ id: z.string() }));
    const text = await metrics.text();
    expect(text).toMatch(/^webex_api_calls_total\{client="rest",method="GET",endpoint="\/people\/me",status="network"\} 1$/m);
    expect(text).toMatch(/^webex_api_retries_total\{client="rest",endpoint="\/people\/me",reason="network"\} 1$/m);
  });
});
