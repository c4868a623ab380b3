// What the fault campaign sends: one group space per distinct message (so every answer can be
// traced to the message it answers), a mix of reads, changes, exports and refusals, and the
// deliveries of each event — 1 to 4 copies each, shuffled, each to a random instance.
import type { FakeMessage, FakePerson, FakeRoom } from '../../../src/fake-webex/types.js';
import type { Cluster } from './cluster.js';

export type Intent = 'help' | 'emails-on' | 'export' | 'emails-off' | 'refused' | 'users';

export interface PlannedMessage {
  kind: Intent;
  room: FakeRoom;
  author: FakePerson;
  /** Appears in the answer and the audit of exports (`find <token>`). */
  token: string;
  envelope: string;
}

export interface PlannedClick {
  room: FakeRoom;
  card: FakeMessage;
  envelope: string;
}

/** A small seeded PRNG (mulberry32): a failing campaign can be replayed with CAMPAIGN_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Out of every 20 messages: 6 help, 4 `emails on`, 3 exports, 3 `emails off`, 2 from a non-admin, 2 lists.
const MIX: Intent[] = ['help', 'help', 'help', 'help', 'help', 'help', 'emails-on', 'emails-on', 'emails-on', 'emails-on', 'export', 'export', 'export', 'emails-off', 'emails-off', 'emails-off', 'refused', 'refused', 'users', 'users'];

function textOf(kind: Intent, token: string): string {
  switch (kind) {
    case 'help':
      return 'help';
    case 'emails-on':
    case 'refused':
      return 'emails on';
    case 'emails-off':
      return 'emails off';
    case 'export':
      return `export find ${token}`;
    case 'users':
      return `users find ${token}`;
  }
}

export async function planMessages(c: Cluster, count: number): Promise<PlannedMessage[]> {
  const planned: PlannedMessage[] = [];
  for (let i = 0; i < count; i++) {
    const kind = MIX[i % MIX.length]!;
    const admin = c.admins[i % c.admins.length]!;
    const author = kind === 'refused' ? c.member : admin;
    const room = c.fake.seed.groupRoom({ title: `Campaign ${i}`, members: [admin, c.member] });
    const token = `tok${i}q`;
    const { envelope } = await c.quietMessage(room, author, textOf(kind, token));
    planned.push({ kind, room, author, token, envelope });
  }
  return planned;
}

/** The Action.Submit data with `action` inside a card (cards nest actions in containers). */
export function submitDataOf(card: unknown, action: string): Record<string, unknown> | undefined {
  if (!card || typeof card !== 'object') return undefined;
  const data = (card as { data?: { action?: unknown } }).data;
  if (data && data.action === action) return data as Record<string, unknown>;
  for (const value of Object.values(card)) {
    const found = submitDataOf(value, action);
    if (found) return found;
  }
  return undefined;
}

/** Two presses (a double click) of the confirm button of every `emails off` card that was sent. */
export async function planClicks(c: Cluster, messages: PlannedMessage[]): Promise<PlannedClick[]> {
  const clicks: PlannedClick[] = [];
  for (const m of messages.filter((x) => x.kind === 'emails-off')) {
    const card = c.botMessages(m.room).find((x) => submitDataOf(x.attachments, 'emails.off.confirm'));
    if (!card) continue; // answered with an error instead: nothing to press
    const data = submitDataOf(card.attachments, 'emails.off.confirm')!;
    for (let press = 0; press < 2; press++) {
      const { envelope } = await c.quietClick(card, m.author, { ...data });
      clicks.push({ room: m.room, card, envelope });
    }
  }
  return clicks;
}

/** Each envelope 1–4 times (mean 2.25), all shuffled together. */
export function withCopies(envelopes: string[], random: () => number): string[] {
  const copies = envelopes.flatMap((e) => {
    const r = random();
    const n = r < 0.3 ? 1 : r < 0.6 ? 2 : r < 0.85 ? 3 : 4;
    return Array.from({ length: n }, () => e);
  });
  for (let i = copies.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copies[i], copies[j]] = [copies[j]!, copies[i]!];
  }
  return copies;
}
