// What the bot itself calls over REST besides the framework: posting messages, cards and files to a
// stored room id (scheduled alerts run without a spawned framework bot), reading messages and card
// actions. Webex limits are checked before sending so the admin gets a clear error, not a 400.
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { WebexClient } from './http-client.js';
import { attachmentActionSchema, membershipSchema, messageSchema, roomActivitySchema, roomSchema, type WebexAttachmentAction, type WebexMessage } from './schemas.js';

export const MAX_MESSAGE_BYTES = 7439;
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type MessageTarget = { roomId: string } | { toPersonId: string } | { toPersonEmail: string };

export type OutgoingMessage = MessageTarget & {
  text?: string;
  markdown?: string;
  parentId?: string;
  /** One Adaptive Card (Webex allows one per message); `markdown`/`text` is the fallback. */
  card?: Record<string, unknown>;
};

export interface OutgoingFile {
  filename: string;
  contentType: string;
  data: Buffer | string;
}

function checkLimits(m: { text?: string; markdown?: string }): void {
  for (const field of ['text', 'markdown'] as const) {
    const value = m[field];
    if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_MESSAGE_BYTES) {
      throw new AppError('invalid_input', `The message ${field} is ${Buffer.byteLength(value, 'utf8')} bytes; Webex accepts at most ${MAX_MESSAGE_BYTES}.`);
    }
  }
}

export class WebexBotApi {
  constructor(private readonly client: WebexClient) {}

  /** Not idempotent: a network error or timeout is reported rather than risking a duplicate post. */
  async sendMessage(message: OutgoingMessage): Promise<WebexMessage> {
    checkLimits(message);
    const { card, ...rest } = message;
    const body = card ? { ...rest, attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] } : rest;
    return this.client.post('/messages', body, messageSchema);
  }

  /** One file per message, uploaded as multipart/form-data (field `files`), as Webex requires. */
  async sendFile(target: MessageTarget & { text?: string; markdown?: string }, file: OutgoingFile): Promise<WebexMessage> {
    checkLimits(target);
    const form = new FormData();
    for (const [key, value] of Object.entries(target)) if (typeof value === 'string') form.set(key, value);
    const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    form.set('files', new Blob([new Uint8Array(bytes)], { type: file.contentType }), file.filename);
    const res = await this.client.request('POST', '/messages', { form, schema: messageSchema });
    return res.data;
  }

  getMessage(messageId: string): Promise<WebexMessage> {
    return this.client.get(`/messages/${encodeURIComponent(messageId)}`, messageSchema);
  }

  /** Newest first. In group spaces a bot must list only messages that mention it. */
  listMessages(roomId: string, opts: { mentionedMe?: boolean; max?: number } = {}) {
    return this.client.paginate('/messages', messageSchema, {
      roomId,
      mentionedPeople: opts.mentionedMe ? 'me' : undefined,
      max: opts.max ?? 50,
    });
  }

  deleteMessage(messageId: string): Promise<void> {
    return this.client.delete(`/messages/${encodeURIComponent(messageId)}`);
  }

  getAttachmentAction(actionId: string): Promise<WebexAttachmentAction> {
    return this.client.get(`/attachment/actions/${encodeURIComponent(actionId)}`, attachmentActionSchema);
  }

  /** The bot's spaces, most recently active first (websocket mode's catch-up after a gap). */
  listRoomsByActivity() {
    return this.client.paginate('/rooms', roomActivitySchema, { sortBy: 'lastactivity', max: 100 });
  }

  getRoom(roomId: string) {
    return this.client.get(`/rooms/${encodeURIComponent(roomId)}`, roomSchema);
  }

  listMemberships(roomId: string) {
    return this.client.paginate('/memberships', membershipSchema, { roomId, max: 100 });
  }

  getMe() {
    return this.client.get('/people/me', z.looseObject({ id: z.string(), emails: z.array(z.string()), displayName: z.string().optional() }));
  }
}
