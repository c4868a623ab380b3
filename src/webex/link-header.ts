// Webex pages with RFC 8288 Link headers: `<https://webexapis.com/v1/people?cursor=…>; rel="next"`.

/** The URL of the rel="next" link, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)?.[1];
    if (rel?.split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}
