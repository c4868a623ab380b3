// escapeMarkdown and friends: user text must render as typed, never as markdown, links or mentions.
import { describe, expect, it } from 'vitest';
import { clip, codeBlock, escapeMarkdown, plainText } from '../../src/cards/escape.js';
import { byteLength, fallbackText, FALLBACK_MAX_BYTES } from '../../src/cards/fallback.js';

/** What a CommonMark renderer shows for backslash escapes: the escaped character itself. */
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('escapeMarkdown', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_it_', '\\_it\\_'],
    ['[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['![img](https://evil.example/i.png)', '!\\[img\\](https://evil.example/i.png)'],
    ['<@personEmail:boss@example.com>', '\\<@personEmail:boss@example.com\\>'],
    ['<@all>', '\\<@all\\>'],
    ['&lt;@personId:x&gt;', '\\&lt;@personId:x\\&gt;'],
    ['<b>x</b>', '\\<b\\>x\\</b\\>'],
    ['`code`', '\\`code\\`'],
    ['~~strike~~', '\\~\\~strike\\~\\~'],
    ['a\\*b', 'a\\\\\\*b'],
    ['| a | b |', '\\| a \\| b \\|'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
    expect(unescape(escapeMarkdown(input))).toBe(input);
  });

  it.each([
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['> quote', '\\> quote'],
    ['1. one', '1\\. one'],
    ['12) twelve', '12\\) twelve'],
    ['=== rule', '\\=== rule'],
  ])('neutralises the block marker at the start of %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves ordinary names, emails, ids and dates readable', () => {
    expect(escapeMarkdown('Jiří Novák-Dvořák')).toBe('Jiří Novák-Dvořák');
    expect(escapeMarkdown('ana.popescu+test@acme.example')).toBe('ana.popescu+test@acme.example');
    expect(escapeMarkdown('bw-1001 2025-03-10 1.5')).toBe('bw-1001 2025-03-10 1.5');
    expect(escapeMarkdown("O'Brien (Sales)")).toBe("O'Brien (Sales)");
  });

  it('folds new lines so user text cannot start a list, heading or code block', () => {
    expect(escapeMarkdown('line one\n# two\n\n    code\r\n- three')).toBe('line one # two code - three');
  });

  it('drops control, zero-width and bidi-override characters', () => {
    expect(escapeMarkdown('Ana\u202Egnp.exe\u200B\u0000\u0007 X\uFEFF')).toBe('Anagnp.exe X');
  });

  it('keeps emoji and combined characters whole', () => {
    expect(escapeMarkdown('👩‍💻 Žluťoučký')).toBe('👩‍💻 Žluťoučký');
  });

  it('treats template syntax as text', () => {
    expect(escapeMarkdown('${evil} {{x}}')).toBe('${evil} {{x}}');
  });

  it('clips before escaping, so an escape is never cut in half', () => {
    const out = escapeMarkdown('*'.repeat(50), 10);
    expect(out).toBe(`${'\\*'.repeat(9)}…`);
    expect(escapeMarkdown('x'.repeat(5000)).length).toBe(200);
  });

  it('returns "" for null and undefined and stringifies numbers', () => {
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown(undefined)).toBe('');
    expect(escapeMarkdown(7012)).toBe('7012');
  });
});

describe('plainText and clip', () => {
  it('collapses whitespace and removes invisible characters, but does not escape', () => {
    expect(plainText('  **a**\n\tb\u200B ')).toBe('**a** b');
  });

  it('never splits a surrogate pair', () => {
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(clip('abc', 3)).toBe('abc');
  });
});

describe('codeBlock', () => {
  it('keeps the text exact inside a fence longer than any backtick run', () => {
    expect(codeBlock('Error ```x``` done')).toBe('````\nError ```x``` done\n````');
    expect(codeBlock('plain')).toBe('```\nplain\n```');
  });

  it('breaks a mention opener with a zero-width space', () => {
    expect(codeBlock('<@personEmail:a@b.c>')).toBe('```\n<\u200B@personEmail:a@b.c>\n```');
  });
});

describe('fallbackText', () => {
  it('joins non-empty lines', () => {
    expect(fallbackText(['a', '', undefined, false, 'b'])).toBe('a\nb');
  });

  it('cuts whole lines from the end to stay under the byte limit, and says so', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `- line ${i} ${'ž'.repeat(20)}`);
    const text = fallbackText(lines);
    expect(byteLength(text)).toBeLessThanOrEqual(FALLBACK_MAX_BYTES);
    expect(text).toMatch(/shortened/);
    expect(text.split('\n').slice(0, -1).every((l) => l.startsWith('- line '))).toBe(true);
  });

  it('cuts a single over-long line without leaving a dangling escape', () => {
    const text = fallbackText(['\\*'.repeat(5000)], 101);
    expect(byteLength(text)).toBeLessThanOrEqual(101);
    expect(text.split('\n')[0]).toMatch(/^(\\\*)+$/);
  });
});
