// A pseudo-language for checking that nothing an admin reads is left in English: every message's
// own words get accents on every letter and 40 % more length, its arguments (names, counts,
// emails) and what sits in backticks (command words, which stay English) or links stay as they
// are. `DEFAULT_LANGUAGE=pseudo` makes the bot speak it; any plain ASCII word left in a card or
// reply is then text that does not come from the catalogue (see test/i18n/pseudo-e2e.test.ts).
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀçđéƒĝĥíĵķĺɱñóƥʠŕšţúʋŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŢÚṼŴẊÝŽ';
const MAP = new Map([...PLAIN].map((c, i) => [c, [...ACCENTED][i]!]));

/** Accents the letters of `text` outside backticks and links. */
function accent(text: string): string {
  return text
    .split(/(`[^`]*`|https?:\/\/\S+|\]\([^)]*\))/)
    .map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => MAP.get(c) ?? c).join('')))
    .join('');
}

function walk(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: walk(o.value) }]));
      return { ...el, options };
    }
    if (el.type === TYPE.tag) return { ...el, children: walk(el.children) };
    return el;
  });
}

/** The pseudo-language form of an English ICU message. */
export function pseudoMessage(message: string): string {
  const printed = printAST(walk(parse(message, { ignoreTag: true })));
  const letters = message.replace(/\{[^}]*\}|`[^`]*`/g, '').replace(/[^A-Za-z]/g, '').length;
  return letters === 0 ? printed : `${printed} ${'·'.repeat(Math.ceil(letters * 0.4))}`;
}
