import { expect } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import type { Harness } from './bot-harness.js';

/** Every card the bot posted (in any room) passes the validator, and has fallback text. */
export function expectEveryCardValid(h: Harness): void {
  const cards = [...h.fake.state.messages.values()].filter((m) => m.personId === h.fake.state.botId && m.attachments?.length);
  expect(cards.length).toBeGreaterThan(5);
  for (const m of cards) {
    const content = (m.attachments![0] as { content: Record<string, unknown> }).content;
    expect({ id: m.id, problems: validateCard(content) }).toEqual({ id: m.id, problems: [] });
    expect((m.markdown ?? m.text ?? '').length).toBeGreaterThan(0);
  }
}
