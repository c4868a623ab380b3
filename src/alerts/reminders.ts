// Reminders to inactive people, one by one through provisioning.emails.sendOne, which applies
// the 24-hour rule (we say "already reminded" instead of failing silently), always notifies
// free→paid conversions, records each reminder (who asked, outcome, Webex error) and audits it.
// Every id is re-read from the store first: a card's ids are never taken on faith.
import { t } from '../i18n/translate.js';
import { randomUUID } from 'node:crypto';
import type { JobOutcome, OneEmailOutcome } from '../provisioning/activation-emails.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';
import type { Person } from '../store/people.js';
import { invitedBefore } from './detection.js';

export const REMIND_ALL_LEASE = 'remind-all';
const REMIND_ALL_TTL_MS = 15 * 60_000;
/** One click reminds at most this many (the rest stay on the next card). */
export const REMIND_ALL_MAX = 1_000;

export interface ReminderDeps {
  store: Store;
  provisioning: ProvisioningService;
  now: () => Date;
  inactiveAfterDays: number;
  /** See DigestDeps.peopleFreshForMs. */
  peopleFreshForMs?: number;
  /** See DigestDeps.orgId. */
  orgId?: string;
}

export interface ReminderProblem {
  email: string;
  code?: string;
  description: string;
}

export interface ReminderSummary {
  sent: string[];
  /** Reminded in the last 24 hours (by us, or Webex said so): not sent again. */
  suppressed: ReminderProblem[];
  failed: ReminderProblem[];
  /** No longer pending (activated, or gone from the org): nothing to send. */
  skipped: ReminderProblem[];
}

export const emptySummary = (): ReminderSummary => ({ sent: [], suppressed: [], failed: [], skipped: [] });

function add(summary: ReminderSummary, result: OneEmailOutcome): void {
  if (result.outcome === 'sent') summary.sent.push(result.email);
  else summary[result.outcome === 'suppressed' ? 'suppressed' : 'failed'].push({ email: result.email, code: result.code, description: result.description });
}

/** The people the store has for these ids right now; ids it does not know are reported as skipped. */
export async function currentPeople(store: Store, ids: string[], summary: ReminderSummary, orgId?: string): Promise<Person[]> {
  const people: Person[] = [];
  for (const id of ids) {
    const person = await store.people.get(id);
    if (!person) summary.skipped.push({ email: id, description: t('domain.notInOrg') });
    else if (orgId && person.orgId !== orgId) summary.skipped.push({ email: person.email, description: t('domain.notInCustomerOrg') });
    else if (!person.invitePending) summary.skipped.push({ email: person.email, description: t('domain.alreadyActivated') });
    else people.push(person);
  }
  return people;
}

export async function remindPeople(deps: ReminderDeps, ids: string[], actor: string, roomId: string, summary = emptySummary()): Promise<ReminderSummary> {
  for (const person of await currentPeople(deps.store, ids, summary, deps.orgId)) {
    add(summary, await deps.provisioning.emails.sendOne(person, actor, roomId));
  }
  return summary;
}

export type RemindAllOutcome =
  | { kind: 'done'; summary: ReminderSummary; total: number; capped: boolean }
  /** The real Webex API has no one-user send: there, everyone pending gets the org-wide job. */
  | { kind: 'job'; outcome: JobOutcome }
  /** Someone's "remind all" is still running; `by` is who started it. */
  | { kind: 'busy'; by: string };

/** Everyone inactive now, under the `remind-all` lease so two bulk runs never overlap. */
export async function remindAllInactive(deps: ReminderDeps, actor: string, roomId: string): Promise<RemindAllOutcome> {
  const { store } = deps;
  const holder = `${actor}#${randomUUID()}`;
  // One bulk run per org at a time (partner mode: each customer org has its own).
  const leaseName = deps.orgId ? `${REMIND_ALL_LEASE}:${deps.orgId}` : REMIND_ALL_LEASE;
  if (!(await store.leases.acquire(leaseName, holder, REMIND_ALL_TTL_MS, deps.now()))) {
    const lease = await store.leases.get(leaseName);
    return { kind: 'busy', by: lease?.holder?.split('#')[0] ?? 'another admin' };
  }
  try {
    if (deps.provisioning.backendName === 'webex') {
      const job = await deps.provisioning.emails.startAll(actor);
      return { kind: 'job', outcome: await deps.provisioning.emails.waitForJob(job.id) };
    }
    const now = deps.now();
    const query = { invitedBefore: invitedBefore(now, deps.inactiveAfterDays), now, orgId: deps.orgId };
    const total = await store.people.countInactive(query);
    const ids = await store.people.inactiveIds({ ...query, take: REMIND_ALL_MAX });
    const summary = await remindPeople(deps, ids, actor, roomId);
    return { kind: 'done', summary, total, capped: total > ids.length };
  } finally {
    await store.leases.release(leaseName, holder);
  }
}

/** For the confirmation: how many would be reminded, and how many of them were reminded in the last 24 h. */
export async function remindAllPreview(deps: ReminderDeps): Promise<{ count: number; recentlyEmailed: number }> {
  const now = deps.now();
  const query = { invitedBefore: invitedBefore(now, deps.inactiveAfterDays), now, orgId: deps.orgId };
  const [count, recentlyEmailed] = await Promise.all([
    deps.store.people.countInactive(query),
    deps.store.people.countInactiveRemindedSince(query, new Date(now.getTime() - 86_400_000)),
  ]);
  return { count, recentlyEmailed };
}
