// Live truth (issue 12): what read-through freshness costs an answer, and how well it coalesces.
//   1. `users` over 100,000 mirrored subscribers, end to end, with a fresh watermark (no refresh)
//      and after the watermark aged (an incremental listing first) with 0 and with 100 subscribers
//      changed in Webex since; `help` in the same process as the floor of any answer.
//   2. 100 admins send `users` at once to 3 instances on one PostgreSQL with an aged watermark:
//      how many listing calls reach Webex.
// `run()` returns the markdown section for bench/results.md; `tsx bench/freshness.ts` prints it.
import { createServerDatabase, serverIsUp } from '../test/support/postgres.js';
import { freePort } from '../test/support/free-port.js';
import type { FakeSubscriber } from '../src/fake-webex/types.js';
import { messageEvent, postSigned, startLoadFake, takeOverDelivery, webhookBotEnv, type LoadFake } from './loopback-load.js';
import { startSut, type Sut } from './sut-process.js';
import { answerMs, start, type Started } from './webhook-throughput.js';
import type { Store } from './webhook-report.js';
import { runIfMain } from './run-if-main.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
/** Measurements of each kind; the median is reported. */
const ROUNDS = Number(process.env.BENCH_FRESHNESS_ROUNDS ?? 15);
const CHANGED = 100;
const BURST = 100;
const INSTANCES = 3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (n: number) => n.toFixed(1);
const ratio = (n: number) => `${n.toFixed(2)}×`;
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');

interface Costs {
  store: Store;
  help: number;
  fresh: number;
  unchanged: number;
  changed: number;
  /** Listing calls made by the refreshed answers (one each expected). */
  listings: number;
}

const isListing = (r: { method: string; path: string }) => r.method === 'GET' && r.path === '/broadworks/subscribers';

/** `count` subscribers the mirror holds, changed in Webex "now" (they fell into error). */
function changeInWebex(load: LoadFake, round: number, count: number): FakeSubscriber[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const n = round * count + i;
    return load.fake.seed.subscriber({
      id: `bench-subscriber-${String(n).padStart(6, '0')}`,
      userId: `${40_000_000 + n}@voip.bench.example`,
      email: `user${n}@bench.example`,
      status: 'error',
      errors: [{ errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user' }],
      lastStatusChange: now,
    });
  });
}

async function answerCosts(store: Store): Promise<Costs> {
  // An hour-long freshness window: a refresh happens only where the bench ages the watermark.
  const s: Started = await start('ours', store, { FRESHNESS_SECONDS: '3600' });
  try {
    await s.sut.seedSubscribers(SUBSCRIBERS);
    for (const text of ['help', 'users', 'users']) await answerMs(s, text); // warm-up
    const help: number[] = [];
    const fresh: number[] = [];
    const unchanged: number[] = [];
    const changed: number[] = [];
    let listings = 0;
    const refreshed = async (into: number[]) => {
      const r = await refreshedUsers(s);
      into.push(r.ms);
      listings += r.listings;
    };
    // 0 changed first (the fake holds no subscriber newer than the mirror's), then 100 changed
    // per round (the previous round's taken out of the fake, so each listing returns 100).
    for (let round = 0; round < ROUNDS; round++) {
      help.push(await answerMs(s, 'help'));
      fresh.push(await answerMs(s, 'users'));
      await refreshed(unchanged);
    }
    let previous: FakeSubscriber[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const p of previous) s.load.fake.state.subscribers.delete(p.id);
      previous = changeInWebex(s.load, round, CHANGED);
      await refreshed(changed);
      fresh.push(await answerMs(s, 'users'));
    }
    return { store, help: median(help), fresh: median(fresh), unchanged: median(unchanged), changed: median(changed), listings };
  } finally {
    await s.close();
  }
}

/** `users` end to end after the watermark aged, and the listing calls it made. */
async function refreshedUsers(s: Started): Promise<{ ms: number; listings: number }> {
  await s.sut.expireFreshness();
  let listings = 0;
  // The driver empties the fake's request log once the reply is in: count as the reply arrives.
  const unsubscribe = s.load.fake.onMessage((m) => {
    if (m.personId === s.load.fake.state.botId) listings = s.load.fake.requests.filter(isListing).length;
  });
  try {
    return { ms: await answerMs(s, 'users'), listings };
  } finally {
    unsubscribe();
  }
}

interface Burst {
  answered: number;
  listings: number;
  seconds: number;
}

