// End-to-end harness: the real application (Express, the real framework in webhook mode, real
// Prisma) against the fake Webex over loopback HTTP, with the `webex` provisioning backend
// pointed at the same fake. Helpers say things and click buttons as a person would.
import { startApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startFakeWebex, type FakeWebex, type FakeWebexOptions } from '../../src/fake-webex/index.js';
import type { FakeMessage, FakePerson, FakeRoom } from '../../src/fake-webex/types.js';
import { createLogger } from '../../src/logger.js';
import { freePort } from './free-port.js';
import { createServerDatabase, type ThrowAwayDatabase } from './postgres.js';

export { freePort };

export const ADMIN_EMAIL = 'admin@acme.example';
export const MEMBER_EMAIL = 'member@acme.example';
export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

export interface Harness {
  fake: FakeWebex;
  app: Application;
  admin: FakePerson;
  member: FakePerson;
  direct: FakeRoom;
  group: FakeRoom;
  /** Sends `text` as `as` (default the admin, in the 1:1 space) and returns the bot's replies. */
  say(text: string, opts?: { as?: FakePerson; room?: FakeRoom }): Promise<FakeMessage[]>;
  /** Clicks a button of `card` (its Submit data merged with `inputs`, as Webex clients do). */
  click(card: FakeMessage, data: Record<string, unknown>, opts?: { as?: FakePerson; inputs?: Record<string, unknown> }): Promise<FakeMessage[]>;
  /** The bot's messages in a room, oldest first. */
  botMessages(room?: FakeRoom): FakeMessage[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  database?: 'embedded' | 'server';
  env?: Record<string, string>;
  /** Seeds the fake before the app starts (so the first sync mirrors it). Default: seedBroadWorks. */
  seed?: (fake: FakeWebex) => void;
  /** Options of the fake Webex (e.g. how fast provisioning settles). */
  fake?: FakeWebexOptions;
}

const HOUR = 3_600_000;

/** Two enterprises of BroadWorks users in every interesting state. */
export function seedBroadWorks(fake: FakeWebex): void {
  const t0 = Date.now() - 48 * HOUR;
  const at = (h: number) => new Date(t0 + h * HOUR);
  fake.seed.subscriber({ userId: 'err1@sp.example', firstName: 'Erin', lastName: 'Error', email: 'erin@acme.example', status: 'error', errors: [{ errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user.' }], lastStatusChange: at(10) });
  fake.seed.subscriber({ userId: 'err2@sp.example', firstName: 'Eve', lastName: 'Stuck', email: 'eve@globex.example', spEnterpriseId: 'SP1+globex', status: 'error', errors: [{ errorCode: 10024, description: 'Email domain is claimed by another organization.' }], lastStatusChange: at(9) });
  fake.seed.subscriber({ userId: 'pend1@sp.example', firstName: 'Pat', lastName: 'Pending', status: 'pending_email_input', lastStatusChange: at(8) });
  fake.seed.subscriber({ userId: 'pend2@sp.example', firstName: 'Val', lastName: 'Validate', email: 'val@acme.example', status: 'pending_email_validation', lastStatusChange: at(7) });
  for (let i = 0; i < 12; i++) {
    fake.seed.subscriber({ userId: `bulk${i}@sp.example`, firstName: 'Bulk', lastName: `User${i}`, status: 'pending_email_input', lastStatusChange: at(i * 0.1) });
  }
  fake.seed.subscriber({ userId: 'ok1@sp.example', firstName: 'Olga', lastName: 'Okay', email: 'olga@acme.example', status: 'provisioned', lastStatusChange: at(1) });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeWebex(options.fake);
  const admin = fake.seed.person({ email: ADMIN_EMAIL, firstName: 'Ada', lastName: 'Admin' });
  const member = fake.seed.person({ email: MEMBER_EMAIL, firstName: 'Max', lastName: 'Member' });
  const direct = fake.seed.directRoom(admin);
  const group = fake.seed.groupRoom({ title: 'Admins', members: [admin, member] });
  (options.seed ?? seedBroadWorks)(fake);
  const port = await freePort();
  let pg: ThrowAwayDatabase | undefined;
  if (options.database === 'server') pg = await createServerDatabase('e2e');
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: 'memory://' }),
    WEBEX_BOT_TOKEN: fake.botToken,
    WEBEX_API_URL: fake.url,
    WEBEX_WEBHOOK_URL: `http://127.0.0.1:${port}/webhook`,
    WEBEX_WEBHOOK_SECRET: WEBHOOK_SECRET,
    WEBEX_ADMIN_TOKEN: fake.adminToken,
    WEBEX_ORG_ID: fake.state.orgId,
    ADMIN_EMAILS: ADMIN_EMAIL,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await startApplication(config, { logger: createLogger(process.env.E2E_LOG ?? 'silent'), syncEveryMs: 3_600_000 });
  await app.sync.firstSync;

  const botMessages = (room: FakeRoom = direct) =>
    [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId);
  async function after(room: FakeRoom, act: () => Promise<unknown>): Promise<FakeMessage[]> {
    const before = new Set(botMessages(room).map((m) => m.id));
    await act();
    await app.bot.idle();
    return botMessages(room).filter((m) => !before.has(m.id));
  }

  return {
    fake,
    app,
    admin,
    member,
    direct,
    group,
    botMessages,
    say(text, opts = {}) {
      const room = opts.room ?? direct;
      return after(room, () => fake.simulateMessage({ roomId: room.id, personEmail: (opts.as ?? admin).emails[0]!, text }));
    },
    click(card, data, opts = {}) {
      const room = [...fake.state.rooms.values()].find((r) => r.id === card.roomId)!;
      return after(room, () =>
        fake.simulateCardAction({ messageId: card.id, personEmail: (opts.as ?? admin).emails[0]!, inputs: { ...data, ...opts.inputs } }),
      );
    },
    async close() {
      await app.stop();
      await fake.close();
      await pg?.drop();
    },
  };
}
