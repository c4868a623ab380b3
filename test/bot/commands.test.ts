// Every command, end to end: a signed webhook for a message → the bot fetches it → the reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText, submit, submits } from '../support/cards.js';
import { expectEveryCardValid } from '../support/card-checks.js';

describe('commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('help lists every command', async () => {
    const [reply] = await h.say('help');
    const text = cardText(reply!);
    for (const c of ['emails', 'users', 'user', 'export', 'templates', 'audit', 'help']) expect(text).toContain(c);
    expect(reply!.markdown).toContain('users');
  });

  it('unknown input gets a short help reply, never silence', async () => {
    const [reply] = await h.say('make me a sandwich');
    expect(reply!.markdown).toMatch(/I don't know that one.*`help`/);
  });

  it('is case-insensitive and ignores extra spaces', async () => {
    const [reply] = await h.say('   USERS   ');
    expect(cardText(reply!)).toContain('BroadWorks users');
  });

  it('emails shows the setting with on/off buttons', async () => {
    const [reply] = await h.say('emails');
    expect(cardText(reply!)).toMatch(/ON/);
    expect(submits(reply!).map((d) => d.action)).toEqual(expect.arrayContaining(['emails.off', 'emails.sendAll']));
  });

  it('emails off asks for confirmation first and changes nothing yet', async () => {
    const [reply] = await h.say('emails off');
    expect(submits(reply!).map((d) => d.action).sort()).toEqual(['card.cancel', 'emails.off.confirm']);
    expect(h.fake.state.orgSettings.get(h.fake.state.orgId)?.get('allow-admin-invite-emails')).toBe(true);
  });

  it('emails on turns them on in Webex and audits it', async () => {
    const [reply] = await h.say('emails on');
    expect(cardText(reply!)).toContain('ON');
    const audit = await h.app.store.audit.latest(1);
    expect(audit[0]).toMatchObject({ action: 'emails.on', result: 'ok', actor: 'admin@acme.example' });
  });

  it('users lists pending and errored users with counts, provisioned excluded', async () => {
    const [reply] = await h.say('users');
    const text = cardText(reply!);
    expect(text).toContain('16 users match');
    expect(text).toContain('err1@sp.example');
    expect(text).not.toContain('ok1@sp.example');
    expect(submits(reply!).map((d) => d.action)).toEqual(expect.arrayContaining(['user.open', 'users.page', 'users.export']));
  });

  it('users all includes provisioned; filters are parsed', async () => {
    expect(cardText((await h.say('users all'))[0]!)).toContain('17 users match');
    const errors = cardText((await h.say('users error'))[0]!);
    expect(errors).toContain('2 users match');
    const globex = cardText((await h.say('users error enterprise SP1+globex'))[0]!);
    expect(globex).toContain('1 user matches');
    expect(globex).toContain('err2@sp.example');
    const found = cardText((await h.say('users find validate'))[0]!);
    expect(found).toContain('pend2@sp.example');
  });

  it('a filter word it does not know is answered, not guessed', async () => {
    const [reply] = await h.say('users eror');
    expect(reply!.markdown).toContain('I don\'t understand "eror"');
  });

  it('user <id|email> opens one user with its actions', async () => {
    const byId = (await h.say('user err1@sp.example'))[0]!;
    expect(cardText(byId)).toContain('10022');
    expect(submits(byId).map((d) => d.action)).toEqual(expect.arrayContaining(['user.retry', 'user.remove', 'user.package', 'user.copyError']));
    const byEmail = (await h.say('user VAL@acme.example'))[0]!;
    expect(cardText(byEmail)).toContain('pend2@sp.example');
    const none = (await h.say('user nobody@nowhere.example'))[0]!;
    expect(none.markdown).toContain('No BroadWorks user');
  });

  it('export posts a CSV with a header row and the current list', async () => {
    const [reply] = await h.say('export error');
    expect(reply!.markdown).toContain('Export of 2 users');
    expect(reply!.files).toHaveLength(1);
    const csv = await (await fetch(reply!.files![0]!, { headers: { authorization: `Bearer ${h.fake.botToken}` } })).text();
    const lines = csv.trim().split('\n');
    // First how current the data is (the refresh before the export just caught up), then the header.
    expect(lines[0]).toMatch(/^"Data from Webex as of \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$/);
    expect(reply!.markdown).toMatch(/As of \d\d:\d\d:\d\d UTC\./);
    expect(lines[1]).toBe('BroadWorks user ID,First name,Last name,Email,Enterprise,Package,Status,Error code,Error,Explanation,Last status change,Webex subscriber ID');
    // Each error explained in our words, as on the cards.
    expect(csv).toContain('This BroadWorks user ID already belongs to another Webex user.');
    expect(lines).toHaveLength(4);
    expect(csv).toContain('err1@sp.example');
  });

  it('a command that changes something, arriving late (written while the bot was away), is confirmed first, then done from its card', async () => {
    await h.say('emails'); // settle any earlier state
    const setting = () => h.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/settings/')).length;
    const hold = h.fake.faults.hold(/^\/messages\/[^/]+$/, { method: 'GET', times: 1 });
    const answered = h.say('emails on');
    await hold.arrived;
    // Webex took the message 20 minutes ago; the bot reads it only now.
    const written = [...h.fake.state.messages.values()].filter((m) => m.text === 'emails on').at(-1)!;
    written.created = new Date(Date.now() - 20 * 60_000);
    const before = setting();
    hold.release();
    const [card] = await answered;
    expect(cardText(card!)).toContain('Do this now?');
    expect(cardText(card!)).toMatch(/You asked “emails on” at .* \(20 minutes ago\)/);
    expect(cardText(card!)).toMatch(/Now: automatic activation emails are (ON|OFF)\./);
    expect(setting()).toBe(before); // nothing was done on its own
    const [done] = await h.click(card!, submit(card!, 'command.late'));
    expect(cardText(done!)).toContain('Automatic activation emails are ON');
    expect(setting()).toBe(before + 1);
    // A forged text is refused: the card runs only what it offered.
    const [forged] = await h.click(card!, { ...submit(card!, 'command.late'), text: 'emails off' });
    expect(forged!.markdown).toMatch(/not the command this card offered|already done from this card/);
  });

  it('templates explains where to check them when Webex has no API for them', async () => {
    const [reply] = await h.say('templates');
    expect(cardText(reply!)).toMatch(/Partner Hub.*User Authentication/s);
  });

  it('audit shows the latest changes', async () => {
    const [reply] = await h.say('audit');
    expect(cardText(reply!)).toContain('emails.on');
  });

  it('works after an @mention in a group space', async () => {
    const [reply] = await h.say('users error', { room: h.group });
    expect(cardText(reply!)).toContain('2 users match');
  });

  it('refuses a non-admin politely and changes nothing', async () => {
    const before = await h.app.store.audit.count({ result: 'refused' });
    const [reply] = await h.say('emails on', { as: h.member, room: h.group });
    expect(reply!.markdown).toContain('only the admins');
    expect(await h.app.store.audit.count({ result: 'refused' })).toBe(before + 1);
  });

  it('escapes what the user typed when echoing it', async () => {
    const [reply] = await h.say('user <@personEmail:boss@acme.example> **bold**');
    expect(reply!.markdown).toContain('\\<@personEmail');
    expect(reply!.markdown).not.toMatch(/(?<!\\)<@|(?<!\\)\*\*bold/);
  });

  it('every card sent in this suite validates against Adaptive Cards 1.3 and Webex limits', () => {
    expectEveryCardValid(h);
  });
});

