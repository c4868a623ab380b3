// The fault campaign: three instances on a dedicated PostgreSQL server (from npm, pg-cluster.ts), ~1,500 webhook
// deliveries (duplicates, shuffled, concurrent, to random instances), Webex answering a share of
// calls with 429, 500 or slowly, and the PostgreSQL server restarted in the middle. Afterwards
// every message and button press was answered, every change applied once, nothing crashed.
// CAMPAIGN_SEED replays a run. The framework's own reads (GET /messages/{id}, /people,
// /attachment/actions/{id}) fail now and then too, and both presses of a card arrive at once —
// the two ways webex-node-bot-framework drops an event, which the host makes good by processing
// such an event again (framework-host.ts). CAMPAIGN_READ_FAULTS=0 / CAMPAIGN_CONCURRENT_PRESSES=0
// turn them off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './support/cluster.js';
import { planClicks, planMessages, seededRandom, withCopies } from './support/campaign-plan.js';
import { tallyCampaign } from './support/campaign-checks.js';
import { deliverAll, type DeliveryStats } from './support/deliverer.js';
import { startPgCluster, type PgCluster } from './support/pg-cluster.js';

const MESSAGES = 800;
const SEED = Number(process.env.CAMPAIGN_SEED ?? Math.floor(Math.random() * 2 ** 31));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault campaign', () => {
  let pgc: PgCluster;
  let c: Cluster;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => void crashes.push(err);
  const random = seededRandom(SEED);

  beforeAll(async () => {
    // Printed first, so a run that times out or crashes can still be replayed.
    console.log(`fault campaign seed ${SEED} (replay: CAMPAIGN_SEED=${SEED})`);
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    pgc = await startPgCluster();
    const url = await pgc.createDatabase('campaign');
    c = await startCluster({ databaseUrl: url, admins: 4, fakeOptions: { random: seededRandom(SEED + 1) } });
  }, 120_000);
  afterAll(async () => {
    await c?.close();
    await pgc?.destroy();
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
  });

  async function statuses(path: string): Promise<number[]> {
    return Promise.all(c.apps.map((a) => fetch(`${a.http.url}${path}`).then((r) => r.status, () => 0)));
  }

  /** Stops the server (connections cut), checks readiness while it is down, starts it again. */
  async function restartDatabase(): Promise<{ readyWhileDown: number[]; healthWhileDown: number[]; downMs: number }> {
    const t0 = Date.now();
    await pgc.stop();
    const readyWhileDown = await statuses('/readyz');
    const healthWhileDown = await statuses('/healthz');
    await sleep(1_000);
    await pgc.start();
    const downMs = Date.now() - t0;
    for (let i = 0; i < 100 && (await statuses('/readyz')).some((s) => s !== 200); i++) await sleep(100);
    return { readyWhileDown, healthWhileDown, downMs };
  }

  it('answers everything and applies every change once through 429s, 500s, slowness and a database restart', async () => {
    const started = Date.now();
    const messages = await planMessages(c, MESSAGES);

    // Webex misbehaves: our sends and the admin API get 429 (Retry-After 1 s) and 5xx, anything may be slow.
    const f = c.fake.faults;
    const rules = [
      f.rateLimit(/^\/messages$/, 1, { method: 'POST', probability: 0.04 }),
      f.serverError(/^\/messages$/, 500, { method: 'POST', probability: 0.04 }),
      f.rateLimit(/^\/settings\//, 1, { probability: 0.1 }),
      f.serverError(/^\/settings\//, 503, { probability: 0.05 }),
      f.delay(/./, 150, { probability: 0.08 }),
    ];
    if (process.env.CAMPAIGN_READ_FAULTS !== '0') {
      // The framework swallows a failed read of the message, person or action; the host processes
      // such an event again (framework-host.ts), so nothing may be lost.
      rules.push(f.serverError(/^\/(messages|people|attachment\/actions)\/[^/]+$/, 500, { method: 'GET', probability: 0.03 }));
    }

    // Phase 1: the messages, with the database restart half way through.
    const firstWave = withCopies(messages.map((m) => m.envelope), random);
    let restart: ReturnType<typeof restartDatabase> | undefined;
    const wave1 = await deliverAll(c, firstWave, {
      concurrency: 32,
      random,
      onProgress: (done) => void (done === Math.floor(firstWave.length / 2) && (restart = restartDatabase())),
    });
    const db = await restart!;
    await c.idle();

    // Phase 2: every `emails off` card's confirm button pressed twice, each press delivered 1–4
    // times; all cards at once, the second presses after the first (unless CAMPAIGN_CONCURRENT_PRESSES).
    const clicks = await planClicks(c, messages);
    const presses = process.env.CAMPAIGN_CONCURRENT_PRESSES !== '0' ? [clicks] : [clicks.filter((_, i) => i % 2 === 0), clicks.filter((_, i) => i % 2 === 1)];
    const wave2: DeliveryStats = { deliveries: 0, posts: 0, accepted: 0, duplicate: 0, redelivered: 0, gaveUp: 0 };
    for (const wave of presses) {
      const stats = await deliverAll(c, withCopies(wave.map((k) => k.envelope), random), { concurrency: 32, random });
      for (const k of Object.keys(wave2) as (keyof DeliveryStats)[]) wave2[k] += stats[k];
      await c.idle();
    }
    f.clear();

    const tally = await tallyCampaign(c, messages, clicks);
    const total = (k: keyof DeliveryStats) => wave1[k] + wave2[k];
    const requests = c.fake.requests.length;
    const answered429 = c.fake.requests.filter((r) => r.status === 429).length;
    const answered5xx = c.fake.requests.filter((r) => (r.status ?? 0) >= 500).length;
    const slowed = rules[4]!.hits;
    const claimed = await c.apps[0]!.db.prisma.processedEvent.groupBy({ by: ['kind'], _count: true });
    const acceptedByInstance = await Promise.all(
      c.apps.map(async (a) => (await a.metrics.webhookEvents.get()).values.filter((v) => v.labels.outcome === 'accepted').reduce((n, v) => n + v.value, 0)),
    );
    const retries = await Promise.all(c.apps.map(async (a) => (await a.metrics.webexRetries.get()).values.reduce((n, v) => n + v.value, 0)));

    console.log(
      [
        `fault campaign (seed ${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
        `  events: ${tally.messages} messages + ${tally.clicks} button presses; ${total('deliveries')} deliveries to 3 instances, ${total('posts')} POSTs`,
        `  webhook answers: ${total('accepted')} accepted, ${total('duplicate')} duplicate, ${total('redelivered')} failed and redelivered, ${total('gaveUp')} given up`,
        `  accepted per instance: ${acceptedByInstance.join(' / ')}; claims in the store: ${claimed.map((g) => `${g.kind} ${g._count}`).join(', ')}`,
        `  webex: ${requests} requests, ${answered429} answered 429, ${answered5xx} answered 5xx, ${slowed} slowed; our retries: ${retries.reduce((a, b) => a + b, 0)}`,
        `  database restart: down ${db.downMs} ms; /readyz while down ${db.readyWhileDown.join(',')}, /healthz ${db.healthWhileDown.join(',')}`,
        `  answered: ${tally.answered} of ${tally.messages + tally.clicks} (${tally.errorAnswers} clear error answers; ${tally.refusedByWebex} whose every answer Webex refused)`,
        `  emails on: ${tally.emailsOn.messages} messages, applied ${tally.emailsOn.applied}, audited ${tally.emailsOn.audited} (${tally.emailsOn.readBack} confirmed by reading), confirmed ${tally.emailsOn.confirmedToAdmin}, asked first (late) ${tally.emailsOn.askedFirst}, error answers ${tally.emailsOn.errorAnswers}`,
        `  emails off: ${tally.emailsOff.cards} cards × 2 presses, applied ${tally.emailsOff.applied}, audited ${tally.emailsOff.audited} (${tally.emailsOff.readBack} confirmed by reading), confirmed ${tally.emailsOff.confirmed}, "already done" ${tally.emailsOff.alreadyDone}`,
        `  exports: ${tally.exports.messages} asked, ${tally.exports.files} files, ${tally.exports.audited} audited; refusals: ${tally.refusals.messages} asked, ${tally.refusals.audited} audited`,
        `  unhandled rejections / exceptions: ${crashes.length}; violations: ${tally.violations.length}`,
        ...tally.violations.slice(0, 20).map((v) => `    ! ${v}`),
      ].join('\n'),
    );

    expect(tally.violations).toEqual([]);
    expect(crashes).toEqual([]);
    expect(total('gaveUp')).toBe(0);
    expect(tally.answered + tally.refusedByWebex).toBe(tally.messages + tally.clicks);
    // Each distinct event was accepted exactly once across the three instances.
    expect(acceptedByInstance.reduce((a, b) => a + b, 0)).toBe(tally.messages + tally.clicks);
    expect(claimed.find((g) => g.kind === 'messages')?._count).toBe(tally.messages);
    expect(tally.emailsOff.cards).toBeGreaterThanOrEqual(MESSAGES * 0.05);
    // The faults really happened, and the database really went away and came back.
    expect(answered429).toBeGreaterThan(10);
    expect(answered5xx).toBeGreaterThan(10);
    expect(db.readyWhileDown).toEqual([503, 503, 503]);
    expect(db.healthWhileDown).toEqual([200, 200, 200]);
    expect(await statuses('/readyz')).toEqual([200, 200, 200]);
  }, 170_000);
});
