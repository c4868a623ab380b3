// The Webex SDK acknowledges every Mercury message it receives (Socket#_acknowledge) and drops the
// promise: when a message arrives while the socket is already closing (a dead network noticed by
// a missed pong, a reconnect, our own stop), the send rejects with INVALID_STATE_ERROR and nothing
// handles it. Node reports that as an unhandled rejection (our main logs it as an error; a test
// run counts it as a failure), for what is harmless: a closed socket needs no acknowledgement, the
// message itself still reaches the listeners, and anything missed is found by the catch-up.
// We mark that promise as handled; the SDK's own callers see the same promise as before.
import { createRequire } from 'node:module';

export interface MercurySocketClass {
  new (): unknown;
  prototype: { _acknowledge(this: unknown, event: unknown): Promise<unknown> };
}

/** The SDK's Socket class, found the way the framework loads it (framework → webex → plugins). */
export function mercurySocketClass(): MercurySocketClass {
  let from = createRequire(import.meta.url);
  for (const step of ['webex-node-bot-framework', 'webex', '@webex/plugin-messages']) from = createRequire(from.resolve(step));
  const mercury = from('@webex/internal-plugin-mercury') as { Socket?: MercurySocketClass };
  if (typeof mercury.Socket?.prototype?._acknowledge !== 'function') throw new Error('the Webex SDK socket has no _acknowledge');
  return mercury.Socket;
}

let patched = false;

/** Once per process: a failed acknowledgement on a closing socket is no longer unhandled. */
export function quietClosedSocketAcks(): void {
  if (patched) return;
  const Socket = mercurySocketClass();
  const original = Socket.prototype._acknowledge;
  Socket.prototype._acknowledge = function acknowledge(event) {
    const sent = original.call(this, event);
    sent.catch(() => {});
    return sent;
  };
  patched = true;
}
