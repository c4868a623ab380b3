// validateCard must catch what Webex would reject or the bot must not send.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';

const submit = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'Action.Submit',
  title,
  data: { action: 'emails.on', cardId: 'c1', ...extra },
});
const good = () => ({
  type: 'AdaptiveCard',
  version: '1.3',
  body: [
    { type: 'TextBlock', text: 'Hello', wrap: true },
    { type: 'Input.Text', id: 'email', label: 'Email', isRequired: true, errorMessage: 'Enter an email', regex: '^.+@.+$' },
  ],
  actions: [submit('One'), { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [], actions: [submit('Two')] } }],
});

const expectProblem = (card: unknown, pattern: RegExp) => {
  const problems = validateCard(card);
  expect(problems.some((p) => pattern.test(p)), problems.join('\n')).toBe(true);
};

describe('validateCard', () => {
  it('accepts a good 1.3 card', () => {
    expect(validateCard(good())).toEqual([]);
  });

  it('accepts the shared sample card once its Submits carry our data', () => {
    const sample = JSON.parse(readFileSync(new URL('../fixtures/sample-card.json', import.meta.url), 'utf8'));
    const problems = validateCard(sample);
    expect(problems.every((p) => /data\.(action|cardId)/.test(p))).toBe(true);
  });

  it('rejects six actions', () => {
    expectProblem({ ...good(), actions: Array.from({ length: 6 }, (_, i) => submit(`A${i}`)) }, /6 actions; Webex allows at most 5/);
  });

  it('counts the actions of a ShowCard card too', () => {
    const card = good();
    card.actions[1] = { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [], actions: Array.from({ length: 6 }, (_, i) => submit(`B${i}`)) } };
    expectProblem(card, /\/actions\/1\/card: 6 actions/);
  });

  it('rejects Media, which Webex does not render', () => {
    const card = good();
    card.body.push({ type: 'Media', sources: [{ url: 'https://example.com/v.mp4', mimeType: 'video/mp4' }] } as never);
    expectProblem(card, /UnknownElementType: Unknown element type "Media"/);
  });

  it('rejects version 1.5 and a missing version', () => {
    expectProblem({ ...good(), version: '1.5' }, /version 1\.5 is above 1\.3/);
    const { version: _v, ...noVersion } = good();
    expectProblem(noVersion, /version is missing/);
  });

  it('rejects an unknown element in the schema and in the parser', () => {
    const card = good();
    card.body.push({ type: 'Fancy.Widget', text: 'x' } as never);
    expectProblem(card, /schema: \/body\/2 has unknown type "Fancy\.Widget"/);
    expectProblem(card, /UnknownElementType: Unknown element type "Fancy\.Widget"/);
  });

  it('rejects 1.4+ features: Action.Execute, refresh, Table', () => {
    expectProblem({ ...good(), actions: [{ type: 'Action.Execute', title: 'Go' }] }, /Action\.Execute/);
    expectProblem({ ...good(), refresh: { action: { type: 'Action.Execute' } } }, /refresh/);
    expectProblem({ ...good(), body: [{ type: 'Table', columns: [], rows: [] }] }, /Table/);
  });

  it('rejects a card-level fallbackText (it belongs in the message)', () => {
    expectProblem({ ...good(), fallbackText: 'plain' }, /"fallbackText" is not supported/);
  });

  it('rejects a Submit without action or cardId, or with an unknown action', () => {
    expectProblem({ ...good(), actions: [{ type: 'Action.Submit', title: 'x' }] }, /needs data \{ action, cardId \}/);
    expectProblem({ ...good(), actions: [{ type: 'Action.Submit', title: 'x', data: { action: 'emails.on' } }] }, /data\.cardId is missing/);
    expectProblem({ ...good(), actions: [submit('x', { action: 'rm -rf' })] }, /"rm -rf" is not a known action/);
  });

  it('checks Submits inside ShowCards and ActionSets', () => {
    const card = good();
    card.body.push({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'x', data: { cardId: 'c1' } }] } as never);
    expectProblem(card, /\/body\/2\/actions\/0: Action\.Submit data\.action/);
  });

  it('reports schema mistakes: missing text, misspelled property, bad enum, input without id', () => {
    expectProblem({ ...good(), body: [{ type: 'TextBlock' }] }, /schema: .*text/);
    expectProblem({ ...good(), body: [{ type: 'TextBlock', text: 'x', colour: 'good' }] }, /schema: .*colour/);
    expectProblem({ ...good(), body: [{ type: 'TextBlock', text: 'x', size: 'gigantic' }] }, /gigantic|size/);
    expectProblem({ ...good(), body: [{ type: 'Input.Text' }] }, /id/);
  });

  it('rejects duplicate input ids and Action.ToggleVisibility', () => {
    expectProblem({ ...good(), body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }, /DuplicateId/);
    expectProblem({ ...good(), actions: [{ type: 'Action.ToggleVisibility', title: 't', targetElements: ['x'] }] }, /UnknownActionType/);
  });

  it('rejects something that is not a card', () => {
    expectProblem('hello', /not an object/);
    expectProblem({ type: 'Nope', version: '1.3', body: [] }, /type must be "AdaptiveCard"/);
  });
});
