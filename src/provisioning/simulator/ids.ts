// Webex-looking ids and the simulator's randomness. Webex ids are unpadded base64 of
// `ciscospark://us/<KIND>/<uuid>`; UUIDs are drawn from an injectable random source so a seed
// (or a test) gets the same ids every time.

/** A source of numbers in [0, 1), like Math.random. */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough to make demo data deterministic per seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4 UUID whose bits come from `random`. */
export function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export type IdKind = 'SUBSCRIBER' | 'PEOPLE' | 'ORGANIZATION' | 'ENTERPRISE' | 'JOB_ID' | 'LICENSE';

export function webexId(kind: IdKind, uuid: string): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64').replace(/=+$/, '');
}

/** The UUID inside a Webex id (Webex's own error texts quote user UUIDs, not ids). */
export function uuidOf(id: string): string {
  const uri = Buffer.from(id, 'base64').toString('utf8');
  return /\/([0-9a-f-]{36})$/.exec(uri)?.[1] ?? id;
}

/** A customer template's provisioning id: unpadded base64 of `<uuid>:<uuid>`, like Partner Hub's. */
export function provisioningIdFrom(random: Random): string {
  return Buffer.from(`${uuidFrom(random)}:${uuidFrom(random)}`).toString('base64').replace(/=+$/, '');
}

export function trackingIdFrom(random: Random): string {
  return `ROUTER_${uuidFrom(random).toUpperCase()}`;
}

/** A random integer in [min, max]. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** FNV-1a: a stable 32-bit number from a string (to derive ids from other ids). */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The UUID of the org's full admin, who "runs" every simulated job; derived, so never stored. */
export function adminUuidFor(orgId: string): string {
  return uuidFrom(seededRandom(hashOf(`admin:${orgId}`)));
}
