// The fake's Mercury: the websocket a registered WDM device opens, speaking what SDK 2.4.2 expects
// (docs "Websocket mode on the wire"): the client sends {type:"authorization"} with its token, the
// server answers a first frame with no `type` whose data.eventType is `mercury.buffer_state`; every
// {type:"ping"} gets {type:"pong"} with the same id; the client acks every frame; events are
// {id, data:{eventType:"conversation.activity", activity}, sequenceNumber}. Tests can drop sockets
// with any close code, refuse new ones for a while (an outage), and count devices and sockets.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeApp } from './app.js';
import { resolveToken } from './auth.js';
import { uuidOf } from './ids.js';
import { isMember } from './messaging.js';
import { conversationUrl, MERCURY_PATH } from './routes/devices.js';
import type { FakeAttachmentAction, FakeDevice, FakeMessage } from './types.js';

export interface MercuryConnection {
  deviceId: string;
  personId: string;
  /** Set once the authorization frame was accepted (events go only to these). */
  authorized: boolean;
  /** Frames the client acknowledged. */
  acks: number;
}

export interface FakeMercury {
  /** Devices registered now (all people, or one person's). */
  devices(personId?: string): FakeDevice[];
  /** Open sockets. */
  connections(): MercuryConnection[];
  /**
   * Closes every authorized socket (or those of `deviceIds`) with `code`; 1006 cannot be sent in
   * a close frame, so it drops the TCP connection without one, which the client sees as 1006.
   * Returns how many were closed.
   */
  drop(code: number, reason?: string, deviceIds?: string[]): number;
  /** Refuses new sockets (HTTP 503 on the upgrade) until the returned function is called. */
  refuse(): () => void;
  /**
   * The network under the sockets open now goes dead, as when the host loses its network: no
   * close frame, no pong, no event reaches them, and what their client sends is lost. Sockets
   * opened afterwards work (the network is back for new connections). Returns how many went silent.
   */
  silence(): number;
  /** Conversation activities sent so far (all sockets). */
  readonly sent: number;
}

interface Conn extends MercuryConnection {
  ws: WebSocket;
  seq: number;
  /** Its network is dead (silence()): nothing goes either way. */
  silent?: boolean;
}

export interface MercuryServer extends FakeMercury {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends the activity of a message or card submission to every device that would get it. */
  publish(resource: string, event: string, data: Record<string, unknown>): void;
  deviceDeleted(deviceId: string): void;
  close(): Promise<void>;
}

