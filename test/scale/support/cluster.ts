// Several application instances on one PostgreSQL database and one fake Webex, deployed the way the
// README says: every instance has the same WEBEX_WEBHOOK_URL (a load balancer in front of them),
// the same webhook secret and admin list, and its own port and instance id. Tests can also post
// signed events straight to one instance, to play "delivered to two instances" or "twice".
import { startApplication, type Application } from '../../../src/app.js';
import { signBody } from '../../../src/bot/webhook-signature.js';
import { loadConfig } from '../../../src/config.js';
import { startFakeWebex, type FakeWebex, type FakeWebexOptions } from '../../../src/fake-webex/index.js';
import { attachmentActionEventData } from '../../../src/fake-webex/routes/attachment-actions.js';
import type { FakeAttachmentAction, FakeMessage, FakePerson, FakeRoom, FakeWebhook } from '../../../src/fake-webex/types.js';
import { createLogger } from '../../../src/logger.js';
import { freePort, seedBroadWorks } from '../../support/bot-harness.js';
import { startLoadBalancer, type LoadBalancer } from './load-balancer.js';

export const SCALE_SECRET = 'scale-out-webhook-secret-0123456789';

export interface ClusterOptions {
  databaseUrl: string;
  size?: number;
  /** Admin people (each gets a 1:1 space with the bot). */
  admins?: number;
  seed?: (fake: FakeWebex) => void;
  env?: Record<string, string>;
  /** e.g. a seeded `random` for reproducible fault probabilities. */
  fakeOptions?: FakeWebexOptions;
}

export interface Cluster {
  fake: FakeWebex;
  lb: LoadBalancer;
  apps: Application[];
  admins: FakePerson[];
  /** Each admin's 1:1 space with the bot (same order as admins). */
  rooms: FakeRoom[];
  /** Not an admin: gets refusals. */
  member: FakePerson;
  /** A message written in the fake with no webhook delivery; returns it and its signed-ready envelope. */
  quietMessage(room: FakeRoom, author: FakePerson, text: string): Promise<{ message: FakeMessage; envelope: string }>;
  /** A button press recorded in the fake with no delivery, and its envelope. */
  quietClick(card: FakeMessage, author: FakePerson, inputs: Record<string, unknown>): Promise<{ action: FakeAttachmentAction; envelope: string }>;
  /** POSTs a signed envelope to one instance's /webhook. */
  post(app: Application, envelope: string): Promise<Response>;
  botMessages(room: FakeRoom): FakeMessage[];
  /** Every instance has finished every accepted event. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function webhookFor(fake: FakeWebex, resource: string): FakeWebhook {
  const hook = [...fake.state.webhooks.values()].find((w) => w.resource === resource);
  if (!hook) throw new Error(`no ${resource} webhook registered`);
  return hook;
}

function envelopeOf(fake: FakeWebex, hook: FakeWebhook, resource: string, data: Record<string, unknown>, actorId: string): string {
  return JSON.stringify({
    id: hook.id,
    name: hook.name,
    targetUrl: hook.targetUrl,
    resource,
    event: 'created',
    orgId: fake.state.orgId,
    createdBy: hook.createdBy,
    appId: hook.appId,
    ownedBy: hook.ownedBy,
    status: 'active',
    created: hook.created.toISOString(),
    actorId,
    data,
  });
}

/** Runs `act` with every webhook of the fake switched off, so nothing is delivered. */
async function silently<T>(fake: FakeWebex, act: () => Promise<T>): Promise<T> {
  const hooks = [...fake.state.webhooks.values()].filter((w) => w.status === 'active');
  hooks.forEach((w) => (w.status = 'inactive'));
  try {
    return await act();
  } finally {
    hooks.forEach((w) => (w.status = 'active'));
  }
}

async function untilRegistered(fake: FakeWebex, targetUrl: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const hooks = [...fake.state.webhooks.values()].filter((w) => w.targetUrl === targetUrl);
    if (hooks.length === 2) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the instance did not register its webhooks');
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const fake = await startFakeWebex(options.fakeOptions);
  const admins = Array.from({ length: options.admins ?? 1 }, (_, i) => fake.seed.person({ email: `admin${i}@acme.example`, firstName: 'Admin', lastName: `No${i}` }));
  const member = fake.seed.person({ email: 'member@acme.example', firstName: 'Max', lastName: 'Member' });
  const rooms = admins.map((a) => fake.seed.directRoom(a));
  (options.seed ?? seedBroadWorks)(fake);
  const lb = await startLoadBalancer();
  const webhookUrl = `${lb.url}/webhook`;
  const apps: Application[] = [];
  const logger = createLogger(process.env.E2E_LOG ?? 'silent');
  try {
    // One after the other: the first one migrates the database, and each start replaces the
    // previous instance's webhooks (same URL, same name), leaving one pair, as in production.
    for (let i = 0; i < (options.size ?? 3); i++) {
      const config = loadConfig({
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DATABASE_URL: options.databaseUrl,
        WEBEX_BOT_TOKEN: fake.botToken,
        WEBEX_API_URL: fake.url,
        WEBEX_WEBHOOK_URL: webhookUrl,
        WEBEX_WEBHOOK_SECRET: SCALE_SECRET,
        WEBEX_ADMIN_TOKEN: fake.adminToken,
        WEBEX_ORG_ID: fake.state.orgId,
        ADMIN_EMAILS: admins.map((a) => a.emails[0]).join(','),
        LOG_LEVEL: 'silent',
        ...options.env,
      });
      const app = await startApplication(config, { logger, instanceId: `instance-${i + 1}`, syncEveryMs: 3_600_000 });
      apps.push(app);
      await app.sync.firstSync;
      await untilRegistered(fake, webhookUrl);
    }
  } catch (err) {
    for (const app of apps) await app.stop().catch(() => undefined);
    await lb.close();
    await fake.close();
    throw err;
  }
  lb.targets = apps.map((a) => a.http.url);

  const bot = () => fake.state.people.get(fake.state.botId)!;
  return {
    fake,
    lb,
    apps,
    admins,
    rooms,
    member,
    async quietMessage(room, author, text) {
      const { message } = await silently(fake, () => fake.simulateMessage({ roomId: room.id, personId: author.id, text }));
      const data: Record<string, unknown> = {
        id: message.id,
        roomId: room.id,
        roomType: room.type,
        personId: author.id,
        personEmail: author.emails[0],
        ...(room.type === 'group' ? { mentionedPeople: [bot().id] } : {}),
        created: message.created.toISOString(),
      };
      return { message, envelope: envelopeOf(fake, webhookFor(fake, 'all'), 'messages', data, author.id) };
    },
    async quietClick(card, author, inputs) {
      const { action } = await silently(fake, () => fake.simulateCardAction({ messageId: card.id, personId: author.id, inputs }));
      return { action, envelope: envelopeOf(fake, webhookFor(fake, 'attachmentActions'), 'attachmentActions', attachmentActionEventData(action), author.id) };
    },
    post(app, envelope) {
      return fetch(`${app.http.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(envelope, SCALE_SECRET) },
        body: envelope,
      });
    },
    botMessages: (room) => [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId),
    async idle() {
      await Promise.all(apps.map((a) => a.bot.idle()));
    },
    async close() {
      for (const app of apps) await app.stop().catch(() => undefined);
      await lb.close();
      await fake.close();
    },
  };
}
