// No English left: the app speaks the pseudo-language (every letter of our own words accented,
// 40 % longer) and a tour of commands and buttons through the fake Webex is read for plain ASCII
// words. What may stay plain: data (names, emails, ids, Webex's own error texts), command words
// in backticks, and names of products and settings that Webex does not translate either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../src/fake-webex/types.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText, submits } from '../support/cards.js';

/** Words that are not ours to translate: product names, Webex's terms, units, command words. */
const ALLOWED = new Set(
  [
    'Webex', 'BroadWorks', 'Control', 'Hub', 'Partner', 'CSV', 'HTTP', 'UTC', 'SSO', 'PMR', 'API', 'ID', 'URL', 'AM', 'PM',
    'ADMIN_EMAILS', 'WEBEX_ORG_ID', 'README', 'https', 'settings', 'webex', 'com', 'admin', 'example',
    'Softphone', 'Basic', 'Standard', 'Premium', 'English', 'Pseudo', 'trackingId', 'Meetings', 'App',
  ].map((w) => w.toLowerCase()),
);

/** The plain ASCII words of a text that are neither data nor allowed. */
function englishWords(text: string, data: ReadonlySet<string>): string[] {
  const stripped = text
    .replace(/`[^`]*`/g, ' ') // command words
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ') // emails
    .replace(/\\/g, '');
  return (stripped.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w.toLowerCase()) && !data.has(w.toLowerCase()));
}

describe('the pseudo-language leaves no English in cards and replies', () => {
  let h: Harness;
  let data: Set<string>;
  beforeAll(async () => {
    h = await startHarness({ env: { DEFAULT_LANGUAGE: 'pseudo', ALERT_CRON: '0 9 * * 1-5' } });
    // Everything the fake holds is data: names, ids, Webex's own error texts.
    const words = [...h.fake.state.subscribers.values()].flatMap((s) => [s.userId, s.firstName, s.lastName, s.email, s.spEnterpriseId, ...(s.errors ?? []).map((e) => e.description)]);
    words.push(...[...h.fake.state.people.values()].flatMap((p) => [p.displayName, p.firstName, p.lastName]));
    data = new Set(words.filter((w): w is string => typeof w === 'string').flatMap((w) => w.toLowerCase().match(/[a-z][a-z'’-]{2,}/g) ?? []));
  }, 60_000);
  afterAll(() => h?.close());

  const leftovers = (messages: FakeMessage[]) =>
    messages.flatMap((m) => {
      const texts = [m.markdown ?? '', m.text ?? '', ...(m.attachments?.length ? [cardText(m)] : [])];
      return texts.flatMap((text) => { const found = englishWords(text, data); if (found.length && process.env.PSEUDO_DEBUG) console.log(`### ${found.slice(0, 12).join(" ")}\n${text.slice(0, 700)}`); return found.map((w) => `${w} ← ${text.slice(0, 80)}`); });
    });

  it('commands and their cards', async () => {
    const said: FakeMessage[] = [];
    for (const text of ['help', 'users', 'users all', 'users error', 'user err1@sp.example', 'user nobody@nowhere', 'emails', 'emails off', 'errors', 'errors status', 'alerts status', 'inactive', 'audit', 'stats', 'language', 'nonsense', 'users bogus', 'remind', 'explain 10022', 'bulk status', 'templates']) {
      said.push(...(await h.say(text)));
    }
    expect(said.length).toBeGreaterThan(20);
    expect(leftovers(said)).toEqual([]);
  });

  it('buttons and what they answer', async () => {
    const [list] = await h.say('users error');
    const said: FakeMessage[] = [];
    const open = submits(list!).find((d) => d.action === 'user.open')!;
    const [user] = await h.click(list!, { ...open, subscriberId: [...h.fake.state.subscribers.values()].find((s) => s.status === 'error')!.id });
    said.push(user!);
    for (const action of ['user.copyError', 'user.remove']) {
      const data = submits(user!).find((d) => d.action === action);
      if (data) said.push(...(await h.click(user!, data)));
    }
    expect(leftovers(said)).toEqual([]);
  });
});
