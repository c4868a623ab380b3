// Server-sent events: every new message of the emulator's spaces (the person's own and the bot's
// replies alike) is pushed to the open pages, so replies appear without reloading.
import type { RequestHandler, Response } from 'express';
import type { FakeWebex } from '../fake-webex/index.js';
import { toMessageView } from './message-view.js';

export interface MessageStream {
  handler: RequestHandler;
  /** Ends every open stream (an open stream would otherwise hold the server's shutdown). */
  close(): void;
}

const HEARTBEAT_MS = 15_000;

export function createMessageStream(fake: FakeWebex, roomIds: readonly string[]): MessageStream {
  const clients = new Set<Response>();
  const rooms = new Set(roomIds);

  const unsubscribe = fake.onMessage((message) => {
    if (!rooms.has(message.roomId) || clients.size === 0) return;
    const frame = `event: message\ndata: ${JSON.stringify(toMessageView(fake, message))}\n\n`;
    for (const res of clients) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const handler: RequestHandler = (_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    clients.add(res);
    res.on('close', () => clients.delete(res));
  };

  return {
    handler,
    close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
