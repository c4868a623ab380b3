// The bot on the simulator backend (the no-account default): templates and one-user emails,
// which Webex's public API cannot do, work end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText, submit } from '../support/cards.js';

describe('bot on the simulator backend', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PROVISIONING_BACKEND: 'simulator' } });
  }, 60_000);
  afterAll(() => h?.close());

  it('checks the customer templates and flags the misconfigured one', async () => {
    const [reply] = await h.say('templates');
    const text = cardText(reply!);
    expect(text).toMatch(/❌/);
    expect(text).toMatch(/✅/);
    expect(text).toMatch(/Untrusted Emails|Share Link/);
  });

  it('checks the templates again from the card', async () => {
    const [card] = await h.say('templates');
    const [again] = await h.click(card!, submit(card!, 'templates.refresh'));
    expect(cardText(again!)).toMatch(/Untrusted Emails|Share Link/);
  });

  it('lists the seeded pending and errored users', async () => {
    const [reply] = await h.say('users error');
    expect(cardText(reply!)).toMatch(/\d+ users? match/);
  });

  it('sends one activation email, and refuses a second within 24 hours', async () => {
    // Not the free → paid converted user (always notified); some seeded users were emailed
    // recently on the Webex side, so take the first one Webex accepts.
    const candidates = (await h.app.store.people.inactive({ invitedBefore: new Date(), now: new Date(), take: 30 })).filter((p) => !p.convertedToPaidAt);
    const [status] = await h.say('emails');
    const send = (email: string) => h.click(status!, submit(status!, 'emails.sendOne'), { inputs: { email } });
    let chosen: (typeof candidates)[number] | undefined;
    for (const person of candidates) {
      const [reply] = await send(person.email);
      if (cardText(reply!).includes('Activation email sent')) {
        chosen = person;
        break;
      }
      expect(cardText(reply!)).toMatch(/emailed recently|24 hours/);
    }
    expect(chosen).toBeDefined();
    // The same email from the same card is one click's work, done once.
    const [twice] = await send(chosen!.email);
    expect(twice!.markdown).toContain('already done from this card');
    const [fresh] = await h.say('emails');
    const [again] = await h.click(fresh!, submit(fresh!, 'emails.sendOne'), { inputs: { email: chosen!.email } });
    expect(cardText(again!)).toMatch(/emailed recently|24 hours/);
    const reminders = await h.app.store.reminders.history(chosen!.id);
    expect(reminders.map((r) => r.outcome)).toEqual(['suppressed', 'sent']);
  });

  it('a typed email with markdown characters is escaped once, not twice, in the card and its fallback', async () => {
    const [status] = await h.say('emails');
    const [reply] = await h.click(status!, submit(status!, 'emails.sendOne'), { inputs: { email: 'no_such_user@acme.example' } });
    // Escaped once, markdown shows "no_such_user"; escaped twice it would show "no\\_such\\_user".
    const once = 'There is no Webex user with the email no\\_such\\_user@acme.example in this org.';
    expect(cardText(reply!)).toContain(once);
    expect(reply!.markdown).toContain(once);
  });
});
