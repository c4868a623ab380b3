// Websocket-mode harness: the real application with a bot token and no WEBEX_WEBHOOK_URL, so the
// real framework and Webex SDK discover the fake's services (U2C), register a device (WDM) and
// listen on its Mercury websocket over loopback. Several apps may share one fake (one token) and
// one PostgreSQL database, as instances behind a firewall would.
import { startApplication, type Application } from '../../src/app.js';
import type { SocketTimings } from '../../src/bot/sdk-endpoint.js';
import { loadConfig } from '../../src/config.js';
import { startFakeWebex, uuidOf, webexId, type FakeWebex } from '../../src/fake-webex/index.js';
import type { FakeMessage, FakePerson, FakeRoom } from '../../src/fake-webex/types.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN_EMAIL, MEMBER_EMAIL, seedBroadWorks } from './bot-harness.js';
import { freePort } from './free-port.js';

export interface WsWorld {
  fake: FakeWebex;
  admin: FakePerson;
  member: FakePerson;
  direct: FakeRoom;
  group: FakeRoom;
  /** The bot's messages in a room, oldest first. */
  botMessages(room?: FakeRoom): FakeMessage[];
}

/** A fake Webex whose bot token looks like a real one (the SDK reads the org id from its last field). */
export async function startWsWorld(): Promise<WsWorld> {
  const orgId = webexId('ORGANIZATION');
  const fake = await startFakeWebex({ orgId, botToken: `ZmFrZS1ib3QtdG9rZW4_PF84_${uuidOf(orgId)}` });
  const admin = fake.seed.person({ email: ADMIN_EMAIL, firstName: 'Ada', lastName: 'Admin' });
  const member = fake.seed.person({ email: MEMBER_EMAIL, firstName: 'Max', lastName: 'Member' });
  const direct = fake.seed.directRoom(admin);
  const group = fake.seed.groupRoom({ title: 'Admins', members: [admin, member] });
  seedBroadWorks(fake);
  return {
    fake,
    admin,
    member,
    direct,
    group,
    botMessages: (room = direct) => [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId),
  };
}

export async function startWsApp(world: WsWorld, opts: { databaseUrl?: string; env?: Record<string, string>; instanceId?: string; timings?: SocketTimings } = {}): Promise<Application> {
  const { fake } = world;
  const config = loadConfig({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { DATA_DIR: 'memory://' }),
    WEBEX_BOT_TOKEN: fake.botToken,
    WEBEX_API_URL: fake.url,
    WEBEX_U2C_URL: fake.u2cUrl,
    WEBEX_ADMIN_TOKEN: fake.adminToken,
    WEBEX_ORG_ID: fake.state.orgId,
    ADMIN_EMAILS: ADMIN_EMAIL,
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const app = await startApplication(config, {
    logger: createLogger(process.env.E2E_LOG ?? 'silent'),
    syncEveryMs: 3_600_000,
    websocketCheckEveryMs: 250,
    instanceId: opts.instanceId,
    websocketTimings: opts.timings,
  });
  await app.sync.firstSync;
  return app;
}

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Authorized sockets open on the fake's Mercury now. */
export const liveSockets = (fake: FakeWebex) => fake.mercury.connections().filter((c) => c.authorized).length;

/** Status of GET /readyz. */
export async function readyz(app: Application): Promise<number> {
  return (await fetch(`${app.http.url}/readyz`)).status;
}

/**
 * Says `text` (as the admin in the 1:1 space unless told) and returns the bot's new messages once
 * at least `replies` have arrived and every handler is done. Over the websocket the SDK fetches the
 * message before our handler starts, so "idle" alone could come too early: wait for the replies.
 */
export async function sayOverSocket(
  world: WsWorld,
  apps: Application[],
  text: string,
  opts: { as?: FakePerson; room?: FakeRoom; replies?: number } = {},
): Promise<FakeMessage[]> {
  const room = opts.room ?? world.direct;
  const before = new Set(world.botMessages(room).map((m) => m.id));
  await world.fake.simulateMessage({ roomId: room.id, personEmail: (opts.as ?? world.admin).emails[0]!, text });
  const fresh = () => world.botMessages(room).filter((m) => !before.has(m.id));
  await waitFor(`${opts.replies ?? 1} reply(ies) to "${text}"`, () => fresh().length >= (opts.replies ?? 1));
  await Promise.all(apps.map((a) => a.bot.idle()));
  return fresh();
}

export async function clickOverSocket(world: WsWorld, apps: Application[], card: FakeMessage, data: Record<string, unknown>, opts: { as?: FakePerson } = {}): Promise<FakeMessage[]> {
  const room = [...world.fake.state.rooms.values()].find((r) => r.id === card.roomId)!;
  const before = new Set(world.botMessages(room).map((m) => m.id));
  await world.fake.simulateCardAction({ messageId: card.id, personEmail: (opts.as ?? world.admin).emails[0]!, inputs: data });
  const fresh = () => world.botMessages(room).filter((m) => !before.has(m.id));
  await waitFor(`a reply to the click on ${String(data.action)}`, () => fresh().length >= 1);
  await Promise.all(apps.map((a) => a.bot.idle()));
  return fresh();
}
