// Every card action, end to end: a simulated click (Submit data merged with the inputs, as Webex
// clients do) → the attachment-actions webhook → the right admin API call → the reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage, FakeSubscriber } from '../../src/fake-webex/types.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText, submit, submits } from '../support/cards.js';
import { expectEveryCardValid } from '../support/card-checks.js';

function subscriberByUserId(h: Harness, userId: string): FakeSubscriber | undefined {
  return [...h.fake.state.subscribers.values()].find((s) => s.userId === userId);
}

describe('card actions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  async function openUser(userId: string): Promise<FakeMessage> {
    const [list] = await h.say('users all');
    const open = submit(list!, 'user.open');
    const id = subscriberByUserId(h, userId)!.id;
    const [detail] = await h.click(list!, open, { inputs: { subscriberId: id } });
    return detail!;
  }

  it('pages forward and back through the list', async () => {
    const [first] = await h.say('users');
    const next = submits(first!).find((d) => d.action === 'users.page' && d.page === 1)!;
    const [second] = await h.click(first!, next);
    expect(cardText(second!)).toMatch(/Bulk/);
    const prev = submits(second!).find((d) => d.action === 'users.page' && d.page === 0)!;
    const [back] = await h.click(second!, prev);
    expect(cardText(back!)).toContain('err1@sp.example');
  });

  it('filters from the card', async () => {
    const [list] = await h.say('users');
    const [filtered] = await h.click(list!, submit(list!, 'users.filter'), { inputs: { filterStatuses: 'error', filterText: 'globex' } });
    expect(cardText(filtered!)).toContain('1 user matches');
  });

  it('exports from the card with the same filter', async () => {
    const [list] = await h.say('users error');
    const [file] = await h.click(list!, submit(list!, 'users.export'));
    expect(file!.markdown).toContain('Export of 2 users');
  });

  it('opens a user and copies the exact error text with its code', async () => {
    const detail = await openUser('err1@sp.example');
    const [copy] = await h.click(detail, submit(detail, 'user.copyError'));
    expect(cardText(copy!)).toContain('The BroadWorks UserID is already associated with an existing user.');
    expect(cardText(copy!)).toContain('10022');
  });

  it('changes the package in Webex', async () => {
    const detail = await openUser('pend2@sp.example');
    const [done] = await h.click(detail, submit(detail, 'user.package'), { inputs: { package: 'premium' } });
    expect(cardText(done!)).toMatch(/premium/i);
    expect(subscriberByUserId(h, 'pend2@sp.example')!.package).toBe('premium');
    expect(h.fake.requests.some((r) => r.method === 'PUT' && r.path.startsWith('/broadworks/subscribers/'))).toBe(true);
  });

  it('refuses an invalid email for retry, and changes nothing', async () => {
    const detail = await openUser('err1@sp.example');
    const before = subscriberByUserId(h, 'err1@sp.example')!.id;
    const [reply] = await h.click(detail, submit(detail, 'user.retry'), { inputs: { email: 'not-an-email' } });
    expect(reply!.markdown).toMatch(/valid email/i);
    expect(subscriberByUserId(h, 'err1@sp.example')!.id).toBe(before);
    // The dispatcher validates with the action's own schema (parseAction, which the card tests
    // exercise through parseSubmission): the audit names the field that was refused.
    const [refusal] = await h.app.store.audit.latest(1);
    expect(refusal).toMatchObject({ action: 'action.user.retry', result: 'refused' });
    expect((refusal!.detail as { issues?: string[] }).issues).toEqual([expect.stringMatching(/^email: /)]);
  });

  it('retries activation with a new email: precheck, remove, provision again with the same data', async () => {
    const old = subscriberByUserId(h, 'err1@sp.example')!;
    const detail = await openUser('err1@sp.example');
    const [result] = await h.click(detail, submit(detail, 'user.retry'), { inputs: { email: 'erin.new@acme.example' } });
    expect(cardText(result!)).toContain('Activation retried');
    const now = subscriberByUserId(h, 'err1@sp.example')!;
    expect(now.id).not.toBe(old.id);
    expect(now).toMatchObject({ email: 'erin.new@acme.example', spEnterpriseId: old.spEnterpriseId, provisioningId: old.provisioningId, firstName: 'Erin', lastName: 'Error', package: old.package });
    const paths = h.fake.requests.filter((r) => r.path.startsWith('/broadworks/subscribers') && r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/subscribers\/(?!validate$)[^/]+$/, 'subscribers/:id')}`);
    expect(paths.slice(-3)).toEqual(['POST /broadworks/subscribers/validate', 'DELETE /broadworks/subscribers/:id', 'POST /broadworks/subscribers']);
  });

  it('a retry that stopped half way may be pressed again on the same card, and then finishes', async () => {
    const detail = await openUser('err2@sp.example');
    // Webex fails the provisioning POST once (after the removal): the retry stops half way.
    h.fake.faults.serverError(/^\/broadworks\/subscribers$/, 500, { method: 'POST', times: 1 });
    const [failed] = await h.click(detail, submit(detail, 'user.retry'), { inputs: { email: 'eve.new@acme.example' } });
    expect(cardText(failed!)).toContain('Retry stopped half way');
    // The failure's own advice: press Retry again. Not "already done from this card".
    const [done] = await h.click(detail, submit(detail, 'user.retry'), { inputs: { email: 'eve.new@acme.example' } });
    expect(cardText(done!)).toContain('Activation retried');
    expect(subscriberByUserId(h, 'err2@sp.example')!.email).toBe('eve.new@acme.example');
    // A POST Webex answered 500 was not sent again by the client (it may have acted).
    expect(h.fake.requests.filter((r) => r.method === 'POST' && r.path === '/broadworks/subscribers' && r.status === 500)).toHaveLength(1);
  });

  it('removes a user only after confirmation, once however often it is clicked', async () => {
    const detail = await openUser('pend1@sp.example');
    const [confirm] = await h.click(detail, submit(detail, 'user.remove'));
    expect(subscriberByUserId(h, 'pend1@sp.example')).toBeDefined();
    const data = submit(confirm!, 'user.remove.confirm');
    const [done] = await h.click(confirm!, data);
    expect(cardText(done!)).toContain('User removed');
    expect(subscriberByUserId(h, 'pend1@sp.example')).toBeUndefined();
    const [again] = await h.click(confirm!, data);
    expect(again!.markdown).toContain('already done');
    const deletes = h.fake.requests.filter((r) => r.method === 'DELETE' && r.path === `/broadworks/subscribers/${String(data.subscriberId)}`);
    expect(deletes).toHaveLength(1);
    expect((await h.app.store.audit.latest(20)).filter((e) => e.action === 'user.remove')).toHaveLength(1);
  });

  it('turns automatic emails off after confirmation and shows the checklist', async () => {
    const [confirm] = await h.say('emails off');
    const [checklist] = await h.click(confirm!, submit(confirm!, 'emails.off.confirm'));
    expect(cardText(checklist!)).toContain('https://settings.webex.com');
    expect(h.fake.state.orgSettings.get(h.fake.state.orgId)?.get('allow-admin-invite-emails')).toBe(false);
    const [on] = await h.click(checklist!, submit(checklist!, 'emails.on'));
    expect(cardText(on!)).toContain('ON');
  });

  it('cancel changes nothing', async () => {
    const [confirm] = await h.say('emails off');
    const [reply] = await h.click(confirm!, submit(confirm!, 'card.cancel'));
    expect(reply!.markdown).toContain('Cancelled');
    expect(h.fake.state.orgSettings.get(h.fake.state.orgId)?.get('allow-admin-invite-emails')).toBe(true);
  });

  it('sends activation emails to everyone after a preview, and reports the job outcome', async () => {
    const [status] = await h.say('emails');
    const [preview] = await h.click(status!, submit(status!, 'emails.sendAll'));
    const replies = await h.click(preview!, submit(preview!, 'emails.sendAll.confirm'));
    expect(replies[0]!.markdown).toContain('started sending');
    expect(cardText(replies.at(-1)!)).toMatch(/COMPLETED|Completed|completed/);
  });

  it('shows the best-practice checklist on request; a finished job card offers no Refresh', async () => {
    const [confirm] = await h.say('emails off');
    await h.click(confirm!, submit(confirm!, 'emails.off.confirm'));
    const [status] = await h.say('emails'); // while they are off, the card offers the checklist
    const [checklist] = await h.click(status!, submit(status!, 'emails.checklist'));
    expect(cardText(checklist!)).toContain('https://settings.webex.com');
    await h.say('emails on');
    const [preview] = await h.click(status!, submit(status!, 'emails.sendAll'));
    const replies = await h.click(preview!, submit(preview!, 'emails.sendAll.confirm'));
    const jobCard = replies.at(-1)!;
    expect(cardText(jobCard)).toMatch(/COMPLETED|Completed|completed/);
    // The card offers exactly the buttons it draws: a finished job has no Refresh, so no record.
    expect(JSON.stringify(jobCard.attachments)).not.toContain('emails.job.refresh');
    const cardId = /"cardId":"([^"]+)"/.exec(JSON.stringify(jobCard.attachments))?.[1];
    expect(cardId === undefined || (await h.app.db.prisma.sentCard.findUnique({ where: { id: cardId } })) === null).toBe(true);
    const [forged] = await h.click(jobCard, { action: 'emails.job.refresh', cardId: cardId ?? 'none', jobId: 'Y2lzY29zcGFyazovL3VzL0pPQl9JRC9vdGhlcg' });
    expect(forged!.markdown).toContain('does not belong to a card I sent here');
  });

  it('on Webex (no one-user email API) no card offers a one-user email or per-user reminders; a forged click is refused', async () => {
    const [status] = await h.say('emails');
    expect(JSON.stringify(status!.attachments)).not.toContain('emails.sendOne');
    expect(JSON.stringify(status!.attachments)).toContain('emails.sendAll');
    const [reply] = await h.click(status!, { ...submit(status!, 'emails.sendAll'), action: 'emails.sendOne' }, { inputs: { email: 'admin@acme.example' } });
    expect(reply!.markdown).toContain('does not belong to a card I sent here');
  });

  it('every card sent in this suite validates against Adaptive Cards 1.3 and Webex limits', () => {
    expectEveryCardValid(h);
  });
});

describe('card action security', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('a non-admin clicking in a group space is refused and nothing changes', async () => {
    const [confirm] = await h.say('emails off', { room: h.group });
    const [reply] = await h.click(confirm!, submit(confirm!, 'emails.off.confirm'), { as: h.member });
    expect(reply!.markdown).toContain('only the admins');
    expect(h.fake.state.orgSettings.get(h.fake.state.orgId)?.get('allow-admin-invite-emails')).toBe(true);
    const refused = await h.app.store.audit.latest(1);
    expect(refused[0]).toMatchObject({ actor: 'member@acme.example', result: 'refused', action: 'action.emails.off.confirm' });
  });

  it('a two-step confirmation in a group space stays in one thread', async () => {
    const [status] = await h.say('emails', { room: h.group });
    const [confirm] = await h.click(status!, submit(status!, 'emails.off'));
    expect(confirm!.parentId).toBe(status!.id);
    const [checklist] = await h.click(confirm!, submit(confirm!, 'emails.off.confirm'));
    expect(checklist!.parentId).toBe(status!.id);
    expect(cardText(checklist!)).toContain('https://settings.webex.com');
    const [on] = await h.click(checklist!, submit(checklist!, 'emails.on'));
    expect(on!.parentId).toBe(status!.id);
  });

  it('refuses an action the card did not offer, or a card from another room', async () => {
    const [list] = await h.say('users');
    const forgedAction = { ...submit(list!, 'users.page'), action: 'emails.off.confirm' };
    const [r1] = await h.click(list!, forgedAction);
    expect(r1!.markdown).toContain('does not belong to a card I sent here');
    const [groupList] = await h.say('users', { room: h.group });
    const fromOtherRoom = submit(groupList!, 'users.export');
    const [r2] = await h.click(list!, fromOtherRoom);
    expect(r2!.markdown).toContain('does not belong to a card I sent here');
    const [r3] = await h.click(list!, { action: 'users.page', cardId: 'made-up-card', page: 0 });
    expect(r3!.markdown).toContain('does not belong');
    const [r4] = await h.click(list!, { action: 'rm -rf', cardId: 'x' });
    expect(r4!.markdown).toContain('not one I offer');
  });

  it('refuses a user id the card did not show', async () => {
    const [list] = await h.say('users error');
    const provisioned = [...h.fake.state.subscribers.values()].find((s) => s.status === 'provisioned')!;
    const [reply] = await h.click(list!, submit(list!, 'user.open'), { inputs: { subscriberId: provisioned.id } });
    expect(cardText(reply!)).toContain('not on this card');
  });

  it('a click on a user changed or deleted in Webex since the card changes nothing and shows the current state', async () => {
    const [list] = await h.say('users all');
    const byUserId = (userId: string) => [...h.fake.state.subscribers.values()].find((s) => s.userId === userId)!;
    const changed = byUserId('pend2@sp.example');
    const [detail] = await h.click(list!, submit(list!, 'user.open'), { inputs: { subscriberId: changed.id } });
    // Outside the bot: the user provisions in Webex after the card was sent.
    Object.assign(changed, { status: 'provisioned', errors: [], lastStatusChange: new Date() });
    const deletes = () => h.fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/broadworks/subscribers/')).length;
    const before = deletes();
    const replies = await h.click(detail!, submit(detail!, 'user.package'), { inputs: { package: 'premium' } });
    expect(cardText(replies[0]!)).toContain('has changed since this card was sent');
    expect(cardText(replies[1]!)).toContain('Provisioned');
    expect(h.fake.requests.some((r) => r.method === 'GET' && r.path === `/broadworks/subscribers/${changed.id}`)).toBe(true);
    expect(h.fake.requests.some((r) => r.method === 'PUT' && r.path === `/broadworks/subscribers/${changed.id}`)).toBe(false);

    const gone = byUserId('err1@sp.example');
    const [goneCard] = await h.click(list!, submit(list!, 'user.open'), { inputs: { subscriberId: gone.id } });
    const [confirm] = await h.click(goneCard!, submit(goneCard!, 'user.remove'));
    h.fake.state.subscribers.delete(gone.id); // removed in Webex by someone else
    const [reply] = await h.click(confirm!, submit(confirm!, 'user.remove.confirm'));
    expect(cardText(reply!)).toContain('no longer in Webex');
    expect(deletes()).toBe(before);
    expect(await h.app.store.subscribers.get(gone.id)).toBeNull();
  });

  it('an expired card is refused as out of date', async () => {
    const [fresh] = await h.say('emails off');
    const data = submit(fresh!, 'emails.off.confirm');
    await h.app.db.prisma.sentCard.update({ where: { id: String(data.cardId) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const [stale] = await h.click(fresh!, data);
    expect(stale!.markdown).toContain('out of date');
  });

  it('a duplicate webhook delivery is handled once', async () => {
    const [confirm] = await h.say('emails off');
    const data = submit(confirm!, 'emails.off.confirm');
    const before = h.botMessages().length;
    const { action } = await h.fake.simulateCardAction({ messageId: confirm!.id, personEmail: h.admin.emails[0]!, inputs: data });
    await h.app.bot.idle();
    // Webex delivers the same event again.
    await h.fake.deliverEvent('attachmentActions', 'created', { ...action }, h.admin.id);
    await h.app.bot.idle();
    expect(h.botMessages().length - before).toBe(1);
    expect((await h.app.store.audit.latest(5)).filter((e) => e.action === 'emails.off')).toHaveLength(1);
    const [on] = await h.say('emails on');
    expect(on).toBeDefined();
  });

  it('a double click takes effect once', async () => {
    const offs = async () => (await h.app.store.audit.latest(100)).filter((e) => e.action === 'emails.off').length;
    const before = await offs();
    const [confirm] = await h.say('emails off');
    const data = submit(confirm!, 'emails.off.confirm');
    const replies = await Promise.all([h.click(confirm!, data), h.click(confirm!, data)]);
    // Both calls see every reply posted meanwhile: count each message once.
    const texts = [...new Map(replies.flat().map((m) => [m.id, m.markdown ?? ''])).values()];
    expect(texts.filter((t) => t.includes('already done'))).toHaveLength(1);
    expect(await offs()).toBe(before + 1);
    await h.say('emails on');
  });

  it('Webex 5xx during an action: the admin is told, nothing is half done, and it can be retried', async () => {
    const [list] = await h.say('users all');
    const target = [...h.fake.state.subscribers.values()].find((s) => s.userId === 'err2@sp.example')!;
    const [detail] = await h.click(list!, submit(list!, 'user.open'), { inputs: { subscriberId: target.id } });
    const data = submit(detail!, 'user.package');
    h.fake.faults.serverError(/\/broadworks\/subscribers\/[^/]+$/, 503, { method: 'PUT', times: 10 });
    const [failed] = await h.click(detail!, data, { inputs: { package: 'basic' } });
    expect(failed!.markdown).toMatch(/did not work.*Nothing else was changed/s);
    expect(target.package).toBe('standard');
    h.fake.faults.clear();
    const [ok] = await h.click(detail!, data, { inputs: { package: 'basic' } });
    expect(cardText(ok!)).toMatch(/basic/i);
  });

  it('Webex 429 on a reply is waited out, and the reply arrives', async () => {
    const rule = h.fake.faults.rateLimit(/\/messages$/, 1, { method: 'POST', times: 1 });
    const before = h.fake.requests.length;
    const [reply] = await h.say('help');
    // The 429 was really served (to the bot's reply), then the same reply was posted once.
    const posts = h.fake.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/messages');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(rule).toBeDefined();
    expect(cardText(reply!)).toContain('What I can do');
  });
});
