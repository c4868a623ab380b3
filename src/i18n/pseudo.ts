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

/**
 * Accents the letters of `text` outside backticks and links. `inCode` says whether the text starts
 * inside a backtick span (a span may enclose an argument: "`{name}` works on…"); returns the state
 * after it.
 */
function accent(text: string, inCode: boolean): { text: string; inCode: boolean } {
  let out = '';
  let code = inCode;
  const links = /https?:\/\/\S+|\]\([^)]*\)/y;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '`') {
      code = !code;
      out += c;
      i++;
      continue;
    }
    links.lastIndex = i;
    const link = code ? null : links.exec(text);
    if (link) {
      out += link[0];
      i += link[0].length;
      continue;
    }
    out += code ? c : (MAP.get(c) ?? c);
    i++;
  }
  return { text: out, inCode: code };
}

function walk(elements: MessageFormatElement[], state = { inCode: false }): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) {
      const done = accent(el.value, state.inCode);
      state.inCode = done.inCode;
      return { ...el, value: done.text };
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: walk(o.value, { inCode: state.inCode }) }]));
      return { ...el, options };
    }
    if (el.type === TYPE.tag) return { ...el, children: walk(el.children, state) };
    return el;
  });
}

/** The pseudo-language form of an English ICU message. */
export function pseudoMessage(message: string): string {
  // The printer quotes "<" and ">" for tag syntax; messages are formatted with tags ignored.
  const printed = printAST(walk(parse(message, { ignoreTag: true }))).replace(/'([<>])/g, '$1').replace(/([<>])'/g, '$1');
  const letters = message.replace(/\{[^}]*\}|`[^`]*`/g, '').replace(/[^A-Za-z]/g, '').length;
  return letters === 0 ? printed : `${printed} ${'·'.repeat(Math.ceil(letters * 0.4))}`;
}
