// Languages end to end: the real app against the fake Webex. A group space chooses Czech; its
// users list, the emails-off confirmation and checklist, and the scheduled alert come in Czech
// while the admin's 1:1 space stays English (the admin's own language in Webex); a space that
// chose nothing follows the org's preferred language (Romanian here); local command words work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import type { FakeRoom } from '../../src/fake-webex/types.js';
import { seedBroadWorks, startHarness, type Harness } from '../support/bot-harness.js';
import { cardOf, cardText, submit } from '../support/cards.js';

const DAY = 86_400_000;

describe('each space in its own language', () => {
  let h: Harness;
  let romanian: FakeRoom;
  beforeAll(async () => {
    h = await startHarness({
      env: { ALERT_CRON: '0 9 * * 1-5', ALERT_TIMEZONE: 'UTC' },
      seed: (fake) => {
        seedBroadWorks(fake);
        // The org speaks Romanian; the admin reads Webex in English.
        fake.state.orgs.get(fake.state.orgId)!.preferredLanguage = 'ro_RO';
        fake.state.people.get([...fake.state.people.values()].find((p) => p.emails[0] === 'admin@acme.example')!.id)!.preferredLanguage = 'en_US';
        for (let i = 0; i < 3; i++) {
          fake.seed.person({ email: `late${i}@acme.example`, firstName: 'Late', lastName: `Person${i}`, invitePending: true, status: 'pending', created: new Date(Date.now() - (10 + i) * DAY) });
        }
      },
    });
    romanian = h.fake.seed.groupRoom({ title: 'Echipa', members: [h.admin, h.member] });
    await h.app.alertsCatchUp;
  }, 60_000);
  afterAll(() => h?.close());

  it('language shows the current one and the choices; a space without a choice follows the org', async () => {
    const [shown] = await h.say('language', { room: h.group });
    expect(shown!.markdown).toContain('Română');
    expect(shown!.markdown).toContain('`language cs` Čeština');
    const [inDirect] = await h.say('language');
    expect(inDirect!.markdown).toContain('This space speaks **English** (your own language in Webex)');
  });

  it('language cs in a group space answers in Czech and is audited', async () => {
    const [set] = await h.say('language cs', { room: h.group });
    expect(set!.markdown).toContain('Od teď v tomto prostoru mluvím jazykem **Čeština**');
    const audit = await h.app.store.audit.latest(5);
    expect(audit.find((e) => e.action === 'language.set')).toMatchObject({ actor: 'admin@acme.example', roomId: h.group.id, detail: { language: 'cs' } });
    const [bad] = await h.say('language klingon', { room: h.group });
    expect(bad!.markdown).toContain('Mluvím anglicky, rumunsky a česky');
  });

  it('users: Czech in the group space (also as "uživatelé"), English in the 1:1 space, Romanian where the org decides', async () => {
    const [czech] = await h.say('users', { room: h.group });
    expect(cardText(czech!)).toContain('Uživatelé BroadWorks');
    expect(cardText(czech!)).toMatch(/Odpovídá \d+ uživatel/);
    expect(cardText(czech!)).toContain('Stav k ');
    expect(validateCard(cardOf(czech!))).toEqual([]);
    const [local] = await h.say('uživatelé', { room: h.group });
    expect(cardText(local!)).toContain('Uživatelé BroadWorks');
    const [english] = await h.say('users');
    expect(cardText(english!)).toContain('BroadWorks users');
    expect(cardText(english!)).toMatch(/\d+ users match/);
    const [ro] = await h.say('utilizatori', { room: romanian });
    expect(cardText(ro!)).toContain('Utilizatori BroadWorks');
  });

  it('emails off: the confirmation and the checklist in Czech', async () => {
    const [confirm] = await h.say('emails off', { room: h.group });
    expect(cardText(confirm!)).toContain('Vypnout automatické aktivační e-maily?');
    expect(validateCard(cardOf(confirm!))).toEqual([]);
    const [checklist] = await h.click(confirm!, submit(confirm!, 'emails.off.confirm'));
    const text = cardText(checklist!);
    expect(text).toContain('Automatické aktivační e-maily jsou teď VYPNUTÉ');
    expect(text).toContain('Když posíláte aktivační e-maily sami, uveďte:');
    expect(validateCard(cardOf(checklist!))).toEqual([]);
    await h.say('emails on', { room: h.group });
  });

  it('the scheduled alert: Czech in the group space, English in the 1:1 space', async () => {
    await h.say('alerts on', { room: h.group });
    await h.say('alerts on');
    const before = [h.botMessages(h.group).length, h.botMessages(h.direct).length];
    expect((await h.app.alerts.tick(h.app.alerts.nextRun(new Date(Date.now() + 7 * DAY))!)).kind).toBe('ran');
    const [group] = h.botMessages(h.group).slice(before[0]);
    const [direct] = h.botMessages(h.direct).slice(before[1]);
    expect(cardText(group!)).toMatch(/Neaktivní uživatelé: \d+/);
    expect(group!.markdown).toContain('Podle doby čekání');
    expect(cardText(direct!)).toMatch(/Inactive users: \d+/);
    expect(validateCard(cardOf(group!))).toEqual([]);
  });

  it('language auto: the space follows the org again (Romanian), and says so in it', async () => {
    const [auto] = await h.say('language auto', { room: h.group });
    expect(auto!.markdown).toContain('Acest spațiu urmează din nou organizația: vorbesc **Română**');
    const [help] = await h.say('ajutor', { room: h.group });
    expect(cardText(help!)).toContain('Ce pot face');
    expect(cardText(help!)).toContain('utilizatori');
  });
});
