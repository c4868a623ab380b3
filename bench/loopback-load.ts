// The load side of the webhook benchmarks: a fake Webex on loopback with one admin and one 1:1
// space per concurrent sender, and a closed-loop driver that writes a message in the fake, posts
// its signed webhook event to the system under test and waits for the bot's reply to appear.
import { signBody } from '../src/bot/webhook-signature.js';
import { startFakeWebex, type FakeWebex } from '../src/fake-webex/index.js';
import type { FakeMessage, FakePerson, FakeRoom } from '../src/fake-webex/types.js';

export const BENCH_SECRET = 'bench-webhook-secret-0123456789';

export interface LoadFake {
  fake: FakeWebex;
  senders: { person: FakePerson; room: FakeRoom }[];
  adminEmails: string;
  close(): Promise<void>;
}

export interface LoadResult {
  events: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export async function startLoadFake(senders: number): Promise<LoadFake> {
  const fake = await startFakeWebex();
  const people = Array.from({ length: senders }, (_, i) => fake.seed.person({ email: `bench${i}@acme.example`, firstName: 'Bench', lastName: `Admin${i}` }));
  return {
    fake,
    senders: people.map((person) => ({ person, room: fake.seed.directRoom(person) })),
    adminEmails: people.map((p) => p.emails[0]).join(','),
    close: () => fake.close(),
  };
}

/** The settings of a bot in webhook mode on `port`, wired to the load fake (add its database). */
export function webhookBotEnv(load: LoadFake, port: number): Record<string, string> {
  return {
    WEBEX_BOT_TOKEN: load.fake.botToken,
    WEBEX_API_URL: load.fake.url,
    WEBEX_WEBHOOK_URL: `http://127.0.0.1:${port}/webhook`,
    WEBEX_WEBHOOK_SECRET: BENCH_SECRET,
    WEBEX_ADMIN_TOKEN: load.fake.adminToken,
    WEBEX_ORG_ID: load.fake.state.orgId,
    ADMIN_EMAILS: load.adminEmails,
  };
}

/** Waits until the system under test registered its webhooks, then stops the fake delivering: the driver posts. */
export async function takeOverDelivery(fake: FakeWebex, webhookUrl: string, expectWebhooks: boolean): Promise<string> {
  for (let i = 0; expectWebhooks && i < 400 && ![...fake.state.webhooks.values()].some((w) => w.targetUrl === webhookUrl); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  const hook = [...fake.state.webhooks.values()].find((w) => w.targetUrl === webhookUrl && w.resource === 'all');
  if (expectWebhooks && !hook) throw new Error(`no webhook registered for ${webhookUrl}`);
  for (const w of fake.state.webhooks.values()) w.status = 'inactive';
  return hook?.name ?? 'bench';
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]! : NaN;
}

export interface DriveOptions {
  webhookUrl: string;
  webhookName: string;
  total: number;
  text: string;
  /** Wait for the bot's reply (end to end); false: until the HTTP answer only. */
  expectReply: boolean;
  timeoutMs?: number;
}

/** The signed-webhook body Webex would POST for `message` (a 1:1 message from the sender). */
export function messageEvent(fake: FakeWebex, { person, room }: LoadFake['senders'][number], message: FakeMessage, to: { webhookName: string; webhookUrl: string }): string {
  return JSON.stringify({
    id: 'bench', name: to.webhookName, targetUrl: to.webhookUrl, resource: 'messages', event: 'created', orgId: fake.state.orgId,
    createdBy: fake.state.botId, appId: 'bench', ownedBy: 'creator', status: 'active', created: new Date().toISOString(), actorId: person.id,
    data: { id: message.id, roomId: room.id, roomType: 'direct', personId: person.id, personEmail: person.emails[0], created: message.created.toISOString() },
  });
}

/** POSTs a webhook body with its signature; resolves once the answer is read. */
export async function postSigned(webhookUrl: string, body: string): Promise<Response> {
  const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(body, BENCH_SECRET) }, body });
  await res.arrayBuffer();
  return res;
}

/** Every sender sends its next message when the previous one was answered (closed loop). */
export async function drive(load: LoadFake, o: DriveOptions): Promise<LoadResult> {
  const { fake } = load;
  const waiters = new Map<string, (m: FakeMessage) => void>();
  const unsubscribe = fake.onMessage((m) => {
    if (m.personId !== fake.state.botId) return;
    fake.state.messages.delete(m.id); // keep the fake small over long runs
    waiters.get(m.roomId)?.(m);
  });
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  const started = performance.now();

  async function sender({ person, room }: LoadFake['senders'][number]): Promise<void> {
    while (issued < o.total) {
      issued++;
      const { message } = await fake.simulateMessage({ roomId: room.id, personId: person.id, text: o.text });
      const body = messageEvent(fake, { person, room }, message, o);
      const replied = o.expectReply ? new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), o.timeoutMs ?? 30_000);
        waiters.set(room.id, () => (clearTimeout(timer), resolve(true)));
      }) : Promise.resolve(true);
      const t0 = performance.now();
      try {
        const res = await postSigned(o.webhookUrl, body);
        if (res.status !== 200 || !(await replied)) failures++;
        else latencies.push(performance.now() - t0);
      } catch {
        failures++;
      }
      waiters.delete(room.id);
      fake.state.messages.delete(message.id);
      (fake.requests as unknown[]).length = 0;
    }
  }
  await Promise.all(load.senders.map(sender));
  unsubscribe();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { events: latencies.length, failures, seconds, perSecond: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}
