// End to end: the real app (Express, the real framework, Prisma on the embedded database, the
// simulator backend) against the fake Webex. Alerts go to subscribed spaces only; "remind all"
// from the posted card (→ confirm) sends the activation emails and the reply shows the outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import type { FakeMessage, FakeRoom } from '../../src/fake-webex/types.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardOf, cardText, submit } from '../support/cards.js';

describe('follow-up alerts through the fake Webex', () => {
  let h: Harness;
  /** The scheduled alert in the admin's 1:1 space, and in the group space. */
  let alert: FakeMessage;
  let groupAlert: FakeMessage;
  beforeAll(async () => {
    h = await startHarness({ env: { PROVISIONING_BACKEND: 'simulator', ALERT_CRON: '0 9 * * 1-5', ALERT_TIMEZONE: 'Europe/Prague' } });
    await h.app.alertsCatchUp;
  }, 60_000);
  afterAll(() => h?.close());

  // Each call fires a later occurrence (a week apart) than the one before.
  let week = 0;
  const fire = async () => h.app.alerts.tick(h.app.alerts.nextRun(new Date(Date.now() + ++week * 7 * 86_400_000))!);

  it('help lists the alerts commands', async () => {
    const text = cardText((await h.say('help'))[0]!);
    for (const usage of ['**inactive**', '**remind \\<email \\| all\\>**', '**alerts \\[on\\|off\\|status\\]**']) expect(text).toContain(usage);
  });

  it('alerts on in a space records who did it and shows the next run', async () => {
    const [off] = await h.say('alerts status', { room: h.group });
    expect(cardText(off!)).toContain('OFF');
    const [on] = await h.say('alerts on', { room: h.group });
    const text = cardText(on!);
    expect(text).toContain('ON: this space gets the alerts');
    expect(text).toContain('admin@acme.example');
    expect(text).toMatch(/Next run[\s\S]*\d{4}-\d\d-\d\d \d\d:00 UTC/);
    expect(text).toContain('0 9 \\* \\* 1-5 (Europe/Prague)');
    expect(await h.app.store.audit.count({ action: 'alerts.on' })).toBe(1);
  });

  it('a run posts one alert card to each subscribed space, and nothing elsewhere', async () => {
    await h.say('alerts on'); // the admin's 1:1 space too
    const elsewhere = h.fake.seed.groupRoom({ title: 'Not subscribed', members: [h.admin] });
    const count = (room: FakeRoom) => h.botMessages(room).length;
    const before = [count(h.direct), count(h.group)];
    expect((await fire()).kind).toBe('ran');
    expect(count(elsewhere)).toBe(0);
    const posted = [h.botMessages(h.direct).slice(before[0]), h.botMessages(h.group).slice(before[1])];
    expect(posted.map((p) => p.length)).toEqual([1, 1]);
    [alert, groupAlert] = [posted[0]![0]!, posted[1]![0]!];
    for (const m of [alert, groupAlert]) {
      expect(validateCard(cardOf(m))).toEqual([]);
      expect(cardText(m)).toMatch(/Inactive users: \d+/);
      expect(m.markdown).toMatch(/By time pending: /);
    }
  });

  it('"remind all" → confirm sends the reminders and reports each outcome', async () => {
    const [confirm] = await h.click(alert, submit(alert, 'alerts.remindAll'));
    expect(cardText(confirm!)).toContain('Remind all inactive users?');
    const replies = await h.click(confirm!, submit(confirm!, 'alerts.remindAll.confirm'));
    expect(replies[0]!.markdown).toContain('Sending reminders');
    const result = cardText(replies.at(-1)!);
    expect(result).toMatch(/Reminders: \d+ sent, \d+ already reminded in the last 24 hours, \d+ failed/);
    expect(result).toMatch(/Sent[\s\S]*Already reminded \(24 h\)[\s\S]*Failed/);
    const reminders = await h.app.db.prisma.reminder.findMany({ where: { roomId: h.direct.id } });
    expect(reminders.filter((r) => r.outcome === 'sent').length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.requestedBy === 'admin@acme.example')).toBe(true);
    // The same confirmation clicked again does nothing more.
    const again = await h.click(confirm!, submit(confirm!, 'alerts.remindAll.confirm'));
    expect(again[0]!.markdown).toContain('already done from this card');
  });

  it('remind <email> says "already reminded in the last 24 hours" instead of failing silently', async () => {
    const sent = await h.app.db.prisma.reminder.findMany({ where: { roomId: h.direct.id, outcome: 'sent' } });
    const people = await h.app.db.prisma.person.findMany({ where: { id: { in: sent.map((r) => r.personId) } } });
    const regular = people.find((p) => !p.convertedToPaidAt)!;
    const [reply] = await h.say(`remind ${regular.email}`);
    expect(cardText(reply!)).toContain('was already reminded in the last 24 hours');
    // A user converted from a free to a paid plan is notified again all the same.
    const converted = people.find((p) => p.convertedToPaidAt)!;
    expect(cardText((await h.say(`remind ${converted.email}`))[0]!)).toContain(`Reminder sent to ${converted.email}`);
    expect((await h.say('remind not-an-email'))[0]!.markdown).toContain('is not an email address');
  });

  it("snooze and mark handled act on the card's people only, and the next alert leaves them out", async () => {
    const ids = (await h.app.store.sentCards.get(submit(groupAlert, 'alerts.remind').cardId as string))!.context as { personIds: string[] };
    const [a, b] = ids.personIds;
    const [forged] = await h.click(groupAlert, submit(groupAlert, 'alerts.remind'), { inputs: { personIds: 'someone-else' } });
    expect(cardText(forged!)).toContain('not on this card');
    const [snoozed] = await h.click(groupAlert, submit(groupAlert, 'alerts.snooze'), { inputs: { personIds: a!, snoozeDays: '3' } });
    expect(cardText(snoozed!)).toContain('Snoozed 1 user for 3 days');
    const [handled] = await h.click(groupAlert, submit(groupAlert, 'alerts.handled'), { inputs: { personIds: b! } });
    expect(cardText(handled!)).toContain('Marked 1 user as handled');
    expect(await h.app.store.audit.count({ action: 'alerts.snooze' })).toBe(1);
    expect(await h.app.store.audit.count({ action: 'alerts.handled' })).toBe(1);
    const [fresh] = await h.say('inactive');
    const before = Number(/Inactive users: (\d+)/.exec(cardText(groupAlert))![1]);
    expect(cardText(fresh!)).toContain(`Inactive users: ${before - 2}`);
  });

  it('alerts off: the next run posts nothing there', async () => {
    const [off] = await h.say('alerts off', { room: h.group });
    expect(cardText(off!)).toContain('Turned off by');
    const [group, direct] = [h.botMessages(h.group).length, h.botMessages(h.direct).length];
    expect((await fire()).kind).toBe('ran');
    expect(h.botMessages(h.group)).toHaveLength(group);
    expect(h.botMessages(h.direct)).toHaveLength(direct + 1);
  });

  it('with automatic activation emails off, the alert says Webex will send nothing itself', async () => {
    const [confirm] = await h.say('emails off');
    await h.click(confirm!, submit(confirm!, 'emails.off.confirm'));
    const [card] = await h.say('inactive');
    expect(cardText(card!)).toContain('Automatic activation emails are OFF');
    expect(validateCard(cardOf(card!))).toEqual([]);
  });
});
