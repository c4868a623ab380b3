// `errors on`: users newly in error (or pending too long) are pushed to the subscribed spaces,
// once per subscriber and status change across instances, merged into at most one card per space
// every 5 minutes. Real store (both databases; three instances on one PostgreSQL), the fake Webex.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFailurePush, PUSH_EVERY_MS, type FailurePush } from '../../src/alerts/failure-push.js';
import { startFakeWebex, type FakeWebex } from '../../src/fake-webex/index.js';
import type { FakeRoom } from '../../src/fake-webex/types.js';
import type { SubscriberInput } from '../../src/store/subscribers.js';
import { WebexBotApi } from '../../src/webex/bot-api.js';
import { WebexClient } from '../../src/webex/http-client.js';
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createServerDatabase } from '../support/postgres.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createStore, type Store } from '../../src/store/index.js';
import { silent, testClock } from './helpers.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const ADMIN = 'admin@acme.example';

function row(i: number, over: Partial<SubscriberInput> = {}): SubscriberInput {
  return {
    id: `sub-${i}`, personId: null, userId: `user${i}@sp.example`, spEnterpriseId: 'SP1+acme', firstName: `First${i}`, lastName: `Last${i}`,
    email: `user${i}@acme.example`, primaryPhoneNumber: null, mobilePhoneNumber: null, extension: null, package: 'standard',
    status: 'provisioned', errorCode: null, errorText: null, created: T0, lastStatusChange: T0, provisioningId: 'prov-1', selfActivated: false,
    ...over,
  };
}
const errored = (i: number, at: Date) => row(i, { status: 'error', errorCode: 10022, errorText: `User ${i} is already associated.`, lastStatusChange: at });

describe.each(DB_KINDS)('failing users pushed on the %s database', (kind) => {
  let t: TestDatabase;
  let fake: FakeWebex;
  let room: FakeRoom;
  let quiet: FakeRoom;
  const clock = testClock(T0);
  let push: FailurePush;
  const cards = (r: FakeRoom) => [...fake.state.messages.values()].filter((m) => m.roomId === r.id && m.personId === fake.state.botId);

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    fake = await startFakeWebex();
    const admin = fake.seed.person({ email: ADMIN });
    room = fake.seed.groupRoom({ title: 'Admins', members: [admin] });
    quiet = fake.seed.groupRoom({ title: 'Not subscribed', members: [admin] });
    const poster = new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken, logger: silent }));
    push = createFailurePush({ store: t.store, now: clock.now, stuckAfterHours: 24, instanceId: 'i1', poster: () => poster });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await t?.dispose();
  });

  it('a newly errored user: one card in the subscribed space, none elsewhere; merged within 5 minutes', async () => {
    await t.store.subscribers.upsertMany([row(1), row(2), row(3)]);
    await push.subscribe(room.id, ADMIN);
    clock.advance(60_000);
    await t.store.subscribers.upsertMany([errored(1, clock.now()), errored(2, clock.now())]);
    await push.afterRefresh();
    await push.afterRefresh(); // a second refresh of the same state claims nothing new
    expect(cards(room)).toHaveLength(1);
    expect(cards(room)[0]!.markdown).toContain('Needs attention: 2 users');
    expect(cards(room)[0]!.markdown).toContain('user1@acme.example');
    expect(cards(quiet)).toHaveLength(0);

    // Another failure a minute later waits: at most one card per space every 5 minutes.
    clock.advance(60_000);
    await t.store.subscribers.upsertMany([errored(3, clock.now())]);
    await push.afterRefresh();
    expect(cards(room)).toHaveLength(1);
    clock.advance(PUSH_EVERY_MS);
    await push.flush();
    expect(cards(room)).toHaveLength(2);
    expect(cards(room)[1]!.markdown).toContain('Needs attention: 1 user');
    expect(cards(room)[1]!.markdown).toContain('user3@acme.example');
    expect(cards(room)[1]!.markdown).not.toContain('user1@acme.example');
    // The card offers exactly its users.
    const record = await t.db.prisma.sentCard.findFirst({ where: { messageId: cards(room)[1]!.id } });
    expect(record).toMatchObject({ kind: 'errors.push', context: { subscriberIds: ['sub-3'] } });
  });

  it('a user pending longer than STUCK_AFTER_HOURS is pushed once; after errors off, nothing', async () => {
    clock.advance(PUSH_EVERY_MS);
    await t.store.subscribers.upsertMany([row(4, { status: 'pending_email_input', lastStatusChange: new Date(clock.now().getTime() - 25 * 3_600_000) })]);
    await push.afterRefresh();
    const before = cards(room).length;
    expect(cards(room).at(-1)!.markdown).toMatch(/pending for more than 24 hours/);
    clock.advance(PUSH_EVERY_MS);
    await push.afterRefresh();
    expect(cards(room)).toHaveLength(before);

    expect(await push.unsubscribe(room.id, ADMIN)).toBe(true);
    clock.advance(PUSH_EVERY_MS);
    await t.store.subscribers.upsertMany([errored(5, clock.now())]);
    await push.afterRefresh();
    expect(cards(room)).toHaveLength(before);
    expect((await t.store.audit.latest(5)).map((a) => a.action)).toEqual(expect.arrayContaining(['errors.on', 'errors.off']));
  });

  it('searches only recent changes after an incremental refresh; a full refresh finds an old change that arrived late', async () => {
    await push.subscribe(room.id, ADMIN);
    clock.advance(PUSH_EVERY_MS);
    const before = await t.db.prisma.failurePush.count();
    // An error from two days ago that no incremental listing could have brought (older than the
    // mirror's newest change): only a full listing brings such a row, and then everything is searched.
    await t.store.subscribers.upsertMany([errored(6, new Date(clock.now().getTime() - 48 * 3_600_000))]);
    expect((await push.afterRefresh()).claimed).toBe(0);
    expect((await push.afterRefresh({ full: true })).claimed).toBe(1);
    expect(await t.db.prisma.failurePush.count()).toBe(before + 1);
    // A change newer than the last search is found by the next incremental one.
    clock.advance(60_000);
    await t.store.subscribers.upsertMany([errored(7, clock.now())]);
    expect((await push.afterRefresh()).claimed).toBe(1);
    await push.unsubscribe(room.id, ADMIN);
  });
});

