// Delivers signed events the way Webex does: many at once, and anything not answered 2xx (an
// instance whose database is restarting answers 500) is sent again a little later, to whichever
// instance the load balancer would pick.
import type { Application } from '../../../src/app.js';
import type { Cluster } from './cluster.js';

export interface DeliveryStats {
  deliveries: number;
  posts: number;
  accepted: number;
  duplicate: number;
  /** Non-2xx answers and network errors, each followed by a redelivery. */
  redelivered: number;
  /** Deliveries still not accepted after every redelivery: lost events. */
  gaveUp: number;
}

export interface DeliverOptions {
  concurrency: number;
  random: () => number;
  /** Called after each delivery completes, with the number completed so far. */
  onProgress?: (done: number) => void;
  maxAttempts?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function deliverAll(c: Cluster, envelopes: string[], options: DeliverOptions): Promise<DeliveryStats> {
  const stats: DeliveryStats = { deliveries: envelopes.length, posts: 0, accepted: 0, duplicate: 0, redelivered: 0, gaveUp: 0 };
  const pick = (): Application => c.apps[Math.floor(options.random() * c.apps.length)]!;
  let next = 0;
  let done = 0;

  async function deliver(envelope: string): Promise<void> {
    for (let attempt = 1; attempt <= (options.maxAttempts ?? 120); attempt++) {
      stats.posts++;
      try {
        const res = await c.post(pick(), envelope);
        const body = (await res.json().catch(() => ({}))) as { status?: string };
        if (res.status === 200) {
          if (body.status === 'duplicate') stats.duplicate++;
          else stats.accepted++;
          return;
        }
      } catch {
        // connection refused or reset: same as a 5xx for Webex
      }
      stats.redelivered++;
      await sleep(100 + Math.floor(options.random() * 200));
    }
    stats.gaveUp++;
  }

  async function worker(): Promise<void> {
    while (next < envelopes.length) {
      const envelope = envelopes[next++]!;
      await deliver(envelope);
      options.onProgress?.(++done);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  return stats;
}
