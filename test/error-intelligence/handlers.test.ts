// `errors`, `explain` and `bulk` through a fake BotContext over the real services, the embedded
// database and the seeded simulator: the cards, what they offer, refusals of bad input, and the
// consent email to users waiting to move their account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import { handlerWorld, offerAs, type HandlerWorld } from '../support/fake-bot-context.js';

describe('error intelligence handlers', () => {
  let w: HandlerWorld;
  beforeAll(async () => {
    w = await handlerWorld();
  }, 60_000);
  afterAll(() => w?.dispose());

  it('errors: every failing user counted once, in causes biggest first, each cause offered to open', async () => {
    const ctx = await w.say('errors');
    const [card] = ctx.cards;
    expect(validateCard(card!.card)).toEqual([]);
    const offer = offerAs(card, 'errors.groups');
    expect(offer.actions).toEqual(['errors.group.open']);
    const groups = await w.services.errorIntelligence.groups();
    expect(offer.context.causeKeys).toEqual(groups.slice(0, 8).map((g) => g.key));
    const counts = await w.db.store.subscribers.countByStatus({});
    expect(groups.filter((g) => g.key.startsWith('code:') || g.key.startsWith('text:')).reduce((n, g) => n + g.count, 0)).toBe(counts.error);
    expect(groups.find((g) => g.key === 'status:pending_user_migration')?.count).toBe(counts.pending_user_migration);
  });

  it('a cause that was not on the card is refused; a forged bulk kind that does not fit is refused', async () => {
    const [card] = (await w.say('errors')).cards;
    const refused = await w.press(card!, 'errors.group.open', { causeKey: 'code:424242' });
    expect(refused.cards[0]!.fallbackText).toContain('That cause was not on this card');
    const [migration] = (await w.press(card!, 'errors.group.open', { causeKey: 'status:pending_user_migration' })).cards;
    expect(offerAs(migration, 'errors.group').actions).toEqual(['errors.group.bulk', 'errors.group.export', 'errors.group.users']);
    expect(JSON.stringify(migration!.card)).toContain('Send consent emails');
    expect(JSON.stringify(migration!.card)).not.toContain('Retry all');
    const forged = await w.press(migration!, 'errors.group.bulk', { causeKey: 'status:pending_user_migration', kind: 'retry' });
    expect(forged.cards[0]!.fallbackText).toContain('That does not fit this cause');
  });

  it('Send consent emails: a preview naming the number, then each waiting user emailed once through Webex', async () => {
    const [card] = (await w.say('errors')).cards;
    const [migration] = (await w.press(card!, 'errors.group.open', { causeKey: 'status:pending_user_migration' })).cards;
    const [preview] = (await w.press(migration!, 'errors.group.bulk', { causeKey: 'status:pending_user_migration', kind: 'consent' })).cards;
    const waiting = (await w.db.store.subscribers.countByStatus({})).pending_user_migration;
    expect(waiting).toBeGreaterThan(0);
    expect(preview!.fallbackText).toContain(`Send the consent email to ${waiting} user`);
    const jobId = offerAs(preview, 'bulk.preview').context.jobIds[0]!;
    expect(offerAs(preview, 'bulk.preview').actions).toEqual(['bulk.confirm', 'bulk.cancel']);
    const started = await w.press(preview!, 'bulk.confirm', { jobId });
    expect(started.cards[0]!.fallbackText).toContain('Started');
    await w.services.bulk.idle();
    expect(await w.services.bulk.counts(jobId)).toMatchObject({ done: waiting, failed: 0 });
    const sent = await w.db.db.prisma.simSubscriber.findMany({ where: { status: 'pending_user_migration' }, select: { consentEmailsSent: true } });
    expect(sent.map((s) => s.consentEmailsSent)).toEqual(Array(waiting).fill(1));
    expect(await w.db.store.audit.count({ action: 'user.consent', result: 'ok' })).toBe(waiting);

    const [status] = (await w.say('bulk status')).cards;
    expect(status!.fallbackText).toContain('finished');
    expect(offerAs(status, 'bulk.status').actions).toEqual(['bulk.refresh']);
  });

  it('the user card of a user waiting for consent offers Send consent email; a click sends it once', async () => {
    const [waiting] = await w.db.store.subscribers.pageAt({ statuses: ['pending_user_migration'] }, 1, 0);
    const [card] = (await w.say(`user ${waiting!.userId}`)).cards;
    expect(offerAs(card, 'user').actions).toContain('user.consent');
    expect(card!.fallbackText).toBeDefined();
    expect(JSON.stringify(card!.card)).toContain('Waiting for the user');
    const before = (await w.db.db.prisma.simSubscriber.findUnique({ where: { id: waiting!.id } }))!.consentEmailsSent;
    const sent = await w.press(card!, 'user.consent', { subscriberId: waiting!.id });
    expect(sent.cards[0]!.fallbackText).toContain('Consent email sent');
    expect((await w.db.db.prisma.simSubscriber.findUnique({ where: { id: waiting!.id } }))!.consentEmailsSent).toBe(before + 1);
  });

  it('Export this group: a CSV of the cause’s users with their explanation; Show users lists them', async () => {
    const groups = await w.services.errorIntelligence.groups();
    const biggest = groups.find((g) => g.key.startsWith('code:'))!;
    const [card] = (await w.say('errors')).cards;
    const [group] = (await w.press(card!, 'errors.group.open', { causeKey: biggest.key })).cards;
    const exported = await w.press(group!, 'errors.group.export', { causeKey: biggest.key });
    const csv = exported.files[0]!.file.data.toString('utf8').trim().split('\n');
    expect(csv[1]).toContain('Explanation');
    expect(csv).toHaveLength(2 + biggest.count);
    expect(csv[2]).toContain(biggest.explanation.title);
    const [users] = (await w.press(group!, 'errors.group.users', { causeKey: biggest.key })).cards;
    expect(offerAs(users, 'errors.push').context.subscriberIds).toHaveLength(Math.min(10, biggest.count));
  });

  it('explain: the catalogue’s words; bad input refused; an org note saved, audited and shown escaped with who wrote it', async () => {
    const shown = await w.say('explain 10022');
    expect(shown.cards[0]!.fallbackText).toContain('10022: This BroadWorks user ID already belongs to another Webex user');
    expect((await w.say('explain')).replies[0]).toContain('Say which error code');
    expect((await w.say(`explain ${'9'.repeat(10_000)}`)).replies[0]).toContain('That is not an error code');
    expect((await w.say('explain <@all>')).replies[0]).toContain('That is not an error code');
    expect((await w.say(`explain 424242 ${'x'.repeat(600)}`)).replies[0]).toContain('too long');
    expect((await w.say('explain 424242')).cards[0]!.fallbackText).toContain('not in the catalogue');

    const hostile = '**Call** <@personEmail:boss@acme.example> [here](https://evil.example) first';
    const saved = await w.say(`explain 10022 ${hostile}`);
    expect(saved.cards[0]!.offer.kind).toBe('result');
    const audit = await w.db.store.audit.latest(5, { action: 'errors.explain' });
    expect(audit[0]).toMatchObject({ actor: 'admin@acme.example', target: '10022', result: 'ok' });
    const again = JSON.stringify((await w.say('explain 10022')).cards[0]!.card);
    expect(again).toContain('admin@acme.example');
    expect(again).not.toContain('<@personEmail:boss@acme.example>');
    expect(again).toContain('\\\\<@personEmail:boss@acme.example\\\\>');
    expect((await w.say('explain 10022 clear')).cards[0]!.fallbackText).toContain('removed');
    expect((await w.say('explain 10022 clear')).cards[0]!.fallbackText).toContain('had no explanation');
  });
});
