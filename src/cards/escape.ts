// Everything that comes from users or Webex (names, emails, error texts, filter text) passes
// through here before it reaches markdown: TextBlock text, FactSet values, checkbox labels and the
// fallback message. A name such as "**x** [y](https://evil) <@personEmail:boss@x>" must show as
// typed, never format, link or mention anyone.

/** Invisible characters that can hide or reorder text (bidi overrides, zero-width spaces, BOM). */
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** C0/C1 control characters other than whitespace. */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
/**
 * ASCII punctuation that starts markdown anywhere in a line: emphasis, code, links, images,
 * autolinks/HTML/mentions (`<`), entities (`&`), strikethrough, escapes themselves.
 * CommonMark lets any ASCII punctuation be backslash-escaped, so `\x` renders as `x`.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>&~|]/g;
/** Block markers that only matter at the start of a line: lists, headings, quotes, setext rules. */
const LINE_START_SPECIAL = /^([-+#=>])|^(\d+)([.)])/;

export const DEFAULT_MAX_CHARS = 200;

/**
 * One line of plain text: no control or invisible characters, whitespace (newlines included)
 * collapsed to single spaces, at most `maxChars` characters (code points) with an ellipsis.
 * Use it where text is shown but never parsed as markdown (compact choice titles, input values).
 */
export function plainText(value: unknown, maxChars = DEFAULT_MAX_CHARS): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return clip(text, maxChars);
}

/** Shortens to `maxChars` code points (never splits a surrogate pair), ending with "…" when cut. */
export function clip(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/**
 * Markdown-safe single line. Clipping happens before escaping so an escape is never cut in half;
 * the result renders (CommonMark) exactly as the clipped plain text.
 */
export function escapeMarkdown(value: unknown, maxChars = DEFAULT_MAX_CHARS): string {
  const text = plainText(value, maxChars);
  return text
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(LINE_START_SPECIAL, (_m, block: string | undefined, digits: string | undefined, dot: string | undefined) =>
      block ? `\\${block}` : `${digits}\\${dot}`,
    );
}

/**
 * A fenced code block for the fallback message, so an error text can be copied exactly.
 * Inside a fence backslash escapes are literal, so instead the fence is made longer than any
 * backtick run in the text, and a mention opener `<@` gets a zero-width space (the only change).
 */
export function codeBlock(value: unknown, maxChars = 2000): string {
  const text = clip(String(value ?? '').replace(INVISIBLE, '').replace(CONTROL, ' '), maxChars).replace(/<@/g, '<\u200B@');
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}\n${text}\n${fence}`;
}
