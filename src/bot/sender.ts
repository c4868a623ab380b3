// Sending to a space through the framework's Webex SDK. The SDK never retries, so a send is
// repeated here, a bounded number of times, when Webex certainly did not post it: a 429, or a 503
// with Retry-After ("not now"). A 500, 502 or 504 does not say whether the message was posted, and
// a bot cannot list its own messages in a group space to look, so those are not repeated (a reply
// twice is as wrong as none): the send throws and the dispatcher says what it can.
import type { MessageRequest, WebexMessage, WebexSdk } from 'webex-node-bot-framework';
import type { OutgoingFile } from './types.js';

export interface Sender {
  markdown(roomId: string, markdown: string, parentId?: string): Promise<WebexMessage>;
  card(roomId: string, card: unknown, fallbackText: string, parentId?: string): Promise<WebexMessage>;
  file(roomId: string, file: OutgoingFile, markdown: string, parentId?: string): Promise<WebexMessage>;
}

export interface SenderOptions {
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Upper bound for one Retry-After wait. */
  maxWaitMs?: number;
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function retryDelay(err: unknown, attempt: number, maxWaitMs: number): number | null {
  const e = err as { statusCode?: number; headers?: Record<string, string> };
  const status = e.statusCode;
  const after = Number(e.headers?.['retry-after']);
  const hasRetryAfter = e.headers?.['retry-after'] !== undefined && Number.isFinite(after);
  if (status === 429) return Math.min(hasRetryAfter && after > 0 ? after * 1000 : 1000, maxWaitMs);
  if (status === 503 && hasRetryAfter) return Math.min(Math.max(after * 1000, 250 * 2 ** attempt), maxWaitMs);
  return null;
}

export function createSender(sdk: () => WebexSdk, options: SenderOptions = {}): Sender {
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? sleepMs;
  const maxWaitMs = options.maxWaitMs ?? 30_000;

  async function create(message: MessageRequest): Promise<WebexMessage> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sdk().messages.create(message);
      } catch (err) {
        const delay = retryDelay(err, attempt, maxWaitMs);
        if (delay === null || attempt >= maxAttempts) throw err;
        await sleep(delay);
      }
    }
  }

  return {
    markdown: (roomId, markdown, parentId) => create({ roomId, markdown, ...(parentId ? { parentId } : {}) }),
    card: (roomId, card, fallbackText, parentId) =>
      create({
        roomId,
        markdown: fallbackText,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        ...(parentId ? { parentId } : {}),
      }),
    file: (roomId, file, markdown, parentId) =>
      create({
        roomId,
        markdown,
        files: [{ value: file.data, options: { filename: file.filename, contentType: file.contentType } }],
        ...(parentId ? { parentId } : {}),
      }),
  };
}
