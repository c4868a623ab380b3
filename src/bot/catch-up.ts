// What was said while the websocket was down. Webex does not replay Mercury events, so after a gap
// the bot lists, over REST, the messages it would have received: spaces by last activity (newest
// first, stopping at the first one quiet since the gap began), then per space the messages that
// mention it (group spaces: a bot may list only those) or all messages (1:1 spaces), newest first,
// stopping at the gap's start. Bounded in spaces and pages; the REST client honours 429
// Retry-After. Card clicks cannot be listed (Webex has no such call), so a click made during the
// gap is not replayed: the card's own expiry and offer rules cover it.
import type { WebexBotApi } from '../webex/bot-api.js';
export { lateBy } from '../cards/index.js';

export interface MissedMessage {
  id: string;
  roomId: string;
  roomType: 'direct' | 'group';
  personId: string;
  personEmail?: string;
  created: Date;
}

export interface CatchUpLimits {
  /** Spaces looked at, most recently active first (default 200). */
  maxRooms?: number;
  /** Messages read per space (default 100). */
  maxMessagesPerRoom?: number;
}

/**
 * Messages from others created from `since` to `until` (what came later arrived over the socket,
 * and an instance already answering it live must not race with this), oldest first.
 */
export async function listMissedMessages(api: WebexBotApi, botId: string, since: Date, until: Date, limits: CatchUpLimits = {}): Promise<MissedMessage[]> {
  const maxRooms = limits.maxRooms ?? 200;
  const maxPerRoom = limits.maxMessagesPerRoom ?? 100;
  const rooms: { id: string; type: 'direct' | 'group' }[] = [];
  for await (const room of api.listRoomsByActivity()) {
    // Sorted by last activity: the first space quiet since the gap began ends the list.
    if (room.lastActivity && new Date(room.lastActivity) < since) break;
    rooms.push(room);
    if (rooms.length >= maxRooms) break;
  }
  const missed: MissedMessage[] = [];
  for (const room of rooms) {
    let read = 0;
    for await (const m of api.listMessages(room.id, { mentionedMe: room.type === 'group', max: Math.min(maxPerRoom, 100) })) {
      const created = m.created ? new Date(m.created) : undefined;
      if (!created || created < since || ++read > maxPerRoom) break;
      if (!m.personId || m.personId === botId || created > until) continue;
      missed.push({ id: m.id, roomId: room.id, roomType: room.type, personId: m.personId, personEmail: m.personEmail, created });
    }
  }
  return missed.sort((a, b) => a.created.getTime() - b.created.getTime());
}

