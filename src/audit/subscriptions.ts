// Turning a space's subscription on or off (`alerts on`, `errors on`, `stats weekly on`): the change
// and its audit entry, the same way for every topic. Turning off what was not on changes nothing and
// audits nothing.
import type { AuditRepository } from '../store/audit.js';

export interface SubscriptionRepository<S> {
  subscribe(roomId: string, by: string, at: Date): Promise<S>;
  /** False when the space was not subscribed. */
  unsubscribe(roomId: string, by: string, at: Date): Promise<boolean>;
}

export function auditedSubscriptions<S>(repo: SubscriptionRepository<S>, audit: AuditRepository, actions: { on: string; off: string }) {
  return {
    async subscribe(roomId: string, actor: string, at: Date): Promise<S> {
      const subscription = await repo.subscribe(roomId, actor, at);
      await audit.record({ actor, roomId, action: actions.on, result: 'ok', target: roomId, at });
      return subscription;
    },
    async unsubscribe(roomId: string, actor: string, at: Date): Promise<boolean> {
      const changed = await repo.unsubscribe(roomId, actor, at);
      if (changed) await audit.record({ actor, roomId, action: actions.off, result: 'ok', target: roomId, at });
      return changed;
    },
  };
}
