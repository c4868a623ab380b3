// Webex ids are unpadded base64 of a `ciscospark://us/<KIND>/<uuid>` URI; the bot framework and
// our own code reject anything else (a bare UUID is not a valid Webex id), so the fake mints real-looking ones.
import { randomUUID } from 'node:crypto';

export type IdKind =
  | 'PEOPLE'
  | 'ORGANIZATION'
  | 'ROOM'
  | 'MEMBERSHIP'
  | 'MESSAGE'
  | 'WEBHOOK'
  | 'ATTACHMENT_ACTION'
  | 'SUBSCRIBER'
  | 'ENTERPRISE'
  | 'JOB_ID'
  | 'APPLICATION'
  | 'CONTENT'
  | 'ROLE';

export function webexId(kind: IdKind, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64').replace(/=+$/, '');
}

/** The kind and UUID inside a Webex id, or undefined when it is not one. */
export function decodeWebexId(id: string): { kind: string; uuid: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const match = /^ciscospark:\/\/[a-z0-9-]+\/([A-Z_]+)\/([0-9a-fA-F-]{36})$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return match ? { kind: match[1]!, uuid: match[2]! } : undefined;
}

/** The UUID form of an id (Control Hub shows org and user UUIDs; some texts quote them). */
export function uuidOf(id: string): string {
  return decodeWebexId(id)?.uuid ?? id;
}

/** Webex answers every request with a `trackingid` header like this. */
export function newTrackingId(): string {
  return `ROUTER_${randomUUID().toUpperCase()}`;
}
