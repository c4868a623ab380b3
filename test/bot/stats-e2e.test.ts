// `stats` end to end: the real app, the real framework and Prisma, against the fake Webex over
// HTTP. The first start backfills the history from the mirror; `stats` posts the card and then
// an image/png file in the same space — in the card's thread in a group space.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeWebex } from '../../src/fake-webex/index.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText } from '../support/cards.js';
import { validateCard } from '../../src/cards/validate.js';
import { decodePng, PNG_SIGNATURE } from '../support/png.js';

const DAY = 86_400_000;

/** Two weeks of arrivals: most provisioned a few days after they came, some errored, some waiting. */
function seedHistory(fake: FakeWebex): void {
  const now = Date.now();
  for (let i = 0; i < 42; i++) {
    const created = new Date(now - (14 - Math.floor(i / 3)) * DAY);
    const status = i % 7 === 0 ? 'error' : i % 5 === 0 ? 'pending_email_input' : 'provisioned';
    const changed = status === 'pending_email_input' ? created : new Date(Math.min(now - 3_600_000, created.getTime() + (1 + (i % 4)) * DAY));
    fake.seed.subscriber({ userId: `h${i}@sp.example`, firstName: 'Hist', lastName: `User${i}`, email: `h${i}@acme.example`, spEnterpriseId: i % 2 ? 'SP1+acme' : 'SP1+globex', status, created, lastStatusChange: changed, ...(status === 'error' ? { errors: [{ errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user.' }] } : {}) });
  }
}

async function download(h: Harness, url: string): Promise<{ type: string | null; bytes: Buffer }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${h.fake.botToken}` } });
  return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('stats end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: seedHistory });
    await h.app.statsCatchUp;
  }, 60_000);
  afterAll(() => h?.close());

  it('in a 1:1 space: the card, then an image/png file in the same space', async () => {
    const replies = await h.say('stats');
    expect(replies).toHaveLength(2);
    const [card, chart] = replies as [(typeof replies)[0], (typeof replies)[0]];
    expect(validateCard((card.attachments![0] as { content: Record<string, unknown> }).content)).toEqual([]);
    expect(cardText(card)).toMatch(/Activation trends/);
    expect(cardText(card)).toMatch(/Provisioned \d+ \(.+ in \d+ days\) · Errors \d+/);
    expect(chart.roomId).toBe(h.direct.id);
    expect(chart.parentId).toBeUndefined();
    expect(chart.files).toHaveLength(1);
    const file = await download(h, chart.files![0]!);
    expect(file.type).toMatch(/^image\/png/);
    expect(file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(decodePng(file.bytes).width).toBe(1200);
  });

  it('in a group space: the chart goes in the card’s thread', async () => {
    const replies = await h.say('stats 14d enterprise SP1+acme', { room: h.group });
    expect(replies).toHaveLength(2);
    const [card, chart] = replies as [(typeof replies)[0], (typeof replies)[0]];
    expect(cardText(card)).toContain('enterprise SP1+acme');
    expect(chart.roomId).toBe(h.group.id);
    expect(chart.parentId).toBe(card.id);
    expect((await download(h, chart.files![0]!)).type).toMatch(/^image\/png/);
  });

  it('stats weekly on: the summary comes on its day, once a week however often it ticks; off stops it', async () => {
    const [on] = await h.say('stats weekly on', { room: h.group });
    expect(on!.markdown).toMatch(/Weekly summary: \*\*ON\*\* for this space .* every Monday from 09:00 UTC/);
    const inGroup = () => h.botMessages(h.group);
    const before = inGroup().length;
    // 2026-12-07 is a Monday; 08:00 is before the hour, Sunday is the wrong day.
    expect(await h.app.weeklyStats.tick(new Date('2026-12-07T08:00:00Z'))).toEqual([]);
    expect(await h.app.weeklyStats.tick(new Date('2026-12-06T10:00:00Z'))).toEqual([]);
    const due = new Date('2026-12-07T09:30:00Z');
    // Ticks at once and later the same day: the space's lease and the week recorded after the post make it one.
    const outcomes = (await Promise.all([h.app.weeklyStats.tick(due), h.app.weeklyStats.tick(due), h.app.weeklyStats.tick(new Date('2026-12-07T15:00:00Z'))])).flat();
    expect(outcomes.filter((o) => o.kind === 'posted')).toHaveLength(1);
    const sent = inGroup().slice(before);
    expect(sent).toHaveLength(2);
    const [card, chart] = sent as [(typeof sent)[0], (typeof sent)[0]];
    expect(card.markdown).toMatch(/^Weekly summary\./);
    expect(cardText(card)).toMatch(/Activation trends/);
    expect(chart.parentId).toBe(card.id);
    expect((await download(h, chart.files![0]!)).type).toMatch(/^image\/png/);
    // The next week: again once.
    await h.app.weeklyStats.tick(new Date('2026-12-14T09:05:00Z'));
    expect(inGroup().slice(before)).toHaveLength(4);
    const [off] = await h.say('stats weekly off', { room: h.group });
    expect(off!.markdown).toMatch(/Weekly summary: \*\*OFF\*\*/);
    await h.app.weeklyStats.tick(new Date('2026-12-21T09:05:00Z'));
    expect(inGroup().slice(before)).toHaveLength(4 + 1); // the OFF answer only
    const audit = await h.app.store.audit.latest(20);
    expect(audit.filter((a) => a.action === 'stats.weekly.sent')).toHaveLength(2);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['stats.weekly.on', 'stats.weekly.off']));
  });

  it('stats weekly with an unknown word gets the short help', async () => {
    const [reply] = await h.say('stats weekly sometimes');
    expect(reply!.markdown).toMatch(/Use `stats weekly on`, `stats weekly off` or `stats weekly status`/);
  });

  it('stats export posts the series as a CSV file', async () => {
    const [reply] = await h.say('stats export');
    const file = await download(h, reply!.files![0]!);
    expect(file.type).toMatch(/^text\/csv/);
    expect(file.bytes.toString('utf8')).toMatch(/^day,scope,reconstructed,live,/);
  });
});
