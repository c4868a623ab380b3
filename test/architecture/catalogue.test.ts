// Guards that fail fast, before any end-to-end click: every action has a handler and every
// handler an action; every card kind is among the validator's fixtures; every action is offered by
// some card; and what a card offers survives the round trip through the store, typed.
import { describe, expect, it } from 'vitest';
import { createActions } from '../../src/bot/actions/index.js';
import { ACTION_NAMES, CARD_KINDS, readOffer } from '../../src/cards/index.js';
import { allCards } from '../cards/fixtures.js';

describe('the action catalogue and the card kinds', () => {
  const handlers = createActions().map((a) => a.name);
  const cards = allCards().map(([name, render]) => [name, render()] as const);

  it('every action in the catalogue has exactly one handler, and every handler an action', () => {
    expect([...handlers].sort()).toEqual([...ACTION_NAMES].sort());
    expect(new Set(handlers).size).toBe(handlers.length);
  });

  it('every card kind appears in the validator fixtures', () => {
    const kinds = new Set(cards.map(([, c]) => c.offer.kind));
    expect(CARD_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('every action is offered by some card', () => {
    const offered = new Set(cards.flatMap(([, c]) => c.offer.actions));
    expect(ACTION_NAMES.filter((a) => !offered.has(a))).toEqual([]);
  });

  it('an offer names only buttons its card draws, and its context reads back typed', () => {
    for (const [name, { card, offer }] of cards) {
      const text = JSON.stringify(card);
      for (const action of offer.actions) expect(text, name).toContain(`"action":"${action}"`);
      const stored = JSON.parse(JSON.stringify({ id: 'c1', kind: offer.kind, context: offer.context })) as { id: string; kind: string; context: unknown };
      expect(readOffer(stored), name).toEqual({ id: 'c1', kind: offer.kind, context: offer.context });
    }
  });

  it('a stored card of an unknown kind, or whose context does not fit its kind, is not read', () => {
    expect(readOffer({ id: 'c1', kind: 'no.such.kind', context: {} })).toBeNull();
    expect(readOffer({ id: 'c1', kind: 'users', context: { subscriberIds: 'not-a-list' } })).toBeNull();
    expect(readOffer({ id: 'c1', kind: 'emails.job', context: { jobIds: ['j1'] } })).toEqual({ id: 'c1', kind: 'emails.job', context: { jobIds: ['j1'] } });
  });
});
