// Creating messages, shared by POST /messages and the simulate helpers, with the Webex limits that
// matter to the bot: text and markdown ≤ 7439 bytes, one card per message, one file per message.
import type { FakeApp } from './app.js';
import { badRequest, notFound } from './http/errors.js';
import { webexId } from './ids.js';
import type { CardAttachment, FakeMessage, FakePerson, FakeRoom } from './types.js';

export const MAX_MESSAGE_BYTES = 7439;
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface NewMessage {
  roomId?: string;
  toPersonId?: string;
  toPersonEmail?: string;
  parentId?: string;
  text?: string;
  markdown?: string;
  /** URLs: public ones from JSON bodies, or the fake's own /contents/{id} for uploads. */
  files?: string[];
  attachments?: unknown;
  /** Extra mentions (simulated user messages mention the bot the way Webex clients do). */
  mentionedPeople?: string[];
}

export function isMember(app: FakeApp, roomId: string, personId: string): boolean {
  return [...app.state.memberships.values()].some((m) => m.roomId === roomId && m.personId === personId);
}

export function personByEmail(app: FakeApp, email: string): FakePerson | undefined {
  const lower = email.toLowerCase();
  return [...app.state.people.values()].find((p) => p.emails.some((e) => e.toLowerCase() === lower));
}

export function addMembership(app: FakeApp, roomId: string, personId: string, isModerator = false) {
  const membership = { id: webexId('MEMBERSHIP'), roomId, personId, isModerator, isMonitor: false, created: app.now() };
  app.state.memberships.set(membership.id, membership);
  return membership;
}

/** The 1:1 space of two people, created on first use as Webex does. */
export function directRoom(app: FakeApp, a: FakePerson, b: FakePerson): FakeRoom {
  const existing = [...app.state.rooms.values()].find((r) => r.type === 'direct' && isMember(app, r.id, a.id) && isMember(app, r.id, b.id));
  if (existing) return existing;
  const now = app.now();
  const room: FakeRoom = { id: webexId('ROOM'), title: b.displayName, type: 'direct', isLocked: false, creatorId: a.id, created: now, lastActivity: now };
  app.state.rooms.set(room.id, room);
  addMembership(app, room.id, a.id);
  addMembership(app, room.id, b.id);
  return room;
}

/** `<@personEmail:x>`, `<@personEmail:x|Name>`, `<@personId:id>` and `<@all>` in markdown. */
function mentions(app: FakeApp, markdown: string | undefined): { people: string[]; groups: string[] } {
  const people = new Set<string>();
  const groups = new Set<string>();
  for (const m of (markdown ?? '').matchAll(/<@(personEmail|personId|all)(?::([^|>]+))?(?:\|[^>]*)?>/g)) {
    if (m[1] === 'all') groups.add('all');
    else if (m[1] === 'personId' && m[2] && app.state.people.has(m[2])) people.add(m[2]);
    else if (m[1] === 'personEmail' && m[2]) {
      const p = personByEmail(app, m[2]);
      if (p) people.add(p.id);
    }
  }
  return { people: [...people], groups: [...groups] };
}

function checkAttachments(value: unknown): CardAttachment[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest('attachments must be an array.');
  if (value.length > 1) throw badRequest('Only one attachment (card) per message is supported.');
  return value.map((a: unknown) => {
    const att = a as { contentType?: unknown; content?: unknown };
    if (att?.contentType !== CARD_CONTENT_TYPE) throw badRequest(`Unsupported attachment contentType; expected "${CARD_CONTENT_TYPE}".`);
    const content = att.content as { type?: unknown } | undefined;
    if (!content || typeof content !== 'object' || content.type !== 'AdaptiveCard') {
      throw badRequest('The attachment content must be an Adaptive Card ({"type":"AdaptiveCard", …}).');
    }
    return { contentType: CARD_CONTENT_TYPE, content: content as Record<string, unknown> };
  });
}

function checkLength(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string.`);
  if (Buffer.byteLength(value, 'utf8') > MAX_MESSAGE_BYTES) {
    throw badRequest(`The ${name} is too long: the maximum message length is ${MAX_MESSAGE_BYTES} bytes.`);
  }
  return value;
}

function resolveRoom(app: FakeApp, author: FakePerson, input: NewMessage): FakeRoom {
  const targets = [input.roomId, input.toPersonId, input.toPersonEmail].filter((t) => t !== undefined && t !== '');
  if (targets.length !== 1) throw badRequest('Exactly one of roomId, toPersonId or toPersonEmail is required.');
  if (input.roomId) {
    const room = app.state.rooms.get(input.roomId);
    if (!room || !isMember(app, room.id, author.id)) throw notFound('Could not find a room with provided ID.');
    return room;
  }
  const other = input.toPersonId ? app.state.people.get(input.toPersonId) : personByEmail(app, input.toPersonEmail!);
  if (!other) throw notFound('Could not find the person to send the message to.');
  return directRoom(app, author, other);
}

export function createMessage(app: FakeApp, authorId: string, input: NewMessage): FakeMessage {
  const author = app.state.people.get(authorId)!;
  const text = checkLength('text', input.text);
  const markdown = checkLength('markdown', input.markdown);
  const attachments = checkAttachments(input.attachments);
  if (input.files && input.files.length > 1) throw badRequest('Only one file may be included with a message.');
  if (!text && !markdown && !input.files?.length && !attachments?.length) {
    throw badRequest('A message needs text, markdown, a file or an attachment.');
  }
  const room = resolveRoom(app, author, input);
  if (input.parentId) {
    const parent = app.state.messages.get(input.parentId);
    if (!parent || parent.roomId !== room.id) throw badRequest('The parent message is not in this room.');
    if (parent.parentId) throw badRequest('Threads cannot be nested: reply to the parent message instead.');
  }
  const found = mentions(app, markdown);
  const now = app.now();
  const message: FakeMessage = {
    id: webexId('MESSAGE'),
    roomId: room.id,
    parentId: input.parentId || undefined,
    personId: author.id,
    text: text ?? (markdown !== undefined ? markdown.replace(/<@[^>]*\|([^>]*)>/g, '$1').replace(/[*_`>#]/g, '') : undefined),
    markdown,
    files: input.files?.length ? input.files : undefined,
    attachments,
    mentionedPeople: [...new Set([...(input.mentionedPeople ?? []), ...found.people])],
    mentionedGroups: found.groups,
    created: now,
  };
  app.state.messages.set(message.id, message);
  room.lastActivity = now;
  for (const listener of app.messageListeners) listener(message);
  return message;
}
