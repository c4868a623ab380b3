// Metric labels must have few values: a Webex path becomes its template (`/messages/{id}`), and a
// webhook resource one of the few Webex sends, so ids and hostile input never become label values.

const ID_SEGMENT = [
  /^[A-Za-z0-9+/_=-]{20,}$/, // Webex ids (base64), tokens
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUIDs
  /^\d+$/, // numeric ids
  /[@%.]/, // emails, encoded values, user ids such as alice@sp.example
];

/** `/v1/messages/Y2lz…?max=10` → `/messages/{id}` (the `/v1` base is dropped). */
export function endpointTemplate(path: string): string {
  const bare = path.split(/[?#]/, 1)[0]!.replace(/^\/v1(?=\/|$)/, '');
  const segments = bare
    .split('/')
    .filter(Boolean)
    .slice(0, 6)
    .map((s) => (ID_SEGMENT.some((re) => re.test(s)) ? '{id}' : s.slice(0, 40)));
  return `/${segments.join('/')}`;
}

const RESOURCES = new Set(['messages', 'attachmentActions', 'memberships', 'rooms', 'meetings', 'callings', 'telephony_calls']);

export function resourceLabel(resource: string | undefined): string {
  if (resource === undefined) return 'unknown';
  return RESOURCES.has(resource) ? resource : 'other';
}

/** Status label: the HTTP status, or what went wrong before one arrived. */
export function statusLabel(status: number | string | undefined): string {
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status < 600) return String(status);
  return typeof status === 'string' && /^[a-z_]{1,20}$/.test(status) ? status : 'error';
}