export function createMercury(app: FakeApp): MercuryServer {
  const wss = new WebSocketServer({ noServer: true });
  const conns = new Set<Conn>();
  let refusing = 0;
  let sent = 0;

  const send = (c: Conn, frame: Record<string, unknown>) => {
    if (c.ws.readyState !== 1 || c.silent) return;
    c.ws.send(JSON.stringify({ ...frame, sequenceNumber: ++c.seq }));
  };

  function onFrame(c: Conn, raw: Buffer) {
    if (c.silent) return;
    let frame: { id?: string; type?: string; messageId?: string; data?: { token?: string } };
    try {
      frame = JSON.parse(raw.toString('utf8'));
    } catch {
      c.ws.close(1003, 'Unparsable frame');
      return;
    }
    if (frame.type === 'authorization') {
      const caller = resolveToken(app, frame.data?.token?.startsWith('Bearer ') ? frame.data.token : `Bearer ${frame.data?.token ?? ''}`);
      if (!caller || caller.personId !== c.personId) {
        c.ws.close(4401, 'Authentication failed');
        return;
      }
      // Mercury keeps one socket per device: a second one replaces the first.
      for (const other of conns) {
        if (other === c || other.deviceId !== c.deviceId || !other.authorized) continue;
        other.authorized = false; // closing: no more events for it
        other.ws.close(4000, 'replaced');
      }
      c.authorized = true;
      send(c, { id: randomUUID(), data: { eventType: 'mercury.buffer_state', bufferState: { conversation: 'UNKNOWN', locus: 'UNKNOWN' } }, timestamp: Date.now() });
    } else if (frame.type === 'ping') {
      send(c, { id: frame.id, type: 'pong' });
    } else if (frame.type === 'ack') {
      c.acks++;
    }
  }

  /** The activity Webex's conversation service puts on the socket, with UUIDs where Hydra has ids. */
  function activityOf(resource: string, event: string, data: Record<string, unknown>): { activity: Record<string, unknown>; roomId: string; message?: FakeMessage } | undefined {
    if (event !== 'created') return undefined;
    const actor = (personId: string) => {
      const p = app.state.people.get(personId);
      return { id: uuidOf(personId), objectType: 'person', entryUUID: uuidOf(personId), emailAddress: p?.emails[0], displayName: p?.displayName };
    };
    const target = (roomId: string) => {
      const room = app.state.rooms.get(roomId);
      return { id: uuidOf(roomId), objectType: 'conversation', url: conversationUrl(app, roomId), tags: room?.type === 'direct' ? ['ONE_ON_ONE'] : [] };
    };
    if (resource === 'messages') {
      const m = app.state.messages.get(String(data.id));
      if (!m) return undefined;
      return {
        roomId: m.roomId,
        message: m,
        activity: { id: uuidOf(m.id), objectType: 'activity', verb: 'post', published: m.created.toISOString(), actor: actor(m.personId), object: { id: uuidOf(m.id), objectType: 'comment' }, target: target(m.roomId) },
      };
    }
    if (resource === 'attachmentActions') {
      const a: FakeAttachmentAction | undefined = app.state.attachmentActions.get(String(data.id));
      if (!a) return undefined;
      return {
        roomId: a.roomId,
        activity: {
          id: uuidOf(a.id),
          objectType: 'activity',
          verb: 'cardAction',
          published: a.created.toISOString(),
          actor: actor(a.personId),
          object: { objectType: a.type, inputs: a.inputs },
          parent: { id: uuidOf(a.messageId), type: 'reply' },
          target: target(a.roomId),
        },
      };
    }
    return undefined;
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const deviceId = url.pathname.startsWith(`${MERCURY_PATH}/`) ? url.pathname.slice(MERCURY_PATH.length + 1) : '';
      const device = app.state.devices.get(deviceId);
      const status = refusing > 0 ? '503 Service Unavailable' : device ? undefined : '404 Not Found';
      if (status) {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const c: Conn = { ws, deviceId, personId: device!.personId, authorized: false, acks: 0, seq: 0 };
        conns.add(c);
        ws.on('message', (raw: Buffer) => onFrame(c, raw));
        ws.on('close', () => conns.delete(c));
        ws.on('error', () => conns.delete(c));
      });
    },

    publish(resource, event, data) {
      const found = activityOf(resource, event, data);
      if (!found) return;
      const room = app.state.rooms.get(found.roomId);
      for (const c of conns) {
        if (!c.authorized || !isMember(app, found.roomId, c.personId)) continue;
        // Bots hear only group-space messages that @mention them, on the socket as by webhook.
        const person = app.state.people.get(c.personId);
        if (found.message && person?.type === 'bot' && room?.type === 'group' && !(found.message.mentionedPeople ?? []).includes(c.personId)) continue;
        sent++;
        send(c, { id: randomUUID(), data: { eventType: 'conversation.activity', activity: found.activity }, timestamp: Date.now(), trackingId: `FAKE_${randomUUID()}`, alertType: 'full', headers: {} });
      }
    },

    deviceDeleted(deviceId) {
      // Assumption (not in the notes): an unregistered device's socket is closed normally.
      for (const c of conns) {
        if (c.deviceId !== deviceId) continue;
        c.authorized = false;
        c.ws.close(1000, 'Device unregistered');
      }
    },

    devices: (personId) => [...app.state.devices.values()].filter((d) => !personId || d.personId === personId),
    connections: () => [...conns].map(({ deviceId, personId, authorized, acks }) => ({ deviceId, personId, authorized, acks })),
    drop(code, reason = '', deviceIds) {
      let n = 0;
      for (const c of conns) {
        if (!c.authorized || (deviceIds && !deviceIds.includes(c.deviceId))) continue;
        n++;
        c.authorized = false;
        if (code === 1006) c.ws.terminate();
        else c.ws.close(code, reason);
      }
      return n;
    },
    silence() {
      let n = 0;
      for (const c of conns) {
        if (c.silent) continue;
        c.silent = true;
        c.authorized = false; // no event is delivered to it any more
        n++;
      }
      return n;
    },
    refuse() {
      refusing++;
      let done = false;
      return () => {
        if (!done) refusing--;
        done = true;
      };
    },
    get sent() {
      return sent;
    },
    async close() {
      for (const c of conns) c.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
