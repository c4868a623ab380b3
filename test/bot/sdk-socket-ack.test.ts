// The Webex SDK acknowledges each Mercury frame and drops the promise; on a socket that is already
// closing that promise rejects. Our patch (applied by websocket mode) makes that rejection handled,
// and changes nothing else: the frame still reaches the SDK's listeners.
import { afterEach, describe, expect, it } from 'vitest';
import { mercurySocketClass, quietClosedSocketAcks } from '../../src/bot/sdk-socket-ack.js';

/** The SDK's Socket, as far as these tests use it. */
const Socket = mercurySocketClass() as unknown as new () => {
  logger: unknown;
  onmessage(event: { data: string }): void;
  on(event: string, listener: (ev: { data: { id: string } }) => void): void;
  _acknowledge(event: unknown): Promise<unknown>;
};

const CLOSING = 2;
const quiet = { debug() {}, info() {}, warn() {}, error() {}, log() {} };

/** An SDK socket whose WebSocket is closing (what a missed pong or a reconnect leaves). */
function closingSocket() {
  const socket = new Socket();
  socket.logger = quiet;
  Object.defineProperty(socket, 'readyState', { get: () => CLOSING });
  return socket;
}

const frame = (id: string) => ({ data: JSON.stringify({ id, sequenceNumber: 1, data: { eventType: 'conversation.activity' } }) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('acknowledgements on a closing Mercury socket', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);
  afterEach(() => void process.off('unhandledRejection', record));

  it('the SDK rejects an ack on a closing socket (what the patch is for)', async () => {
    await expect(closingSocket()._acknowledge({ data: { id: 'frame-0' } })).rejects.toThrow('INVALID_STATE_ERROR');
  });

  it('with the patch, a frame arriving while the socket closes is still heard and leaves no unhandled rejection', async () => {
    quietClosedSocketAcks();
    quietClosedSocketAcks(); // a second websocket bot in the same process: applied once
    process.on('unhandledRejection', record);
    const socket = closingSocket();
    const heard: string[] = [];
    socket.on('message', (ev) => void heard.push(ev.data.id));
    socket.onmessage(frame('frame-1'));
    socket.onmessage(frame('frame-2'));
    await settle();
    expect(heard).toEqual(['frame-1', 'frame-2']);
    expect(unhandled).toEqual([]);
    // The ack's own promise is unchanged for any caller that awaits it.
    await expect(socket._acknowledge({ data: { id: 'frame-3' } })).rejects.toThrow('INVALID_STATE_ERROR');
  });
});
