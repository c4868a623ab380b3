// What every route module gets: the live state (replaced on reset), options, clock and base URL,
// and the webhook dispatcher so API calls that create events can deliver them.
import type { ResolvedOptions } from './options.js';
import type { FakeMessage, FakeState } from './types.js';

export interface DeliveryResult {
  webhookId: string;
  targetUrl: string;
  /** HTTP status of the delivery POST, or 0 when the target could not be reached. */
  status: number;
  error?: string;
}

export interface FakeApp {
  state: FakeState;
  readonly options: ResolvedOptions;
  /** e.g. http://127.0.0.1:4711/v1 */
  baseUrl: string;
  now(): Date;
  deliverEvent(resource: string, event: string, data: Record<string, unknown>, actorId: string): Promise<DeliveryResult[]>;
  /** Told about every new message (the local emulator shows the bot's replies this way). */
  readonly messageListeners: Set<(message: FakeMessage) => void>;
  /** Told when a WDM device is unregistered (its Mercury socket closes). */
  deviceDeleted?: (deviceId: string) => void;
}
