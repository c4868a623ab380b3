// What makes two failures "the same cause": the error code when there is one, else the
// description with what differs from user to user (emails, ids, numbers, quoted names) taken out.

/** The error code as the catalogue and the admins' notes key it: text, upper-case. */
export function codeKey(code: string | number | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  const text = String(code).trim().toUpperCase();
  return text === '' ? null : text;
}

const EMAIL = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[A-Za-z]{2,}/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Webex ids (base64) and other long tokens that mix letters and digits. */
const TOKEN = /\b(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}\b/g;
const QUOTED = /"[^"]{0,200}"|'[^']{0,200}'|“[^”]{0,200}”/g;
const NUMBER = /\d+/g;

/** The description with per-user details replaced by placeholders, lower-case, one line. */
export function normalizeDescription(description: string | null | undefined): string {
  return (description ?? '')
    .replace(EMAIL, '<email>')
    .replace(UUID, '<id>')
    .replace(TOKEN, '<id>')
    .replace(QUOTED, '<x>')
    .replace(NUMBER, '<n>')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** The group a failure belongs to: `code:<CODE>`, else `text:<normalized description>`. */
export function causeKey(code: string | number | null | undefined, description: string | null | undefined): string {
  const key = codeKey(code);
  return key !== null ? `code:${key}` : `text:${normalizeDescription(description)}`;
}
