// Follow-up state an admin sets from the alert card: snooze a person for N days, or mark them
// handled (they leave the alerts until un-handled in the store). Each change is audited.
import type { Store } from '../store/index.js';
import { DAY_MS } from './detection.js';
import { currentPeople, emptySummary } from './reminders.js';

export interface FollowUpChange {
  changed: string[];
  skipped: { email: string; description: string }[];
}

export async function snoozePeople(
  deps: { store: Store; now: () => Date },
  ids: string[],
  days: number,
  actor: string,
  roomId: string,
): Promise<FollowUpChange & { until: Date }> {
  const skippedBox = emptySummary();
  const until = new Date(deps.now().getTime() + days * DAY_MS);
  const changed: string[] = [];
  for (const person of await currentPeople(deps.store, ids, skippedBox)) {
    await deps.store.people.snooze(person.id, until);
    await deps.store.audit.record({ actor, roomId, action: 'alerts.snooze', result: 'ok', target: person.email, detail: { days, until: until.toISOString() } });
    changed.push(person.email);
  }
  return { changed, skipped: skippedBox.skipped, until };
}

export async function markPeopleHandled(deps: { store: Store; now: () => Date }, ids: string[], actor: string, roomId: string): Promise<FollowUpChange> {
  const skippedBox = emptySummary();
  const changed: string[] = [];
  for (const person of await currentPeople(deps.store, ids, skippedBox)) {
    await deps.store.people.markHandled(person.id, actor, deps.now());
    await deps.store.audit.record({ actor, roomId, action: 'alerts.handled', result: 'ok', target: person.email });
    changed.push(person.email);
  }
  return { changed, skipped: skippedBox.skipped };
}
