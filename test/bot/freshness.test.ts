// Answers are never silently stale: `users`, `user` and `export` catch the mirror up with Webex
// first (an incremental listing, paged, 429 waited out), say how fresh they are, and during an
// outage answer from the mirror within the bound and say so. Through the fake Webex over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText } from '../support/cards.js';

const listings = (h: Harness) => h.fake.requests.filter((r) => r.method === 'GET' && r.path === '/broadworks/subscribers').length;
const csvOf = async (h: Harness, url: string) => (await fetch(url, { headers: { authorization: `Bearer ${h.fake.botToken}` } })).text();

describe.each(['embedded', 'server'] as const)('live truth on the %s database', (database) => {
  let h: Harness;
  beforeAll(async () => {
    // Every command refreshes (no window), and waits up to 4 s for Webex.
    h = await startHarness({ database, env: { FRESHNESS_SECONDS: '0', FRESHNESS_WAIT_MS: '4000' } });
  }, 60_000);
  afterAll(() => h?.close());

  it('a change made in Webex after the last sync shows on the next users, user and export', async () => {
    const s = h.fake.seed.subscriber({ userId: 'late@sp.example', firstName: 'Lena', lastName: 'Late', email: 'lena@acme.example', status: 'error', errors: [{ errorCode: 10022, description: 'Already associated.' }] });
    const [list] = await h.say('users error');
    expect(cardText(list!)).toContain('lena@acme.example');
    expect(cardText(list!)).toMatch(/As of \d\d:\d\d:\d\d UTC\./);
    Object.assign(s, { status: 'pending_email_input', errors: [], lastStatusChange: new Date() });
    const [one] = await h.say('user late@sp.example');
    expect(cardText(one!)).toMatch(/Pending/i);
    const [file] = await h.say('export error');
    expect(await csvOf(h, file!.files![0]!)).not.toContain('late@sp.example');
  });

  it('an export of 233 subscribers that errored a moment ago contains every one (paging followed)', async () => {
    for (let i = 0; i < 233; i++) {
      h.fake.seed.subscriber({ userId: `burst${i}@sp.example`, email: `burst${i}@acme.example`, status: 'error', errors: [{ errorCode: 1002, description: 'Invalid parameter size.' }] });
    }
    const before = listings(h);
    const [file] = await h.say('export error');
    expect(file!.markdown).toMatch(/Export of \d+ users/);
    const csv = await csvOf(h, file!.files![0]!);
    for (let i = 0; i < 233; i++) expect(csv).toContain(`burst${i}@sp.example`);
    // More than one page was read from Webex for this one refresh.
    expect(listings(h) - before).toBeGreaterThan(1);
  });

  it('a 429 on the listing is waited out and the answer still comes, fresh', async () => {
    h.fake.faults.rateLimit(/^\/broadworks\/subscribers$/, 1, { method: 'GET', times: 1 });
    const [list] = await h.say('users');
    expect(cardText(list!)).toMatch(/As of \d\d:\d\d:\d\d UTC\./);
    expect(h.fake.requests.some((r) => r.path === '/broadworks/subscribers' && r.status === 429)).toBe(true);
  });

  it('during a Webex outage, users answers from the mirror and says so, naming Webex', async () => {
    h.fake.faults.serverError(/^\/broadworks\/subscribers$/, 500, { method: 'GET' });
    try {
      const [list] = await h.say('users error');
      const text = cardText(list!);
      expect(text).toMatch(/⚠ Webex did not answer/);
      expect(text).toMatch(/this list is from \d\d:\d\d UTC/);
      expect(text).toMatch(/23\d users match/); // the mirror, as last caught up (the burst included)
    } finally {
      h.fake.faults.clear();
    }
  });
});

describe('failing users pushed through the app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { FRESHNESS_SECONDS: '0' } });
  }, 60_000);
  afterAll(() => h?.close());

  it('errors on, then a user errors in Webex: the next refresh posts the card, and its button opens that user', async () => {
    const [status] = await h.say('errors on');
    expect(cardText(status!)).toContain('ON: this space is told about failing users');
    h.fake.seed.subscriber({ userId: 'fresh-fail@sp.example', firstName: 'Fay', lastName: 'Fail', email: 'fay@acme.example', status: 'error', errors: [{ errorCode: 10024, description: 'Email domain is claimed.' }] });
    await h.say('users'); // any refresh notices it
    let push: (typeof status) | undefined;
    for (let i = 0; i < 100 && !push; i++) {
      push = h.botMessages().find((m) => (m.markdown ?? '').startsWith('**Needs attention'));
      if (!push) await new Promise((r) => setTimeout(r, 50));
    }
    if (!push) throw new Error('no failure card was posted within 5 s of the refresh');
    expect(push.markdown).toContain('fay@acme.example');
    const record = await h.app.db.prisma.sentCard.findFirst({ where: { messageId: push.id } });
    const subscriberId = (record!.context as { subscriberIds: string[] }).subscriberIds[0]!;
    const [opened] = await h.click(push, { action: 'user.open', cardId: record!.id, subscriberId });
    expect(cardText(opened!)).toContain('fresh-fail@sp.example');
  });
});

describe('one refresh for concurrent commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { FRESHNESS_SECONDS: '60' } });
  }, 60_000);
  afterAll(() => h?.close());

  it('a refresh younger than FRESHNESS_SECONDS stands; concurrent refreshes on one instance share one listing', async () => {
    const before = listings(h);
    await h.say('users');
    const afterFirst = listings(h);
    await h.say('users error');
    await h.say('export');
    expect(listings(h)).toBe(afterFirst); // within the window: no listing
    expect(afterFirst - before).toBeLessThanOrEqual(1);
    // Five at once with the window passed (the watermark moved back): one listing among them.
    await h.app.db.prisma.jobLease.update({ where: { name: 'subscribers-sync' }, data: { lastRunAt: new Date(Date.now() - 120_000) } });
    const start = listings(h);
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.app.provisioning.freshSubscribers()));
    expect(answers.every((a) => a.kind === 'fresh')).toBe(true);
    expect(listings(h) - start).toBe(1);
  });

  it('a message starts a due refresh as it arrives (help lists once), and then the answers within the window list nothing', async () => {
    const age = async () => {
      await h.app.db.prisma.jobLease.update({ where: { name: 'subscribers-sync' }, data: { lastRunAt: new Date(Date.now() - 120_000) } });
      h.app.provisioning.forgetFreshness(); // moved back by hand: what the instance last read does not stand
    };
    await h.say('help');
    await h.app.provisioning.freshSubscribers(); // anything still in flight settles
    const fresh = listings(h);
    await h.say('help');
    expect(listings(h)).toBe(fresh); // fresh: a message starts nothing
    await age();
    await h.say('help'); // help does not read the mirror, but the admin spoke: users may follow
    for (let i = 0; i < 100 && listings(h) === fresh; i++) await new Promise((r) => setTimeout(r, 20));
    expect(listings(h)).toBe(fresh + 1);
    await new Promise((r) => setTimeout(r, 100)); // the bot's own reply reaches it too: it starts nothing
    expect(listings(h)).toBe(fresh + 1);
    const [list] = await h.say('users');
    expect(cardText(list!)).toMatch(/As of \d\d:\d\d:\d\d UTC\./);
    expect(listings(h)).toBe(fresh + 1); // the refresh the message started stands for the answer
  });
});
