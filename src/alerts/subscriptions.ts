// Which spaces get the scheduled alerts: turned on and off per space, recording who did it.
import { auditedSubscriptions } from '../audit/subscriptions.js';
import type { AlertSubscription } from '../store/alert-subscriptions.js';
import type { Store } from '../store/index.js';

const alertSpaces = (store: Store) => auditedSubscriptions(store.alertSubscriptions, store.audit, { on: 'alerts.on', off: 'alerts.off' });

export function subscribeSpace(store: Store, roomId: string, actor: string, at: Date): Promise<AlertSubscription> {
  return alertSpaces(store).subscribe(roomId, actor, at);
}

/** False when the space was not subscribed (nothing changed, nothing audited). */
export function unsubscribeSpace(store: Store, roomId: string, actor: string, at: Date): Promise<boolean> {
  return alertSpaces(store).unsubscribe(roomId, actor, at);
}
