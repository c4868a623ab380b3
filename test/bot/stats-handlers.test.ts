// `stats` alone, through the fake BotContext over the real services, the embedded database and
// the seeded simulator: no history yet → "not enough data yet" and no chart; with history → the
// card, then the chart beside it; `stats export` → CSV; words it does not know → the short help.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, utcDay } from '../../src/store/daily-stats.js';
import { handlerWorld, offerAs, type HandlerWorld } from '../support/fake-bot-context.js';
import { decodePng } from '../support/png.js';

describe('stats handlers', () => {
  let w: HandlerWorld;
  beforeAll(async () => {
    w = await handlerWorld();
  });
  afterAll(() => w.dispose());

  it('no history yet: a "not enough data yet" card and no chart', async () => {
    const ctx = await w.say('stats');
    expect(ctx.cards).toHaveLength(1);
    expect(ctx.cards[0]!.fallbackText).toContain('not enough data yet');
    expect(ctx.files).toEqual([]);
    const exported = await w.say('stats export');
    expect(exported.files).toEqual([]);
    expect(exported.cards[0]!.fallbackText).toContain('not enough data yet');
  });

  it('with history: the card, then the chart as a PNG beside it (in its thread in a group space)', async () => {
    const today = utcDay(w.clock.now());
    const earliest = await w.db.store.dailyStats.earliestKnownDay();
    expect(earliest).not.toBeNull();
    await w.db.store.dailyStats.backfill(earliest! < addDays(today, -60) ? addDays(today, -60) : earliest!, addDays(today, -1), w.clock.now());
    const ctx = await w.say('stats');
    expect(ctx.replies).toEqual([]);
    const [card] = ctx.cards;
    expect(offerAs(card, 'stats')).toEqual({ kind: 'stats', actions: [], context: {} });
    expect(card!.fallbackText).toMatch(/Provisioned [\d,]+ \((\+|−)?[\d,]+ in \d+ days|Provisioned [\d,]+ \(no change in \d+ days/);
    expect(ctx.files).toHaveLength(1);
    const [{ file, markdown, beside }] = ctx.files as [(typeof ctx.files)[number]];
    expect(file.contentType).toBe('image/png');
    expect(decodePng(file.data).width).toBe(1200);
    expect(beside).toEqual({ messageId: `message-of-${card!.cardId}` });
    expect(markdown).toContain('The numbers are in the card above');
  });

  it('stats export: the daily series as CSV', async () => {
    const ctx = await w.say('stats export 7d');
    expect(ctx.files).toHaveLength(1);
    const csv = ctx.files[0]!.file.data.toString('utf8').trim().split('\r\n');
    expect(ctx.files[0]!.file.contentType).toBe('text/csv');
    expect(csv[0]).toMatch(/^day,scope,/);
    expect(csv.length).toBe(9);
  });

  it('answers words it does not know, and periods out of range, with the short help', async () => {
    const odd = await w.say('stats yesterday');
    expect(odd.replies[0]).toMatch(/^I don't know “yesterday” here\. Try `stats`/);
    const long = await w.say('stats 900d');
    expect(long.replies[0]).toMatch(/^900 days is out of range \(1 to 399\)/);
    const noId = await w.say('stats enterprise');
    expect(noId.replies[0]).toMatch(/^Say which enterprise/);
    for (const ctx of [odd, long, noId]) expect(ctx.cards).toEqual([]);
  });
});
