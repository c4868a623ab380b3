// Reading the cards the bot sent, as a Webex client would: find a button's Submit data.
import type { FakeMessage } from '../../src/fake-webex/types.js';

export type Json = Record<string, unknown>;

export function cardOf(message: FakeMessage | undefined): Json {
  const content = (message?.attachments as { content?: Json }[] | undefined)?.[0]?.content;
  if (!content) throw new Error(`message has no card: ${JSON.stringify(message?.markdown ?? message?.text)}`);
  return content;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** The Submit data of every button in the card (including those inside ShowCards). */
export function submits(message: FakeMessage): Json[] {
  const found: Json[] = [];
  walk(cardOf(message), (n) => {
    if (n.type === 'Action.Submit' && n.data && typeof n.data === 'object') found.push(n.data as Json);
  });
  return found;
}

export function submit(message: FakeMessage, action: string): Json {
  const data = submits(message).find((d) => d.action === action);
  if (!data) throw new Error(`no "${action}" button; the card offers ${submits(message).map((d) => d.action).join(', ')}`);
  return data;
}

/** All visible text of a card (TextBlocks, facts, choices), for assertions. */
export function cardText(message: FakeMessage): string {
  const parts: string[] = [];
  walk(cardOf(message), (n) => {
    for (const key of ['text', 'title', 'value'] as const) if (typeof n[key] === 'string') parts.push(n[key] as string);
  });
  return parts.join('\n');
}
