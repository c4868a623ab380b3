// No English left: the app speaks the pseudo-language (every letter of our own words accented,
// 40 % longer) and a tour of commands and buttons through the fake Webex is read for plain ASCII
// words. What may stay plain: data (names, emails, ids, Webex's own error texts), command words
// in backticks, and names of products and settings that Webex does not translate either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../src/fake-webex/types.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardOf, submits } from '../support/cards.js';
import { createCommands } from '../../src/bot/commands/index.js';
import { escapeMarkdown } from '../../src/cards/index.js';

/** Words that are not ours to translate: product names, Webex's terms, units, command words. */
const ALLOWED = new Set(
  [
    'Webex', 'BroadWorks', 'Control', 'Hub', 'Partner', 'CSV', 'HTTP', 'UTC', 'SSO', 'PMR', 'API', 'ID', 'URL', 'AM', 'PM',
    'ADMIN_EMAILS', 'WEBEX_ORG_ID', 'README', 'https', 'settings', 'webex', 'com', 'admin', 'example',
    'Softphone', 'Basic', 'Standard', 'Premium', 'English', 'Pseudo', 'trackingId', 'Meetings', 'App',
  ].map((w) => w.toLowerCase()),
);

/** What a card shows: texts, titles, facts, labels and choices; not the values inputs submit. */
function readText(node: unknown, out: string[] = []): string {
  if (Array.isArray(node)) node.forEach((n) => readText(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'label', 'placeholder', 'errorMessage'] as const) if (typeof n[key] === 'string') out.push(n[key]);
    if (n.type === 'FactSet' && Array.isArray(n.facts)) for (const f of n.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    for (const [key, value] of Object.entries(n)) if (key !== 'data' && key !== 'facts' && typeof value === 'object') readText(value, out);
  }
  return out.join('\n');
}

/** What is typed, not read: every command's usage and example, as the help card shows them. */
const SYNTAX = createCommands()
  .flatMap((c) => [c.usage, c.example])
  .flatMap((text) => [text, escapeMarkdown(text)])
  .sort((a, b) => b.length - a.length);

