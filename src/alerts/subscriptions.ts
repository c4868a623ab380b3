// Which spaces get the scheduled alerts: turned on and off per space, recording who did it.
import type { AlertSubscription } from '../store/alert-subscriptions.js';
import type { Store } from '../store/index.js';

export async function subscribeSpace(store: Store, roomId: string, actor: string, at: Date): Promise<AlertSubscription> {
  const subscription = await store.alertSubscriptions.subscribe(roomId, actor, at);
  await store.audit.record({ actor, roomId, action: 'alerts.on', result: 'ok', target: roomId, at });
  return subscription;
}

/** False when the space was not subscribed (nothing changed, nothing audited). */
export async function unsubscribeSpace(store: Store, roomId: string, actor: string, at: Date): Promise<boolean> {
  const changed = await store.alertSubscriptions.unsubscribe(roomId, actor, at);
  if (changed) await store.audit.record({ actor, roomId, action: 'alerts.off', result: 'ok', target: roomId, at });
  return changed;
}