/** 100 admins send `users` at once, spread over 3 instances sharing one PostgreSQL database. */
async function burst(): Promise<Burst> {
  const load = await startLoadFake(BURST);
  const db = await createServerDatabase('bench-burst');
  const suts: Sut[] = [];
  try {
    for (let i = 0; i < INSTANCES; i++) {
      const port = await freePort();
      suts.push(
        await startSut('ours', port, { ...webhookBotEnv(load, port), DATABASE_URL: db.url }),
      );
    }
    const names: string[] = [];
    for (const sut of suts) names.push(await takeOverDelivery(load.fake, sut.webhookUrl, true));
    await suts[0]!.seedSubscribers(10_000);
    await suts[0]!.expireFreshness();
    const replies = new Map<string, () => void>();
    const unsubscribe = load.fake.onMessage((m) => {
      if (m.personId === load.fake.state.botId) replies.get(m.roomId)?.();
    });
    load.fake.requests.length = 0;
    const t0 = performance.now();
    const answered = await Promise.all(
      load.senders.map(async (sender, i) => {
        const to = { webhookUrl: suts[i % INSTANCES]!.webhookUrl, webhookName: names[i % INSTANCES]! };
        const { message } = await load.fake.simulateMessage({ roomId: sender.room.id, personId: sender.person.id, text: 'users' });
        const replied = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 60_000);
          replies.set(sender.room.id, () => (clearTimeout(timer), resolve(true)));
        });
        const res = await postSigned(to.webhookUrl, messageEvent(load.fake, sender, message, to));
        return res.status === 200 && (await replied);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    unsubscribe();
    return { answered: answered.filter(Boolean).length, listings: load.fake.requests.filter(isListing).length, seconds };
  } finally {
    for (const sut of suts) await sut.stop();
    await load.close();
    await db.drop();
  }
}

export async function run(): Promise<string> {
  const t0 = Date.now();
  const postgres = await serverIsUp();
  const stores: Store[] = postgres ? ['embedded', 'postgres'] : ['embedded'];
  const costs: Costs[] = [];
  for (const store of stores) costs.push(await answerCosts(store));
  const b = postgres ? await burst() : null;
  const storeName = (s: Store) => (s === 'embedded' ? 'embedded (PGlite)' : 'server (PostgreSQL)');
  return [
    `### Live truth: what a refresh costs an answer (${SUBSCRIBERS.toLocaleString('en')} subscribers)`,
    '',
    `Method: ${SUBSCRIBERS.toLocaleString('en')} subscribers in the bot's store (bench/subscriber-rows.ts), \`FRESHNESS_SECONDS\` an hour so that only the bench decides when a refresh is due (it ages the watermark in the store). Each figure is the median of ${ROUNDS} answers end to end (signed event in, reply in the fake): \`help\`; \`users\` with a fresh watermark (no call to Webex); \`users\` after the watermark aged, so it first lists what changed in Webex since (\`GET /broadworks/subscribers?lastStatusChange=…\`) with nothing changed, and with ${CHANGED} subscribers newly in error in the fake (written to the mirror before the card is drawn). Goals (issue 12): refreshed \`users\` ≤ 1.5× fresh; fresh \`users\` ≤ 2× \`help\`.`,
    '',
    '| database | `help` | `users` fresh | `users` + refresh, 0 changed | `users` + refresh, 100 changed | refreshed ÷ fresh (0 / 100) | fresh ÷ `help` | listing calls | goals met |',
    '|---|---|---|---|---|---|---|---|---|',
    ...costs.map(
      (c) =>
        `| ${storeName(c.store)} | ${ms(c.help)} ms | ${ms(c.fresh)} ms | ${ms(c.unchanged)} ms | ${ms(c.changed)} ms | ${ratio(c.unchanged / c.fresh)} / ${ratio(c.changed / c.fresh)} | ${ratio(c.fresh / c.help)} | ${c.listings} for ${ROUNDS * 2} refreshed answers | ${yes(c.unchanged <= 1.5 * c.fresh && c.changed <= 1.5 * c.fresh && c.fresh <= 2 * c.help)} |`,
    ),
    '',
    ...(b
      ? [
          `### Live truth: ${BURST} \`users\` at once on ${INSTANCES} instances`,
          '',
          `Method: ${INSTANCES} instances on one PostgreSQL database and one fake Webex, 10,000 subscribers mirrored, the watermark aged; ${BURST} admins each send \`users\` in their 1:1 space at the same moment, spread evenly over the instances. Goal: ≤ ${INSTANCES} listing calls (one refresh per instance at most; the watermark in the store lets a refresh on one stand for all).`,
          '',
          '| answered | listing calls to Webex | all answered in | goal met |',
          '|---|---|---|---|',
          `| ${b.answered} of ${BURST} | ${b.listings} | ${b.seconds.toFixed(1)} s | ${yes(b.answered === BURST && b.listings <= INSTANCES)} |`,
          '',
        ]
      : ['_No PostgreSQL server: the three-instance burst was not run._', '']),
    `_Live-truth section: ${((Date.now() - t0) / 1000).toFixed(0)} s._`,
  ].join('\n');
}

runIfMain(import.meta.url, run);