/** The plain ASCII words of a text that are neither data nor allowed. */
function englishWords(text: string, data: ReadonlySet<string>): string[] {
  let stripped = text.replace(/https?:\/\/\S+/g, ' '); // links
  for (const syntax of SYNTAX) stripped = stripped.split(syntax).join(' ');
  stripped = stripped.replace(/\\/g, '').replace(/`[^`]*`/g, ' ').replace(/\S+@\S+/g, ' '); // command words, emails
  return (stripped.match(/[\p{L}'’-]{3,}/gu) ?? []).filter(
    (w) =>
      /^[A-Za-z'’-]+$/.test(w) && // a word with an accented letter is the pseudo-language (or a real language name)
      !/[A-Z]/.test(w.slice(1)) && // ids (base64 pieces), not words
      !ALLOWED.has(w.toLowerCase()) &&
      !data.has(w.toLowerCase()),
  );
}

describe('the pseudo-language leaves no English in cards and replies', () => {
  let h: Harness;
  let data: Set<string>;
  beforeAll(async () => {
    h = await startHarness({ env: { DEFAULT_LANGUAGE: 'pseudo', ALERT_CRON: '0 9 * * 1-5' } });
    // Everything the fake holds is data: names, ids, Webex's own error texts.
    const words = [...h.fake.state.subscribers.values()].flatMap((s) => [s.userId, s.firstName, s.lastName, s.email, s.spEnterpriseId, ...(s.errors ?? []).map((e) => e.description)]);
    words.push(...[...h.fake.state.people.values()].flatMap((p) => [p.displayName, p.firstName, p.lastName]));
    words.push('bogus', 'nonsense', 'nobody', 'nowhere', 'klingon');
    data = new Set(words.filter((w): w is string => typeof w === 'string').flatMap((w) => w.toLowerCase().match(/[a-z][a-z'’-]{2,}/g) ?? []));
  }, 60_000);
  afterAll(() => h?.close());

  const leftovers = (messages: FakeMessage[]) =>
    messages.flatMap((m) => {
      // The markdown and the card (the plain `text` Webex derives from the markdown drops the backticks).
      const texts = [m.markdown ?? '', ...(m.attachments?.length ? [readText(cardOf(m))] : [])];
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

  it('confirmations, cause groups, bulk previews, exports, the scheduled alert and the CSV header', async () => {
    const said: FakeMessage[] = [];
    const [off] = await h.say('emails off');
    said.push(off!, ...(await h.click(off!, submits(off!).find((d) => d.action === 'emails.off.confirm')!)));
    said.push(...(await h.say('emails on')));
    const [groups] = await h.say('errors');
    const open = submits(groups!).find((d) => d.action === 'errors.group.open')!;
    const [group] = await h.click(groups!, { ...open, causeKey: 'code:10022' });
    said.push(groups!, group!);
    for (const action of ['errors.group.users', 'errors.group.export']) said.push(...(await h.click(group!, submits(group!).find((d) => d.action === action)!)));
    const bulk = submits(group!).find((d) => d.action === 'errors.group.bulk')!;
    said.push(...(await h.click(group!, bulk)));
    said.push(...(await h.say('export')), ...(await h.say('stats')), ...(await h.say('alerts on')), ...(await h.say('errors on')));
    const before = h.botMessages().length;
    await h.app.alerts.tick(h.app.alerts.nextRun(new Date(Date.now() + 7 * 86_400_000))!);
    said.push(...h.botMessages().slice(before));
    expect(said.length).toBeGreaterThan(12);
    expect(leftovers(said)).toEqual([]);
    // The export's columns are headed in the space's language.
    const file = said.find((m) => m.files?.length && m.markdown?.includes('·'))!;
    const csv = await (await fetch(file.files![0]!, { headers: { authorization: `Bearer ${h.fake.botToken}` } })).text();
    expect(englishWords(csv.split('\n').slice(0, 2).join('\n'), data)).toEqual([]);
  });

  it('what the bot posts on its own: a bulk job’s progress and result, a failure push, the weekly summary', async () => {
    const before = h.botMessages().length;
    // A bulk retry of one cause, confirmed: its progress and result card come by themselves.
    const [groups] = await h.say('errors');
    const [group] = await h.click(groups!, { ...submits(groups!).find((d) => d.action === 'errors.group.open')!, causeKey: 'code:10024' });
    const [preview] = await h.click(group!, submits(group!).find((d) => d.action === 'errors.group.bulk' && d.kind === 'remove')!);
    await h.click(preview!, submits(preview!).find((d) => d.action === 'bulk.confirm')!);
    for (let i = 0; i < 100 && !h.botMessages().slice(before).some((m) => m.attachments?.length && /✅|❌/.test(m.markdown ?? '')); i++) await new Promise((r) => setTimeout(r, 50));
    // A user fails in Webex; with errors on, the next refresh pushes a card.
    await h.say('errors on');
    h.fake.seed.subscriber({ userId: 'late-fail@sp.example', firstName: 'Fay', lastName: 'Fail', email: 'fay@acme.example', status: 'error', errors: [{ errorCode: 10033, description: 'Validation link expired.' }] });
    data.add('fay').add('fail').add('validation').add('link').add('expired');
    await h.app.provisioning.sync.subscribers();
    for (let i = 0; i < 100 && !h.botMessages().slice(before).some((m) => (m.markdown ?? '').includes('fay@acme.example')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(h.botMessages().slice(before).some((m) => (m.markdown ?? '').includes('fay@acme.example'))).toBe(true);
    // The weekly summary, on its day.
    await h.say('stats weekly on');
    await h.app.weeklyStats.tick(new Date('2026-12-07T10:00:00Z'));
    const posted = h.botMessages().slice(before);
    expect(posted.filter((m) => m.attachments?.length).length).toBeGreaterThanOrEqual(6);
    expect(leftovers(posted)).toEqual([]);
  });
});

describe('the pseudo-language in partner mode', () => {
  const PARTNER_TOKEN = 'fake-partner-token-pseudo-0001';
  let h: Harness;
  let data: Set<string>;
  beforeAll(async () => {
    h = await startHarness({
      env: { DEFAULT_LANGUAGE: 'pseudo', WEBEX_ADMIN_TOKEN: PARTNER_TOKEN, WEBEX_ORG_ID: '' },
      seed: (fake) => {
        const partner = fake.seed.partnerAdmin({ token: PARTNER_TOKEN });
        fake.seed.customerOrg({ name: 'Acme Dental', enterprises: ['SP1+acme'], partnerOrgId: partner.orgId });
        fake.seed.customerOrg({ name: 'Globex Retail', enterprises: ['SP1+globex'], partnerOrgId: partner.orgId, autoEmails: false });
        fake.seed.subscriber({ userId: 'acme-err@sp.example', firstName: 'Erin', lastName: 'Error', email: 'erin@acme.example', spEnterpriseId: 'SP1+acme', status: 'error', errors: [{ errorCode: 10022, description: 'Already associated.' }] });
        fake.seed.subscriber({ userId: 'globex0@sp.example', firstName: 'Gil', lastName: 'Globex', email: 'gil@globex.example', spEnterpriseId: 'SP1+globex', status: 'pending_email_validation' });
      },
    });
    await h.app.orgs.settled();
    // The orgs' names (the fake partner's own org too) and what was typed are data.
    data = new Set(['acme', 'dental', 'globex', 'retail', 'erin', 'error', 'gil', 'already', 'associated', 'partner', 'admin', 'fake', 'org', 'nowhere']);
  }, 90_000);
  afterAll(() => h?.close());

  it('orgs, org, admins, partner-wide lists and the question which org', async () => {
    const said: FakeMessage[] = [];
    for (const text of ['orgs', 'org', 'emails', 'users', 'admins', 'admins add it@acme.example Acme Dental', 'admins', 'org use Acme Dental', 'users', 'org all', 'admins remove it@acme.example', 'org use nowhere']) {
      said.push(...(await h.say(text)));
    }
    expect(said.length).toBeGreaterThan(10);
    const found = said.flatMap((m) => [m.markdown ?? '', ...(m.attachments?.length ? [readText(cardOf(m))] : [])]).flatMap((text) => englishWords(text, data).map((w) => `${w} ← ${text.slice(0, 80)}`));
    expect(found).toEqual([]);
  });
});
