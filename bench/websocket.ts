// Websocket mode (issue 20): event-to-reply latency over the websocket beside webhook mode, in one
// run, and how long the bot takes to listen again after its socket drops.
//   latency   one admin says `help`, one message after the other; the clock runs from the moment
//             the message exists in the fake Webex until the bot's reply is in it. Webhook mode:
//             the signed event is POSTed to the bot (as Webex would); websocket mode: the fake's
//             Mercury puts the activity on the bot's socket (as Webex would).
//   recovery  the fake drops the socket (1006: no close frame; 4000 "replaced", which the SDK gives
//             up on; a dead network, no close frame and no pong, with the SDK's default 15 s ping
//             and 14 s pong timeout); the clock runs until a new socket is authorized.
// `run()` returns the markdown section for bench/results.md; `tsx bench/websocket.ts` prints it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeWebex, uuidOf, webexId, type FakeWebex } from '../src/fake-webex/index.js';
import type { FakePerson, FakeRoom } from '../src/fake-webex/types.js';
import { freePort } from '../test/support/free-port.js';
import { BENCH_SECRET, messageEvent, postSigned, takeOverDelivery } from './loopback-load.js';
import { startSut, type Sut } from './sut-process.js';
import { runIfMain } from './run-if-main.js';

const EVENTS = Number(process.env.BENCH_WS_EVENTS ?? 300);
const DROPS = Number(process.env.BENCH_WS_DROPS ?? 3);

type Mode = 'webhook' | 'websocket';

interface World {
  fake: FakeWebex;
  admin: FakePerson;
  room: FakeRoom;
}

async function startWorld(): Promise<World> {
  const orgId = webexId('ORGANIZATION');
  // A bot token shaped like a real one: the SDK reads the org from its last field.
  const fake = await startFakeWebex({ orgId, botToken: `ZmFrZS1ib3QtdG9rZW4_PF84_${uuidOf(orgId)}` });
  const admin = fake.seed.person({ email: 'bench-admin@acme.example', firstName: 'Bench', lastName: 'Admin' });
  return { fake, admin, room: fake.seed.directRoom(admin) };
}

async function startBot(w: World, mode: Mode): Promise<{ sut: Sut; dir: string; webhookName?: string }> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-ws-'));
  const sut = await startSut('ours', port, {
    WEBEX_BOT_TOKEN: w.fake.botToken,
    WEBEX_API_URL: w.fake.url,
    WEBEX_U2C_URL: w.fake.u2cUrl,
    ...(mode === 'webhook' ? { WEBEX_WEBHOOK_URL: `http://127.0.0.1:${port}/webhook`, WEBEX_WEBHOOK_SECRET: BENCH_SECRET } : {}),
    WEBEX_ADMIN_TOKEN: w.fake.adminToken,
    WEBEX_ORG_ID: w.fake.state.orgId,
    ADMIN_EMAILS: w.admin.emails[0]!,
    DATA_DIR: dir,
  });
  const webhookName = mode === 'webhook' ? await takeOverDelivery(w.fake, sut.webhookUrl, true) : undefined;
  return { sut, dir, webhookName };
}

const authorizedSockets = (fake: FakeWebex) => fake.mercury.connections().filter((c) => c.authorized).length;

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

/** `count` × `help`, one after the other: message in the fake → the bot's reply in the fake. */
async function latencies(w: World, mode: Mode, sut: Sut, webhookName: string | undefined, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let replied!: () => void;
    const reply = new Promise<void>((resolve) => (replied = resolve));
    const off = w.fake.onMessage((m) => {
      if (m.personId === w.fake.state.botId && m.roomId === w.room.id) replied();
    });
    const t0 = performance.now();
    const { message } = await w.fake.simulateMessage({ roomId: w.room.id, personId: w.admin.id, text: 'help' });
    if (mode === 'webhook') await postSigned(sut.webhookUrl, messageEvent(w.fake, { person: w.admin, room: w.room }, message, { webhookName: webhookName!, webhookUrl: sut.webhookUrl }));
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`bench: no reply over ${mode}`)), 30_000).unref());
    await Promise.race([reply, timeout]);
    out.push(performance.now() - t0);
    off();
    w.fake.state.messages.clear();
    w.fake.requests.length = 0;
  }
  return out.sort((a, b) => a - b);
}

