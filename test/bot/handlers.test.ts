// Commands and card actions tested alone, through a fake BotContext over the real services, the
// embedded database and the seeded simulator (test/support/fake-bot-context.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerWorld, offerAs, type HandlerWorld } from '../support/fake-bot-context.js';

describe('handlers alone', () => {
  let w: HandlerWorld;
  beforeAll(async () => {
    w = await handlerWorld();
  });
  afterAll(() => w.dispose());

  it('users: one card that offers exactly its buttons and the ids it shows', async () => {
    const ctx = await w.say('users');
    expect(ctx.replies).toEqual([]);
    const [card] = ctx.cards;
    const offer = offerAs(card, 'users');
    expect(offer.actions).toEqual(expect.arrayContaining(['user.open', 'users.filter', 'users.export', 'users.page']));
    const shown = JSON.stringify(card!.card);
    for (const id of offer.context.subscriberIds) expect(shown).toContain(id);
    expect(offer.context.subscriberIds.length).toBeGreaterThan(0);
  });

  it('users.page goes to the next page by keyset, and back', async () => {
    const [first] = (await w.say('users all')).cards;
    const fields = { page: 1, statuses: '', includeProvisioned: 'true' };
    const [second] = (await w.press(first!, 'users.page', fields)).cards;
    expect(offerAs(second, 'users').context.page).toBe(1);
    const firstIds = offerAs(first, 'users').context.subscriberIds;
    for (const id of offerAs(second, 'users').context.subscriberIds) expect(firstIds).not.toContain(id);
    const [back] = (await w.press(second!, 'users.page', { ...fields, page: 0 })).cards;
    expect(offerAs(back, 'users').context).toEqual(offerAs(first, 'users').context);
  });

  it('user.open opens a user the card showed, with the list to go back to; any other id is refused', async () => {
    const [list] = (await w.say('users error')).cards;
    const id = offerAs(list, 'users').context.subscriberIds[0]!;
    const [detail] = (await w.press(list!, 'user.open', { subscriberId: id })).cards;
    expect(detail!.offer.kind).toBe('user');
    expect(detail!.offer.context).toEqual({ subscriberIds: [id], filter: expect.objectContaining({ statuses: ['error'] }), shown: [expect.objectContaining({ id, status: 'error' })] });
    expect(detail!.offer.actions).toEqual(expect.arrayContaining(['user.retry', 'user.remove', 'user.package', 'user.copyError']));

    const refused = await w.press(list!, 'user.open', { subscriberId: 'not-on-this-card' });
    expect(refused.cards[0]!.offer.kind).toBe('result');
    expect(refused.cards[0]!.fallbackText).toContain('That user was not on this card');
  });

  it('user.remove asks first; the confirmation offers only Confirm and Cancel for that user', async () => {
    const [list] = (await w.say('users error')).cards;
    const id = offerAs(list, 'users').context.subscriberIds[0]!;
    const [detail] = (await w.press(list!, 'user.open', { subscriberId: id })).cards;
    const [confirm] = (await w.press(detail!, 'user.remove', { subscriberId: id })).cards;
    expect(confirm!.offer).toEqual({ kind: 'user.remove', actions: ['user.remove.confirm', 'card.cancel'], context: { subscriberIds: [id], shown: [expect.objectContaining({ id })] } });
    expect(await w.services.provisioning.subscriber(id)).not.toBeNull();
  });

  it('a change on a card whose user has changed in Webex since is not made: the current state is shown', async () => {
    const [list] = (await w.say('users error')).cards;
    const id = offerAs(list, 'users').context.subscriberIds[1]!;
    const [detail] = (await w.press(list!, 'user.open', { subscriberId: id })).cards;
    const before = await w.backend.getSubscriber(id);
    // Outside the bot, after the card was sent: another package the customer's template allows.
    for (const other of ['basic', 'standard', 'softphone', 'premium'] as const) {
      if (other === before!.package) continue;
      if (await w.backend.changePackage(id, other).then(() => true, () => false)) break;
    }
    const changed = await w.backend.getSubscriber(id);

    const ctx = await w.press(detail!, 'user.remove.confirm', { subscriberId: id });
    expect(ctx.cards[0]!.fallbackText).toContain('That user has changed since this card was sent');
    expect(offerAs(ctx.cards[1], 'user').context.shown).toEqual([expect.objectContaining({ id, package: changed!.package, status: changed!.status })]);
    expect(await w.backend.getSubscriber(id)).not.toBeNull(); // not removed
    // The mirror now holds what Webex has.
    expect((await w.services.provisioning.subscriber(id))!.status).toBe(changed!.status);
  });

  it('a change on a card whose user is gone from Webex is not made, and the user leaves the mirror', async () => {
    const [list] = (await w.say('users error')).cards;
    const id = offerAs(list, 'users').context.subscriberIds[2]!;
    const [detail] = (await w.press(list!, 'user.open', { subscriberId: id })).cards;
    await w.backend.removeSubscriber(id); // outside the bot
    const ctx = await w.press(detail!, 'user.package', { subscriberId: id, package: 'basic' });
    expect(ctx.cards.map((c) => c.fallbackText).join('\n')).toContain('That user is no longer in Webex');
    expect(await w.services.provisioning.subscriber(id)).toBeNull();
  });

  it('emails: the status card offers what its state allows', async () => {
    const [on] = (await w.say('emails')).cards;
    expect(on!.offer.actions).toContain('emails.off');
    expect(on!.offer.actions).not.toContain('emails.on');
    const [confirm] = (await w.say('emails off')).cards;
    const [checklist] = (await w.press(confirm!, 'emails.off.confirm')).cards;
    expect(checklist!.offer).toEqual({ kind: 'emails.checklist', actions: ['emails.on'], context: {} });
    const [off] = (await w.say('emails')).cards;
    expect(off!.offer.actions).toEqual(expect.arrayContaining(['emails.on', 'emails.checklist']));
    expect(off!.offer.actions).not.toContain('emails.off');
    await w.say('emails on');
  });

  it('emails.job.refresh acts only on the job its card showed', async () => {
    const [status] = (await w.say('emails')).cards;
    const [preview] = (await w.press(status!, 'emails.sendAll')).cards;
    const ctx = await w.press(preview!, 'emails.sendAll.confirm');
    expect(ctx.replies[0]).toContain('started sending');
    const job = ctx.cards.at(-1)!;
    const jobId = offerAs(job, 'emails.job').context.jobIds[0]!;
    const [again] = (await w.press(job, 'emails.job.refresh', { jobId })).cards;
    expect(again!.offer.kind).toBe('emails.job');
    const [other] = (await w.press(job, 'emails.job.refresh', { jobId: 'another-job' })).cards;
    expect(other!.fallbackText).toContain('Not a job from this card');
  });

  it('remind with something that is not an email is answered in our words', async () => {
    const ctx = await w.say('remind not-an-email');
    expect(ctx.replies).toEqual(['"not-an-email" is not an email address. Use `remind <email>` or `remind all`.']);
    expect(ctx.cards).toEqual([]);
  });

  it('errors on|off|status: a status card with the one button that fits; other words get the short help', async () => {
    const [on] = (await w.say('errors on')).cards;
    expect(offerAs(on, 'errors.status').actions).toEqual(['errors.off']);
    expect(on!.fallbackText).toContain('ON: this space is told about failing users');
    const [off] = (await w.press(on!, 'errors.off')).cards;
    expect(offerAs(off, 'errors.status').actions).toEqual(['errors.on']);
    const bogus = await w.say('errors bogus');
    expect(bogus.replies[0]).toContain('I don\'t understand "bogus"');
    expect(bogus.cards).toEqual([]);
    const trailing = await w.say('errors on now');
    expect(trailing.replies).toEqual(['Use `errors on`, `errors off` or `errors status` on their own.']);
    expect(trailing.cards).toEqual([]);
  });

  it('audit shows the changes made above, with no buttons', async () => {
    const [card] = (await w.say('audit')).cards;
    expect(card!.offer).toEqual({ kind: 'audit', actions: [], context: {} });
    expect(card!.fallbackText).toContain('emails');
  });
});
