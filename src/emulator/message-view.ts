// What the emulator page needs to show one message of the fake Webex: the author, the markdown
// (rendered safely in the browser), at most one card and download links for uploaded files.
import type { FakeWebex } from '../fake-webex/index.js';
import type { FakeMessage } from '../fake-webex/types.js';

export interface MessageFileView {
  name: string;
  size: number;
  /** Our own download route (the fake's /contents/{id} needs the bot's token). */
  url: string;
  /** A picture the page shows inline (as Webex previews it), from this address; absent for other files. */
  inlineUrl?: string;
}

/** Pictures shown inline: raster formats only (an SVG can carry script). */
export const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

export interface MessageView {
  id: string;
  roomId: string;
  author: { id: string; name: string; isBot: boolean };
  markdown: string;
  card?: Record<string, unknown>;
  files: MessageFileView[];
  created: string;
}

export const FILES_PATH = '/emulator/api/files';

/** The content id of an upload, when `url` is the fake's own `/contents/{id}`. */
export function contentIdOf(fake: FakeWebex, url: string): string | undefined {
  const prefix = `${fake.url}/contents/`;
  return url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : undefined;
}

export function toMessageView(fake: FakeWebex, message: FakeMessage): MessageView {
  const person = fake.state.people.get(message.personId);
  const files: MessageFileView[] = [];
  for (const url of message.files ?? []) {
    const id = contentIdOf(fake, url);
    const file = id ? fake.state.files.get(id) : undefined;
    // Only our own uploads are offered: a link to anywhere else is not something to click blindly.
    if (!file) continue;
    const download = `${FILES_PATH}/${encodeURIComponent(file.id)}`;
    files.push({ name: file.filename, size: file.bytes.length, url: download, ...(INLINE_IMAGE_TYPES.has(file.contentType) ? { inlineUrl: `${download}?inline=1` } : {}) });
  }
  return {
    id: message.id,
    roomId: message.roomId,
    author: { id: message.personId, name: person?.displayName ?? 'Unknown', isBot: message.personId === fake.state.botId },
    markdown: message.markdown ?? message.text ?? '',
    card: message.attachments?.[0]?.content,
    files,
    created: message.created.toISOString(),
  };
}