describe('three instances on one PostgreSQL, duplicate refreshes', () => {
  let fake: FakeWebex;
  let room: FakeRoom;
  const dbs: Database[] = [];
  const stores: Store[] = [];
  let drop: () => Promise<void>;
  const clock = testClock(T0);

  beforeAll(async () => {
    const pg = await createServerDatabase('push');
    drop = pg.drop;
    for (let i = 0; i < 3; i++) {
      const db = await openDatabase({ kind: 'server', url: pg.url });
      dbs.push(db);
      stores.push(createStore(db.prisma, db.pool));
    }
    fake = await startFakeWebex();
    room = fake.seed.groupRoom({ title: 'Admins', members: [fake.seed.person({ email: ADMIN })] });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    for (const db of dbs) await db.close();
    await drop?.();
  });
  beforeEach(() => clock.set(T0));

  it('posts each newly errored user once, to each subscribed space, however the instances race', async () => {
    const poster = new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken, logger: silent }));
    const instances = stores.map((store, i) => createFailurePush({ store, now: clock.now, stuckAfterHours: 24, instanceId: `i${i}`, poster: () => poster }));
    await instances[0]!.subscribe(room.id, ADMIN);
    clock.advance(60_000);
    await stores[0]!.subscribers.upsertMany([errored(1, clock.now())]);
    await Promise.all(instances.flatMap((p) => [p.afterRefresh(), p.afterRefresh()]));
    const posted = [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId);
    expect(posted).toHaveLength(1);
    expect(await dbs[0]!.prisma.failurePush.count()).toBe(1);
  });
});

describe('failing users pushed in partner mode', () => {
  let t: TestDatabase;
  let fake: FakeWebex;
  const clock = testClock(T0);

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    fake = await startFakeWebex();
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await t?.dispose();
  });

  it("a space bound to one customer org hears of that org's users only, on a card of that org; an unbound one of all", async () => {
    const admin = fake.seed.person({ email: ADMIN });
    const acmeRoom = fake.seed.groupRoom({ title: 'Acme admins', members: [admin] });
    const allRoom = fake.seed.groupRoom({ title: 'Partner admins', members: [admin] });
    const at = new Date(T0.getTime());
    await t.store.orgs.upsertOrgs([{ id: 'org-acme', name: 'Acme Dental', source: 'organizations' }, { id: 'org-globex', name: 'Globex Retail', source: 'organizations' }], at);
    await t.store.orgs.upsertEnterprises([{ id: 'SP1+acme', orgId: 'org-acme' }, { id: 'SP1+globex', orgId: 'org-globex' }], at);
    await t.store.orgs.bind(acmeRoom.id, 'org-acme', ADMIN);
    const poster = new WebexBotApi(new WebexClient({ baseUrl: fake.url, token: fake.botToken, logger: silent }));
    const push = createFailurePush({ store: t.store, now: clock.now, stuckAfterHours: 24, instanceId: 'p1', poster: () => poster, partner: true });
    await push.subscribe(acmeRoom.id, ADMIN);
    await push.subscribe(allRoom.id, ADMIN);
    clock.advance(60_000);
    await t.store.subscribers.upsertMany([errored(41, clock.now()), { ...errored(42, clock.now()), spEnterpriseId: 'SP1+globex' }]);
    await push.afterRefresh();
    const posted = (room: FakeRoom) => [...fake.state.messages.values()].filter((m) => m.roomId === room.id && m.personId === fake.state.botId);
    const [acmeCard] = posted(acmeRoom);
    expect(acmeCard?.markdown).toContain('Customer org: **Acme Dental**');
    expect(acmeCard?.markdown).toContain('user41@sp.example');
    expect(acmeCard?.markdown).not.toContain('user42@sp.example');
    const [allCard] = posted(allRoom);
    expect(allCard?.markdown).toContain('All customer orgs');
    expect(allCard?.markdown).toContain('user41@sp.example');
    expect(allCard?.markdown).toContain('user42@sp.example');
    // The Acme card acts on Acme only: its record says so.
    const record = await t.db.prisma.sentCard.findFirst({ where: { roomId: acmeRoom.id } });
    expect(record?.orgId).toBe('org-acme');
  });
});