// `users find`, `export find` and `user` read one filter definition: % and _ are plain characters.
describe('search characters in commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      seed: (fake) => {
        fake.seed.subscriber({ userId: 'john_doe@sp.example', firstName: '100%', lastName: 'Doe', email: 'john_doe@acme.example', status: 'pending_email_validation', lastStatusChange: new Date(Date.now() - 3_600_000) });
        // Changed last, so a wildcard lookup would open this one first.
        fake.seed.subscriber({ userId: 'johnxdoe@sp.example', firstName: 'John', lastName: 'Xdoe', email: 'johnxdoe@acme.example', status: 'pending_email_validation', lastStatusChange: new Date() });
      },
    });
  }, 60_000);
  afterAll(() => h?.close());

  it('users find % lists, and export find % exports, only the row with a literal %', async () => {
    const listed = cardText((await h.say('users find %'))[0]!);
    expect(listed).toContain('1 user matches');
    expect(listed).toContain('john_doe@sp.example');
    expect(listed).not.toContain('johnxdoe@sp.example');
    const [exported] = await h.say('export find %');
    expect(exported!.markdown).toContain('Export of 1 user');
    const csv = await (await fetch(exported!.files![0]!, { headers: { authorization: `Bearer ${h.fake.botToken}` } })).text();
    expect(csv).toContain('john_doe@sp.example');
    expect(csv).not.toContain('johnxdoe@sp.example');
  });

  it('user JOHN_DOE@ACME.EXAMPLE opens that user, not the one an _ wildcard would match', async () => {
    const text = cardText((await h.say('user JOHN_DOE@ACME.EXAMPLE'))[0]!);
    expect(text).toContain('100% Doe');
    expect(text).not.toContain('Xdoe');
  });
});