interface Recovery {
  how: string;
  ms: number[];
}

async function recoveries(w: World): Promise<Recovery[]> {
  const out: Recovery[] = [];
  const cases: [string, () => void][] = [
    ['1006 (network error, no close frame)', () => void w.fake.mercury.drop(1006)],
    ['4000 "replaced" (the SDK gives up; the bot reconnects)', () => void w.fake.mercury.drop(4000, 'replaced')],
  ];
  for (const [how, drop] of cases) {
    const ms: number[] = [];
    for (let i = 0; i < DROPS; i++) {
      await until('a listening socket', () => authorizedSockets(w.fake) === 1, 90_000);
      const t0 = performance.now();
      drop();
      await until('the socket gone', () => authorizedSockets(w.fake) === 0, 10_000);
      await until('a new socket', () => authorizedSockets(w.fake) === 1, 90_000);
      ms.push(performance.now() - t0);
    }
    out.push({ how, ms });
  }
  await until('a listening socket', () => authorizedSockets(w.fake) === 1, 90_000);
  const t0 = performance.now();
  w.fake.mercury.silence();
  await until('a new socket after the missed pong', () => authorizedSockets(w.fake) === 1, 90_000);
  out.push({ how: 'dead network (no close frame, no pong; SDK pings every 15 s, pong timeout 14 s)', ms: [performance.now() - t0] });
  return out;
}

export async function run(): Promise<string> {
  const t0 = Date.now();
  const measured: Record<Mode, number[]> = { webhook: [], websocket: [] };
  let recovered: Recovery[] = [];
  for (const mode of ['webhook', 'websocket'] as const) {
    const w = await startWorld();
    const { sut, dir, webhookName } = await startBot(w, mode);
    try {
      if (mode === 'websocket') await until('the bot listening', () => authorizedSockets(w.fake) === 1, 60_000);
      await latencies(w, mode, sut, webhookName, 30); // warm-up
      measured[mode] = await latencies(w, mode, sut, webhookName, EVENTS);
      if (mode === 'websocket') recovered = await recoveries(w);
    } finally {
      await sut.stop();
      await w.fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  const row = (mode: Mode) => {
    const xs = measured[mode];
    return `| ${mode} | ${percentile(xs, 0.5).toFixed(1)} ms | ${percentile(xs, 0.95).toFixed(1)} ms |`;
  };
  const ratio = (p: number) => (percentile(measured.websocket, p) / percentile(measured.webhook, p)).toFixed(2);
  const s = (ms: number) => (ms < 1_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
  return [
    '### Websocket mode: event to reply, and back after a drop',
    '',
    `Method: the bot in a process of its own on the embedded database, the fake Webex in the bench's process. One admin says \`help\` ${EVENTS.toLocaleString('en')} times (after 30 of warm-up), one message after the other; the clock runs from the message existing in the fake until the bot's reply is in it. Webhook mode: the signed event is POSTed to the bot, as Webex would; websocket mode: the fake's Mercury puts the activity on the bot's socket, as Webex would (the SDK then reads the message over REST, as it does against Webex). Recovery: the fake drops the socket ${DROPS} times per close code, and once lets the network under it die; the clock runs until a new socket is authorized.`,
    '',
    '| mode | p50 | p95 |',
    '|---|---|---|',
    row('webhook'),
    row('websocket'),
    '',
    `Websocket ÷ webhook: p50 ${ratio(0.5)}×, p95 ${ratio(0.95)}×.`,
    '',
    '| drop | listening again after |',
    '|---|---|',
    ...recovered.map((r) => `| ${r.how} | ${r.ms.map(s).join(', ')} |`),
    '',
    `_Websocket section: ${((Date.now() - t0) / 1000).toFixed(0)} s._`,
  ].join('\n');
}

runIfMain(import.meta.url, run);
