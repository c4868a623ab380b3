// Partner mode through a fake BotContext over the real services, the embedded database and the
// simulator seeded as a partner with three customer orgs: discovery, `orgs`, binding, org-scoped
// and partner-wide answers, customer admins, and a card of one org never acting on another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import type { OrgScope } from '../../src/orgs/service.js';
import { addDays } from '../../src/store/daily-stats.js';
import { DEMO_CUSTOMERS, demoCustomerOrgId } from '../../src/provisioning/simulator/seed.js';
import { handlerWorld, offerAs, type HandlerWorld } from '../support/fake-bot-context.js';

const ACME = demoCustomerOrgId('Acme Holdings');
const CARPATIA = demoCustomerOrgId('Carpatia Group');
const INITECH = demoCustomerOrgId('Initech');
const inOrg = (orgId: string, name: string): OrgScope => ({ kind: 'org', orgId, name });
const CUSTOMER_ADMIN = 'it@acme.example';

describe('partner mode handlers', () => {
  let w: HandlerWorld;
  beforeAll(async () => {
    w = await handlerWorld(undefined, { partner: true });
    await w.services.orgs.refreshEach();
  }, 60_000);
  afterAll(() => w?.dispose());

  it('discovery records the three customers and puts every subscriber in its enterprise\'s org', async () => {
    const orgs = await w.db.store.orgs.active();
    expect(orgs.map((o) => o.name).sort()).toEqual(DEMO_CUSTOMERS.map((c) => c.name).sort());
    const rows = await w.db.db.prisma.subscriber.findMany({ select: { spEnterpriseId: true, orgId: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const customer = DEMO_CUSTOMERS.find((c) => (c.enterprises as readonly string[]).includes(r.spEnterpriseId))!;
      expect(r.orgId).toBe(demoCustomerOrgId(customer.name));
    }
    // Each org's own setting and people were read on its own.
    expect((await w.db.store.orgs.get(CARPATIA))?.autoEmails).toBe(false);
    expect((await w.db.store.orgs.get(ACME))?.autoEmails).toBe(true);
    const people = await w.db.db.prisma.person.groupBy({ by: ['orgId'], _count: true });
    expect(people.map((p) => p.orgId).sort()).toEqual([ACME, CARPATIA, INITECH].sort());
  });

  it('orgs: every customer, worst first, with Open; orgs find narrows it', async () => {
    const [card] = (await w.say('orgs')).cards;
    expect(validateCard(card!.card)).toEqual([]);
    const offer = offerAs(card, 'orgs');
    expect(offer.actions).toEqual(['orgs.open']);
    expect(offer.context.orgIds).toHaveLength(3);
    const { rows } = await w.services.orgs.overview({ page: 0, size: 10, access: { kind: 'all' } });
    const badness = rows.map((r) => r.errored + r.stuck);
    expect([...badness].sort((a, b) => b - a)).toEqual(badness);
    expect(card!.fallbackText).toContain('automatic emails **off**');
    const [found] = (await w.say('orgs find carpatia')).cards;
    expect(offerAs(found, 'orgs').context.orgIds).toEqual([CARPATIA]);
  });

  it('Open shows that org\'s users only, on a card of that org', async () => {
    const [card] = (await w.say('orgs')).cards;
    const opened = await w.press(card!, 'orgs.open', { orgId: INITECH });
    const users = opened.cards[0]!;
    expect(users.orgId).toBe(INITECH);
    const ids = offerAs(users, 'users').context.subscriberIds;
    expect(ids.length).toBeGreaterThan(0);
    const rows = await w.db.db.prisma.subscriber.findMany({ where: { id: { in: [...ids] } }, select: { orgId: true } });
    expect(new Set(rows.map((r) => r.orgId))).toEqual(new Set([INITECH]));
    // An org the card did not show is not opened.
    const forged = await w.press(card!, 'orgs.open', { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9ub3BlJw' });
    expect(forged.cards[0]!.fallbackText).toContain('That org was not on this card');
  });

  it('users: partner-wide covers every org; in one org, that org\'s only (counts too)', async () => {
    const all = await w.say('users all');
    const acme = await w.say('users all', { scope: inOrg(ACME, 'Acme Holdings') });
    const total = await w.db.db.prisma.subscriber.count();
    const acmeTotal = await w.db.db.prisma.subscriber.count({ where: { orgId: ACME } });
    expect(acmeTotal).toBeGreaterThan(0);
    expect(acmeTotal).toBeLessThan(total);
    expect(all.cards[0]!.fallbackText).toContain(`${total} user`);
    expect(acme.cards[0]!.fallbackText).toContain(`${acmeTotal} user`);
    const acmeIds = offerAs(acme.cards[0], 'users').context.subscriberIds;
    const orgsOf = await w.db.db.prisma.subscriber.findMany({ where: { id: { in: [...acmeIds] } }, select: { orgId: true } });
    expect(orgsOf.every((r) => r.orgId === ACME)).toBe(true);
    // Partner-wide, every row names its org, and so does the export (a column); in one org, neither.
    expect(all.cards[0]!.fallbackText).toMatch(/Org (Acme Holdings|Carpatia Group|Initech)/);
    expect(acme.cards[0]!.fallbackText).not.toContain('Org Acme Holdings');
    const exported = await w.say('export all');
    const csv = exported.files[0]!.file.data.toString('utf8').split('\n');
    expect(csv[1]).toContain('Customer org,Enterprise');
    expect(csv.slice(2).filter(Boolean).every((line) => /Acme Holdings|Carpatia Group|Initech/.test(line))).toBe(true);
    const acmeExport = await w.say('export all', { scope: inOrg(ACME, 'Acme Holdings') });
    const acmeCsv = acmeExport.files[0]!.file.data.toString('utf8').split('\n');
    expect(acmeCsv[1]).not.toContain('Customer org');
    expect(acmeCsv.slice(2).filter(Boolean)).toHaveLength(acmeTotal);
    // One user, asked for partner-wide: the card is their org's (its buttons act there).
    const someone = await w.db.db.prisma.subscriber.findFirst({ where: { orgId: CARPATIA } });
    const user = await w.say(`user ${someone!.userId}`);
    expect(user.cards[0]!.orgId).toBe(CARPATIA);
    // errors in one org groups that org's failures only.
    await w.say('errors', { scope: inOrg(ACME, 'Acme Holdings') });
    const acmeGroups = await w.services.errorIntelligence.groups({ orgIds: [ACME] });
    const allGroups = await w.services.errorIntelligence.groups({});
    expect(acmeGroups.reduce((n, g) => n + g.count, 0)).toBeLessThan(allGroups.reduce((n, g) => n + g.count, 0));
  });

  it('org use binds the space (audited); emails then works on that org\'s own setting', async () => {
    const room = { id: 'room-bound', type: 'group' as const };
    const ctx = w.context(room);
    await w.services.orgs.bind(room.id, (await w.db.store.orgs.get(CARPATIA))!, 'admin@acme.example');
    expect(await w.services.orgs.boundOrg(room.id)).toBe(CARPATIA);
    expect(await w.db.store.audit.count({ action: 'org.use', result: 'ok' })).toBeGreaterThan(0);
    const scope = await w.services.orgs.scopeFor(room.id, ctx.access);
    expect(scope).toEqual({ ok: true, scope: inOrg(CARPATIA, 'Carpatia Group') });
    const emails = await w.say('emails', { scope: inOrg(CARPATIA, 'Carpatia Group') });
    expect(emails.cards[0]!.fallbackText.toLowerCase()).toContain('off');
    const on = await w.say('emails on', { scope: inOrg(CARPATIA, 'Carpatia Group') });
    expect(on.cards.length + on.replies.length).toBeGreaterThan(0);
    expect(await w.backend.forOrg(CARPATIA).getAutoActivationEmails()).toBe(true);
    // Another org's setting was not touched.
    expect(await w.backend.forOrg(ACME).getAutoActivationEmails()).toBe(true);
    const changed = await w.db.db.prisma.auditEntry.findFirst({ where: { action: 'emails.on' }, orderBy: { at: 'desc' } });
    expect(changed?.orgId).toBe(CARPATIA);
  });

  it('a customer admin: added to one org, scoped to it in an unbound space, refused in a space of another org', async () => {
    const acme = (await w.db.store.orgs.get(ACME))!;
    await w.services.orgs.grant(CUSTOMER_ADMIN, acme, 'admin@acme.example', 'room-1');
    const access = await w.services.orgs.access(CUSTOMER_ADMIN);
    expect(access).toEqual({ kind: 'orgs', orgIds: [ACME] });
    expect(await w.services.orgs.scopeFor('room-unbound', access)).toEqual({ ok: true, scope: inOrg(ACME, 'Acme Holdings') });
    await w.services.orgs.bind('room-initech', (await w.db.store.orgs.get(INITECH))!, 'admin@acme.example');
    const refused = await w.services.orgs.scopeFor('room-initech', access);
    expect(refused.ok).toBe(false);
    expect(await w.services.orgs.access('stranger@acme.example')).toEqual({ kind: 'none' });
  });

  it("stats in one org: that org's enterprises added up, day by day; another org's enterprise refused", async () => {
    const today = addDays(w.clock.now().toISOString().slice(0, 10), 0);
    await w.db.store.dailyStats.backfill(addDays(today, -20), addDays(today, -1), w.clock.now());
    const acme = inOrg(ACME, 'Acme Holdings');
    const enterprises = await w.services.orgs.enterprisesOf(ACME);
    expect(enterprises.sort()).toEqual(['SP1+acme', 'SP1+globex']);
    const report = await w.services.stats.report({ days: 14, enterprises });
    expect(report.kind).toBe('ok');
    if (report.kind !== 'ok') return;
    const provisioned = await w.db.db.prisma.subscriber.count({ where: { orgId: ACME, status: 'provisioned' } });
    const errored = await w.db.db.prisma.subscriber.count({ where: { orgId: ACME, status: 'error' } });
    expect(report.headline.provisioned.now).toBe(provisioned);
    expect(report.headline.errored.now).toBe(errored);
    expect(report.headline.people).toBeUndefined();
    // Each recorded day equals its two enterprises' rows added up.
    const day = report.series.days[3]!;
    const rows = await w.db.db.prisma.dailyStat.findMany({ where: { day: new Date(`${day.day}T00:00:00Z`), scope: { in: enterprises } } });
    expect(day.provisioned).toBe(rows.reduce((n, r) => n + r.provisioned, 0));
    const card = await w.say('stats 14d', { scope: acme });
    expect(card.cards[0]!.fallbackText).toContain(`Provisioned ${provisioned}`);
    const refused = await w.say('stats enterprise SP1+initech', { scope: acme });
    expect(refused.replies[0]).toContain('is not an enterprise of **Acme Holdings**');
    const weekly = await w.say('stats weekly on', { scope: acme, access: { kind: 'orgs', orgIds: [ACME] } });
    expect(weekly.replies[0]).toContain("only the partner's admins");
  });

  it("inactive and remind in one org: that org's people only, emailed through that org", async () => {
    const carpatia = inOrg(CARPATIA, 'Carpatia Group');
    const all = await w.say('inactive');
    const theirs = await w.say('inactive', { scope: carpatia });
    const offer = offerAs(theirs.cards[0], 'alerts.digest');
    const people = await w.db.db.prisma.person.findMany({ where: { id: { in: [...offer.context.personIds] } }, select: { orgId: true } });
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.orgId === CARPATIA)).toBe(true);
    const total = (card: (typeof all.cards)[number]) => Number(/Inactive users: (\d+)/.exec(card.fallbackText)?.[1] ?? NaN);
    expect(total(theirs.cards[0]!)).toBeLessThan(total(all.cards[0]!));
    // A reminder from Carpatia's card goes to a Carpatia person and is recorded with the org.
    const [someone] = offer.context.personIds;
    const reminded = await w.press(theirs.cards[0]!, 'alerts.remind', { personIds: someone });
    expect(reminded.cards.length + reminded.replies.length).toBeGreaterThan(0);
    const reminder = await w.db.db.prisma.reminder.findFirst({ where: { personId: someone }, orderBy: { requestedAt: 'desc' } });
    expect(reminder?.orgId).toBe(CARPATIA);
  });

  it('a forged click naming another org\'s subscriber is refused and audited, and nothing changes', async () => {
    const initechError = await w.db.db.prisma.subscriber.findFirst({ where: { orgId: INITECH, status: 'error' } });
    expect(initechError).not.toBeNull();
    // A user card of Acme, forged to offer Initech's subscriber (as if its record said so).
    const acme = await w.say('users error', { scope: inOrg(ACME, 'Acme Holdings') });
    const card = acme.cards[0]!;
    const forgedCard = { ...card, offer: { ...card.offer, context: { ...offerAs(card, 'users').context, subscriberIds: [initechError!.id] } } } as typeof card;
    const before = await w.db.store.audit.count({ action: 'user.other-org', result: 'refused' });
    const pressed = await w.press(forgedCard, 'user.remove', { subscriberId: initechError!.id });
    expect(pressed.cards[0]!.fallbackText).toContain('That user is not in this org');
    expect(await w.db.store.audit.count({ action: 'user.other-org', result: 'refused' })).toBe(before + 1);
    expect(await w.db.db.prisma.simSubscriber.findUnique({ where: { id: initechError!.id } })).not.toBeNull();
  });
});
