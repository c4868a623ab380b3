// The follow-up as the bot's handlers use it: one service over the store and provisioning, so a
// handler never reaches the store itself (transport → handlers → views → services → store).
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';
import { nextOccurrence } from './cron.js';
import { loadDigest } from './digest.js';
import { markPeopleHandled, snoozePeople } from './follow-up.js';
import { remindAllInactive, remindAllPreview, remindPeople, type ReminderDeps } from './reminders.js';
import { subscribeSpace, unsubscribeSpace } from './subscriptions.js';

export interface FollowUpServiceDeps {
  store: Store;
  provisioning: ProvisioningService;
  now: () => Date;
  inactiveAfterDays: number;
  /** Commands and clicks reuse a people sync younger than this (FRESHNESS_SECONDS). */
  peopleFreshForMs: number;
  cron: string;
  timeZone: string;
  /** Partner mode, one customer org: its people and reminders, through its provisioning service. */
  orgId?: string;
}

export function createFollowUpService(deps: FollowUpServiceDeps) {
  const { store, now } = deps;
  const reminders: ReminderDeps = { store, provisioning: deps.provisioning, now, inactiveAfterDays: deps.inactiveAfterDays, peopleFreshForMs: deps.peopleFreshForMs, orgId: deps.orgId };
  return {
    inactiveAfterDays: deps.inactiveAfterDays,
    /** The schedule as admins read it, e.g. "0 9 * * 1-5 (Europe/Prague)". */
    schedule: `${deps.cron} (${deps.timeZone})`,
    nextRun: () => nextOccurrence({ cron: deps.cron, timeZone: deps.timeZone }, now()),

    digest: (page: number) => loadDigest(reminders, page),
    remind: (ids: string[], actor: string, roomId: string) => remindPeople(reminders, ids, actor, roomId),
    remindAll: (actor: string, roomId: string) => remindAllInactive(reminders, actor, roomId),
    remindAllPreview: () => remindAllPreview(reminders),
    snooze: (ids: string[], days: number, actor: string, roomId: string) => snoozePeople(reminders, ids, days, actor, roomId),
    markHandled: (ids: string[], actor: string, roomId: string) => markPeopleHandled(reminders, ids, actor, roomId),

    subscription: (roomId: string) => store.alertSubscriptions.get(roomId),
    subscribe: (roomId: string, actor: string) => subscribeSpace(store, roomId, actor, now()),
    /** False when the space was not subscribed (nothing changed). */
    unsubscribe: (roomId: string, actor: string) => unsubscribeSpace(store, roomId, actor, now()),
  };
}
export type FollowUpService = ReturnType<typeof createFollowUpService>;
