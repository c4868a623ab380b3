import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardText, submits } from '../support/cards.js';

describe('bot smoke', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('answers help with the command card', async () => {
    const replies = await h.say('help');
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0]!)).toContain('users');
    expect(submits(replies[0]!)).toEqual([]);
  });

  it('lists users', async () => {
    const replies = await h.say('users');
    expect(replies).toHaveLength(1);
    console.log(cardText(replies[0]!).slice(0, 600));
    console.log(submits(replies[0]!));
  });
});
