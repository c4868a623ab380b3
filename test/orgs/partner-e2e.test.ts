// Partner mode end to end: the real app, framework and Prisma against the fake Webex over HTTP,
// with a partner token (no WEBEX_ORG_ID) and three customer orgs: discovery, `orgs`, `org use`,
// org-level commands asking which org, a customer admin scoped to their org in a group space
// shared with the partner's admins, and one org's outage not holding up another org's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import { BW_ERRORS } from '../../src/fake-webex/broadworks-rules.js';
import type { FakeWebex } from '../../src/fake-webex/index.js';
import type { FakeMessage, FakeRoom } from '../../src/fake-webex/types.js';
import { MEMBER_EMAIL, startHarness, type Harness } from '../support/bot-harness.js';
import { cardOf, cardText, submits } from '../support/cards.js';

const PARTNER_TOKEN = 'fake-partner-token-e2e-0001';
const isCard = (m: FakeMessage) => (m.attachments?.length ?? 0) > 0;
const text = (ms: FakeMessage[]) => ms.map((m) => (isCard(m) ? cardText(m) : (m.markdown ?? m.text ?? ''))).join('\n');
const orgIds: Record<string, string> = {};

function seedPartner(fake: FakeWebex): void {
  const partner = fake.seed.partnerAdmin({ token: PARTNER_TOKEN });
  orgIds.acme = fake.seed.customerOrg({ name: 'Acme Dental', enterprises: ['SP1+acme'], partnerOrgId: partner.orgId }).id;
  orgIds.globex = fake.seed.customerOrg({ name: 'Globex Retail', enterprises: ['SP1+globex'], partnerOrgId: partner.orgId, autoEmails: false }).id;
  orgIds.initech = fake.seed.customerOrg({ name: 'Initech', enterprises: ['SP1+initech'], partnerOrgId: partner.orgId }).id;
  for (let i = 0; i < 4; i++) fake.seed.subscriber({ userId: `acme${i}@sp.example`, firstName: 'Ann', lastName: `Acme${i}`, email: `ann${i}@acme.example`, spEnterpriseId: 'SP1+acme', status: 'pending_email_input' });
  fake.seed.subscriber({ userId: 'acme-err@sp.example', firstName: 'Erin', lastName: 'Error', email: 'erin@acme.example', spEnterpriseId: 'SP1+acme', status: 'error', errors: [BW_ERRORS.userIdInUse] });
  for (let i = 0; i < 3; i++) fake.seed.subscriber({ userId: `globex${i}@sp.example`, firstName: 'Gil', lastName: `Globex${i}`, email: `gil${i}@globex.example`, spEnterpriseId: 'SP1+globex', status: 'pending_email_validation' });
  // Initech's template is misconfigured: its users fail with one cause.
  for (let i = 0; i < 6; i++) fake.seed.subscriber({ userId: `initech${i}@sp.example`, firstName: 'Ivo', lastName: `Initech${i}`, email: `ivo${i}@initech.example`, spEnterpriseId: 'SP1+initech', status: 'error', errors: [BW_ERRORS.untrustedEmailsOff] });
  fake.seed.person({ email: 'pending@globex.example', firstName: 'Pen', lastName: 'Ding', orgId: orgIds.globex, invitePending: true, created: new Date(Date.now() - 20 * 86_400_000) });
}

