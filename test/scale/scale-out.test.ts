// Three instances on one PostgreSQL database behind one webhook URL: whichever instance gets an
// event, and however often, it is handled once; the durable retry, bulk reminders and alert
// occurrences run on one instance at a time; each instance counts its own metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindAllInactive } from '../../src/alerts/index.js';
import type { Application } from '../../src/app.js';
import { createServerDatabase, type ThrowAwayDatabase } from '../support/postgres.js';
import { startCluster, type Cluster } from './support/cluster.js';

const statusOf = async (res: Response) => ((await res.json()) as { status: string }).status;
const shuffle = <T>(items: T[]): T[] => items.map((v) => [Math.random(), v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
/** The first `n` of `promises` to settle, in the order they did. */
const settledCount = <T>(promises: Promise<T>[], n: number): Promise<T[]> =>
  new Promise((resolve, reject) => {
    const done: T[] = [];
    for (const p of promises) {
      p.then((v) => {
        done.push(v);
        if (done.length === n) resolve(done);
      }, reject);
    }
  });
const counterSum = async (app: Application, outcome: string) =>
  (await app.metrics.webhookEvents.get()).values.filter((v) => v.labels.outcome === outcome).reduce((n, v) => n + v.value, 0);

describe('scale-out: three instances, one database', () => {
  let db: ThrowAwayDatabase;
  let c: Cluster;
  beforeAll(async () => {
    db = await createServerDatabase('scale');
    c = await startCluster({ databaseUrl: db.url, admins: 2 });
  }, 120_000);
  afterAll(async () => {
    await c?.close();
    await db?.drop();
  });

  it('registers one webhook pair at the shared URL; each instance has its own port and id', () => {
    const hooks = [...c.fake.state.webhooks.values()];
    expect(hooks.map((w) => w.resource).sort()).toEqual(['all', 'attachmentActions']);
    expect(new Set(hooks.map((w) => w.targetUrl))).toEqual(new Set([`${c.lb.url}/webhook`]));
    expect(new Set(c.apps.map((a) => a.http.url)).size).toBe(3);
    expect(c.apps.map((a) => a.instanceId)).toEqual(['instance-1', 'instance-2', 'instance-3']);
    // Each later start replaced the pair registered before it (same URL, so same name): 2 + 2.
    expect(c.fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/webhooks')).length).toBe(4);
  });

  it('answers each message sent through the load balancer once, whichever instance gets it', async () => {
    const room = c.rooms[0]!;
    const before = c.botMessages(room).length;
    for (let i = 0; i < 6; i++) await c.fake.simulateMessage({ roomId: room.id, personId: c.admins[0]!.id, text: 'help' });
    await c.idle();
    expect(c.botMessages(room).length).toBe(before + 6);
    expect([...c.lb.forwarded.values()].every((n) => n >= 2)).toBe(true);
  });

  it('handles an event posted to all three instances at once exactly once', async () => {
    const room = c.rooms[0]!;
    const { envelope } = await c.quietMessage(room, c.admins[0]!, 'help');
    const before = c.botMessages(room).length;
    const events = await c.apps[0]!.store.events.count();
    const statuses = await Promise.all(c.apps.map(async (a) => statusOf(await c.post(a, envelope))));
    await c.idle();
    expect(statuses.sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(c.botMessages(room).length).toBe(before + 1);
    expect(await c.apps[2]!.store.events.count()).toBe(events + 1);
  });

  it('handles an event delivered twice to one instance, and later to another, once', async () => {
    const room = c.rooms[1]!;
    const { envelope } = await c.quietMessage(room, c.admins[1]!, 'emails on');
    const before = c.botMessages(room).length;
    const twice = await Promise.all([c.post(c.apps[1]!, envelope), c.post(c.apps[1]!, envelope)]);
    await c.idle();
    const later = await c.post(c.apps[2]!, envelope);
    await c.idle();
    expect((await Promise.all(twice.map(statusOf))).sort()).toEqual(['accepted', 'duplicate']);
    expect(await statusOf(later)).toBe('duplicate');
    expect(c.botMessages(room).length).toBe(before + 1);
    const audits = await c.apps[0]!.store.audit.latest(50);
    expect(audits.filter((a) => a.action === 'emails.on' && a.actor === c.admins[1]!.emails[0]).length).toBe(1);
  });

  it('answers a shuffled burst, each event at two instances, exactly once each', async () => {
    const room = c.rooms[0]!;
    const accepted = await Promise.all(c.apps.map((a) => counterSum(a, 'accepted')));
    const duplicates = await Promise.all(c.apps.map((a) => counterSum(a, 'duplicate')));
    const envelopes: string[] = [];
    for (let i = 0; i < 40; i++) envelopes.push((await c.quietMessage(room, c.admins[0]!, i % 2 ? 'help' : `nonsense ${i}`)).envelope);
    const before = c.botMessages(room).length;
    const deliveries = shuffle(envelopes.flatMap((e, i) => [[c.apps[i % 3]!, e], [c.apps[(i + 1) % 3]!, e]] as const));
    const answers = await Promise.all(deliveries.map(async ([app, e]) => (await c.post(app, e)).status));
    await c.idle();
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(c.botMessages(room).length).toBe(before + 40);
    // Each instance counts its own: together they saw each event once accepted, once duplicate.
    const acceptedNow = await Promise.all(c.apps.map((a) => counterSum(a, 'accepted')));
    const duplicatesNow = await Promise.all(c.apps.map((a) => counterSum(a, 'duplicate')));
    const delta = (now: number[], then: number[]) => now.reduce((n, v, i) => n + v - then[i]!, 0);
    expect(delta(acceptedNow, accepted)).toBe(40);
    expect(delta(duplicatesNow, duplicates)).toBe(40);
  });

  it('runs the durable retry once when all three instances start it together (lease)', async () => {
    const [subscriber] = await c.apps[0]!.store.subscribers.findByUserIdOrEmail('err1@sp.example');
    expect(subscriber).toBeDefined();
    // The first Webex call of whichever instance took the lease is held until the other two have
    // answered: the lease is provably held while they try, however slow the machine.
    const gate = c.fake.faults.hold(/^\/broadworks\/subscribers/, { times: 1 });
    const starts = c.apps.map((a) => a.provisioning.retry.start(subscriber!.id, 'erin.new@acme.example', c.admins[0]!.emails[0]!));
    await gate.arrived;
    const early = await settledCount(starts, 2);
    expect(early.map((o) => o.kind)).toEqual(['busy', 'busy']);
    gate.release();
    const outcomes = await Promise.all(starts);
    c.fake.faults.clear();
    expect(gate.hits).toBe(1);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'busy', 'done']);
    const remote = [...c.fake.state.subscribers.values()].filter((s) => s.userId === 'err1@sp.example');
    expect(remote.map((s) => s.email)).toEqual(['erin.new@acme.example']);
    expect(c.fake.requests.filter((r) => r.method === 'DELETE' && r.path === `/broadworks/subscribers/${subscriber!.id}`).length).toBe(1);
    const audits = await c.apps[1]!.store.audit.latest(50);
    expect(audits.filter((a) => a.action === 'user.retry' && a.result === 'ok').length).toBe(1);
  });

  it('starts bulk reminders once when every instance is asked at the same moment (lease)', async () => {
    const jobs = c.fake.state.activationJobs.size;
    const outcomes = await Promise.all(
      c.apps.map((a, i) =>
        remindAllInactive({ store: a.store, provisioning: a.provisioning, now: () => new Date(), inactiveAfterDays: 7 }, c.admins[i % 2]!.emails[0]!, c.rooms[0]!.id),
      ),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'busy', 'job']);
    expect(c.fake.state.activationJobs.size).toBe(jobs + 1);
  }, 30_000);

  it('runs an alert occurrence on one instance only', async () => {
    const at = new Date(Date.now() + 8 * 86_400_000);
    const results = await Promise.all(c.apps.map((a) => a.alerts.tick(at)));
    expect(results.filter((r) => r.kind === 'ran').length).toBe(1);
    const again = await Promise.all(c.apps.map((a) => a.alerts.tick(at)));
    expect(again.filter((r) => r.kind === 'ran').length).toBe(0);
  });

  it('100 `users` at once to three instances: at most one listing from Webex per instance within the freshness window', async () => {
    // The window has passed: the burst must catch up with Webex, once per instance at most.
    await c.apps[0]!.db.prisma.jobLease.upsert({
      where: { name: 'subscribers-sync' },
      create: { name: 'subscribers-sync', lastRunAt: new Date(Date.now() - 60_000) },
      update: { lastRunAt: new Date(Date.now() - 60_000) },
    });
    const listings = () => c.fake.requests.filter((r) => r.method === 'GET' && r.path === '/broadworks/subscribers' && !('cursor' in r.query)).length;
    const envelopes = [];
    for (let i = 0; i < 100; i++) envelopes.push((await c.quietMessage(c.rooms[i % c.rooms.length]!, c.admins[i % c.admins.length]!, 'users')).envelope);
    const before = listings();
    const answersBefore = c.rooms.reduce((n, r) => n + c.botMessages(r).length, 0);
    await Promise.all(envelopes.map((e, i) => c.post(c.apps[i % c.apps.length]!, e)));
    await c.idle();
    expect(c.rooms.reduce((n, r) => n + c.botMessages(r).length, 0) - answersBefore).toBe(100);
    expect(listings() - before).toBeGreaterThanOrEqual(1);
    expect(listings() - before).toBeLessThanOrEqual(3);
  });

  it('serves /metrics per instance in the Prometheus format', async () => {
    const texts = await Promise.all(
      c.apps.map(async (a) => {
        const res = await fetch(`${a.http.url}/metrics`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        return res.text();
      }),
    );
    for (const text of texts) {
      expect(text).toMatch(/^webhook_events_total\{resource="messages",outcome="accepted"\} [1-9]/m);
      expect(text).toMatch(/^webhook_handling_seconds_count\{resource="messages",result="ok"\} [1-9]/m);
      expect(text).toMatch(/^webex_api_calls_total\{client="sdk",method="POST",endpoint="\/messages",status="200"\} [1-9]/m);
      expect(text).toMatch(/^process_resident_memory_bytes /m);
      expect(text).not.toMatch(/Y2lzY29zcGFyazovL/); // no Webex ids in labels
    }
    expect(texts.some((t) => /^webhook_duplicate_events_total\{resource="messages"\} [1-9]/m.test(t))).toBe(true);
  });
});
