// Every builder, with realistic and hostile data and 0/1/many rows, produces a card Webex accepts
// and a fallback that fits the message limit.
import { describe, expect, it } from 'vitest';
import { withLanguage, type Speech } from '../../src/i18n/translate.js';
import { ACTION_NAMES, FALLBACK_MAX_BYTES, byteLength, parseSubmission } from '../../src/cards/index.js';
import { MAX_ACTIONS, validateCard } from '../../src/cards/validate.js';
import { MISSING_FIELD_TEXT } from '../../src/cards/templates.js';
import { allCards } from './fixtures.js';

/** Our own budget for the card JSON (Webex documents none): far below anything that would fail. */
const CARD_JSON_BUDGET_BYTES = 24_000;

function submits(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => submits(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit') out.push(o.data as Record<string, unknown>);
    Object.entries(o).forEach(([k, v]) => k !== 'data' && submits(v, out));
  }
  return out;
}

/**
 * The strings a renderer treats as markdown: TextBlock text, FactSet titles and values, and the
 * labels of checkboxes (expanded ChoiceSet, Toggle). Input values, compact choice titles and
 * button titles are plain text and are not collected.
 */
function markdownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownTexts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts as Array<{ title: string; value: string }>) out.push(f.title, f.value);
    if (o.type === 'Input.ChoiceSet' && o.style === 'expanded') for (const c of o.choices as Array<{ title: string }>) out.push(c.title);
    if (o.type === 'Input.Toggle') out.push(String(o.title));
    Object.entries(o).forEach(([k, v]) => k !== 'data' && markdownTexts(v, out));
  }
  return out;
}

type Json = Record<string, unknown>;

/** What a user would enter in an input: its preset value, the first choice, or a valid email. */
function sampleValue(input: Json): string {
  if (input.type === 'Input.ChoiceSet') {
    const first = (input.choices as Json[])[0]?.value;
    return String(input.value || first || '');
  }
  if (input.type === 'Input.Text' && input.id === 'email') return 'ana.popescu@acme.example';
  if (input.type === 'Input.Toggle') return String(input.value ?? input.valueOff ?? 'false');
  return String(input.value ?? '');
}

function inputsOf(elements: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(elements)) elements.forEach((e) => inputsOf(e, out));
  else if (elements && typeof elements === 'object') {
    const o = elements as Json;
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
    for (const key of ['items', 'columns']) if (key in o) inputsOf(o[key], out);
  }
  return out;
}

/**
 * Every Submit with what Webex would deliver for it: its data merged with the inputs it
 * collects (its own card's body and every enclosing card's body, as the renderer does).
 */
function simulatedSubmissions(card: Json, visible: Json[] = []): Array<{ data: Json; inputs: Json[] }> {
  const inScope = [...visible, ...inputsOf(card.body)];
  const out: Array<{ data: Json; inputs: Json[] }> = [];
  const visitActions = (actions: unknown) => {
    for (const action of (actions as Json[] | undefined) ?? []) {
      if (action.type === 'Action.Submit') out.push({ data: action.data as Json, inputs: inScope });
      if (action.type === 'Action.ShowCard') out.push(...simulatedSubmissions(action.card as Json, inScope));
    }
  };
  visitActions(card.actions);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (o.type === 'ActionSet') visitActions(o.actions);
      for (const key of ['items', 'columns']) if (key in o) walk(o[key]);
    }
  };
  walk(card.body);
  return out;
}

/** Every card in every language, and in the pseudo-language (40 % longer: the size limits hold with room). */
const SPEECHES: Speech[] = ['en', 'ro', 'cs', 'pseudo'];
const everyCard = SPEECHES.flatMap((speech) => allCards().map(([name, render]) => [`${name} [${speech}]`, () => withLanguage(speech, render)] as const));

describe.each(everyCard)('%s', (_name, render) => {
  const { card, fallbackText } = render();

  it('validates against 1.3, the parser and the Webex rules', () => {
    expect(validateCard(card)).toEqual([]);
  });

  it('keeps template syntax and substitutions out of the card', () => {
    const json = JSON.stringify(card);
    // Hostile fixtures carry "${evil}" on purpose (it must stay literal); elsewhere "${" is a bug.
    if (!_name.includes('hostile')) expect(json).not.toContain('${');
    expect(json).not.toContain('"$schema"');
    expect(json).not.toContain(MISSING_FIELD_TEXT); // the undefined-field substitution fired
    // A template message left untranslated (hostile data may carry "{{…}}": it stays literal, as "${").
    if (!_name.includes('hostile')) expect(json).not.toMatch(/\{\{[\w.-]+\}\}/);
  });

  it('stays within the size limits', () => {
    expect(byteLength(fallbackText)).toBeLessThanOrEqual(FALLBACK_MAX_BYTES);
    expect(fallbackText.length).toBeGreaterThan(0);
    expect(byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_JSON_BUDGET_BYTES);
    expect(((card.actions as unknown[]) ?? []).length).toBeLessThanOrEqual(MAX_ACTIONS);
  });

  it('puts a known action and the card id in every Submit', () => {
    for (const data of submits(card)) {
      expect(ACTION_NAMES).toContain(data.action);
      expect(data.cardId).toBe('card_0123456789abcdef');
    }
  });

  it('offers only Submits whose submission (data + inputs) the action schema accepts', () => {
    for (const { data, inputs } of simulatedSubmissions(card)) {
      const values = Object.fromEntries(inputs.map((input) => [input.id as string, sampleValue(input)]));
      for (const key of Object.keys(data)) expect(values, `data key ${key} shadowed by an input`).not.toHaveProperty(key);
      const parsed = parseSubmission({ ...data, ...values });
      expect(parsed.ok ? [] : parsed.issues, String(data.action)).toEqual([]);
    }
  });

  it('lets no mention, link or raw markup through where markdown is rendered', () => {
    for (const text of [...markdownTexts(card), fallbackText]) {
      expect(text).not.toMatch(/(?<!\\)<@/);
      expect(text).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
      expect(text).not.toMatch(/(?<!\\)<script/);
      expect(text).not.toMatch(/(?<!\\)\*\*bold/);
      expect(text).not.toMatch(/[\u202E\u200B\u0000\u0007]/);
    }
  });
});