describe('partner mode end to end: three customer orgs through the fake Webex', () => {
  let h: Harness;
  let memberRoom: FakeRoom;
  beforeAll(async () => {
    h = await startHarness({ seed: seedPartner, env: { WEBEX_ADMIN_TOKEN: PARTNER_TOKEN, WEBEX_ORG_ID: '' } });
    await h.app.orgs.settled();
    memberRoom = h.fake.seed.directRoom(h.member);
  }, 90_000);
  afterAll(() => h?.close());

  it('discovers the customers through /organizations and /broadworks/enterprises, and lists them worst first', async () => {
    expect(h.app.config.orgMode).toBe('partner');
    const [card] = await h.say('orgs');
    expect(validateCard(cardOf(card))).toEqual([]);
    const shown = cardText(card!);
    expect(shown).toContain('All customer orgs');
    const order = ['Initech', 'Acme Dental', 'Globex Retail'].map((n) => shown.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(shown).toContain('6 errored');
    expect(shown).toContain('automatic emails **off**');
  });

  it('partner-wide, an org-level command asks which org; bound, it works on that org and says so', async () => {
    const asked = await h.say('emails off', { room: h.group });
    expect(text(asked)).toContain('works on one customer org');
    expect(h.fake.state.orgSettings.get(orgIds.globex!)?.get('allow-admin-invite-emails')).toBe(false);
    const bound = await h.say('org use Globex Retail', { room: h.group });
    expect(text(bound)).toContain('now works on **Globex Retail**');
    const [status] = await h.say('emails', { room: h.group });
    expect(cardText(status!)).toContain('Customer org: **Globex Retail**');
    expect(cardText(status!).toLowerCase()).toContain('off');
    const [users] = await h.say('users', { room: h.group });
    const usersText = cardText(users!);
    expect(usersText).toContain('globex0@sp.example');
    expect(usersText).not.toContain('acme0@sp.example');
    expect(usersText).not.toContain('initech0@sp.example');
  });

  it('a customer admin acts on their org only: refused in a space of another org, for its commands and its cards', async () => {
    const granted = await h.say(`admins add ${MEMBER_EMAIL} Acme Dental`);
    expect(text(granted)).toContain('**Acme Dental** only');
    // In their own 1:1 space: Acme's users, nobody else's.
    const [own] = await h.say('users', { as: h.member, room: memberRoom });
    expect(cardText(own!)).toContain('Customer org: **Acme Dental**');
    expect(cardText(own!)).toContain('acme0@sp.example');
    expect(cardText(own!)).not.toContain('globex0@sp.example');
    // In the group space bound to Globex (shared with the partner's admin): refused, audited.
    const refused = await h.say('users', { as: h.member, room: h.group });
    expect(text(refused)).toContain('This space works on **Globex Retail**');
    // A Globex card the partner admin got there: the customer admin's click is refused.
    const [globexUsers] = await h.say('users', { room: h.group });
    const before = h.fake.state.orgSettings.get(orgIds.globex!)?.get('allow-admin-invite-emails');
    const button = submits(globexUsers!)[0]!;
    const clicked = await h.click(globexUsers!, button, { as: h.member, inputs: { subscriberId: [...h.fake.state.subscribers.values()].find((s) => s.userId === 'globex0@sp.example')!.id } });
    expect(text(clicked)).toContain('that card is about **Globex Retail**');
    expect(h.fake.state.orgSettings.get(orgIds.globex!)?.get('allow-admin-invite-emails')).toBe(before);
    const audit = await h.app.store.audit.latest(10, { action: `action.${String(button.action)}` });
    expect(audit.find((a) => a.actor === MEMBER_EMAIL && a.result === 'refused')?.orgId).toBe(orgIds.globex);
    // `orgs` shows them their own org only; a partner-only command is refused to them.
    const [theirs] = await h.say('orgs', { as: h.member, room: memberRoom });
    expect(cardText(theirs!)).toContain('Acme Dental');
    expect(cardText(theirs!)).not.toContain('Globex Retail');
    expect(text(await h.say('admins', { as: h.member, room: memberRoom }))).toContain("only the partner's admins");
  });

  it('a forged click naming another org\'s user on an Acme card is refused and audited', async () => {
    const [own] = await h.say('users', { as: h.member, room: memberRoom });
    const globexUser = [...h.fake.state.subscribers.values()].find((s) => s.userId === 'globex0@sp.example')!;
    const clicked = await h.click(own!, { action: 'user.open', cardId: submits(own!)[0]!.cardId }, { as: h.member, inputs: { subscriberId: globexUser.id } });
    expect(text(clicked)).toContain('That user was not on this card');
    const audit = await h.app.store.audit.latest(5, { action: 'user.not-offered' });
    expect(audit[0]).toMatchObject({ actor: MEMBER_EMAIL, result: 'refused', orgId: orgIds.acme, target: globexUser.id });
  });

  it("one org's outage does not hold up another org's answer", async () => {
    const globexUuid = orgIds.globex!;
    const globexCalls = new RegExp(`(orgId=${encodeURIComponent(globexUuid)}|organizations/${globexUuid})`);
    // Globex's Webex is slow: while its refresh waits, Acme's admin is answered as ever.
    h.fake.faults.add({ path: globexCalls, fault: { type: 'delay', ms: 6_000 } });
    const slow = h.app.orgs.refreshEach();
    const asked = Date.now();
    const [users] = await h.say('users', { as: h.member, room: memberRoom });
    expect(cardText(users!)).toContain('acme0@sp.example');
    expect(Date.now() - asked).toBeLessThan(h.app.config.freshnessWaitMs + 2_000);
    expect((await slow).ok).toContain(globexUuid);
    h.fake.faults.clear();
    // Globex's people and settings stop answering; Acme's go on.
    h.fake.faults.add({ path: globexCalls, fault: { type: 'status', status: 503 } });
    const report = await h.app.orgs.refreshEach();
    expect(report.failed.map((f) => f.orgId)).toEqual([globexUuid]);
    expect(report.ok).toContain(orgIds.acme);
    const started = Date.now();
    const [own] = await h.say('emails', { as: h.member, room: memberRoom });
    expect(cardText(own!)).toContain('Customer org: **Acme Dental**');
    expect(Date.now() - started).toBeLessThan(h.app.config.freshnessWaitMs + 5_000);
    const [orgs] = await h.say('orgs');
    expect(cardText(orgs!)).toContain('Webex did not answer for this org');
    h.fake.faults.clear();
  });
});
