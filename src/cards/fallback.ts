// The fallback message: markdown lines joined and held under Webex's limit for a message's
// `text`/`markdown` field (messages.yml: 7439 bytes).

export const FALLBACK_MAX_BYTES = 7439;
const TRUNCATED = '\n… (shortened; open the card for the rest)';

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Joins the lines (empty or undefined ones dropped) and, if the result is too long, cuts whole
 * lines from the end and says so. A single over-long line is cut by code points.
 */
export function fallbackText(lines: Array<string | undefined | false>, maxBytes = FALLBACK_MAX_BYTES): string {
  const kept = lines.filter((line): line is string => typeof line === 'string' && line.length > 0);
  const full = kept.join('\n');
  if (byteLength(full) <= maxBytes) return full;

  const budget = maxBytes - byteLength(TRUNCATED);
  const out: string[] = [];
  let used = 0;
  for (const line of kept) {
    const cost = byteLength(line) + (out.length > 0 ? 1 : 0);
    if (used + cost > budget) {
      if (out.length === 0) out.push(cutToBytes(line, budget));
      break;
    }
    out.push(line);
    used += cost;
  }
  return out.join('\n') + TRUNCATED;
}

function cutToBytes(text: string, maxBytes: number): string {
  let used = 0;
  let result = '';
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > maxBytes) break;
    result += ch;
    used += size;
  }
  // A cut inside a backslash escape would leave a dangling "\" that escapes our own text.
  return result.replace(/(?<!\\)(\\\\)*\\$/, '$1');
}
