// Detection: who has had an invitation pending for longer than INACTIVE_AFTER_DAYS, oldest first,
// grouped into age bands, leaving out people snoozed or marked handled. Reads the store's mirror
// of Webex people; callers refresh the mirror first (refreshPeople) when they want it current.
import type { InactivePersonRow } from '../cards/index.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';

export const DAY_MS = 86_400_000;
/** Band edges (days pending) beyond the threshold: threshold–13, 14–29, 30–59, 60–89, 90+. */
const BAND_EDGES_DAYS = [14, 30, 60, 90];

export interface AgeBand {
  /** Days pending, inclusive; `toDays` null means "and older". */
  fromDays: number;
  toDays: number | null;
  label: string;
  count: number;
}

export interface InactiveDigest {
  total: number;
  bands: AgeBand[];
  /** This page's people, oldest invitation first, each with their latest reminder. */
  rows: InactivePersonRow[];
  page: number;
  pageSize: number;
  inactiveAfterDays: number;
  /** The instant detection ran for ("now" of the injected clock). */
  at: Date;
}

export interface DetectOptions {
  now: Date;
  inactiveAfterDays: number;
  /** Partner mode, one customer org: its people only. */
  orgId?: string;
  page?: number;
  pageSize: number;
}

export function invitedBefore(now: Date, inactiveAfterDays: number): Date {
  return new Date(now.getTime() - inactiveAfterDays * DAY_MS);
}

/** Lower edges (in days) of the bands for this threshold. */
export function bandStarts(inactiveAfterDays: number): number[] {
  return [inactiveAfterDays, ...BAND_EDGES_DAYS.filter((d) => d > inactiveAfterDays)];
}

function bandLabel(from: number, to: number | null): string {
  return to === null ? `${from}+ days` : `${from}–${to} days`;
}

export async function detectInactive(store: Store, o: DetectOptions): Promise<InactiveDigest> {
  const query = { invitedBefore: invitedBefore(o.now, o.inactiveAfterDays), now: o.now, orgId: o.orgId };
  const starts = bandStarts(o.inactiveAfterDays);
  // cutoffs[i]: invited at least starts[i+1] whole days ago, i.e. in band i+1 or older.
  const cutoffs = starts.slice(1).map((days) => new Date(o.now.getTime() - days * DAY_MS));
  const { total, olderThan } = await store.people.countInactiveOlderThan(query, cutoffs);
  const cumulative = [total, ...olderThan];
  const bands = starts.map((from, i) => {
    const next = starts[i + 1];
    const to = next === undefined ? null : next - 1;
    return { fromDays: from, toDays: to, label: bandLabel(from, to), count: cumulative[i]! - (cumulative[i + 1] ?? 0) };
  });

  const pageSize = Math.max(1, o.pageSize);
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  // A page past the end (people activated or were dismissed since the card was sent) shows the last one.
  const page = Math.min(Math.max(0, o.page ?? 0), lastPage);
  const people = total === 0 ? [] : await store.people.inactive({ ...query, skip: page * pageSize, take: pageSize });
  const latest = await store.reminders.latestFor(people.map((p) => p.id));
  const rows: InactivePersonRow[] = people.map((p) => {
    const last = latest.get(p.id);
    return {
      id: p.id,
      email: p.email,
      displayName: p.displayName,
      firstName: p.firstName,
      lastName: p.lastName,
      invitedAt: p.created,
      lastRemindedAt: last?.requestedAt ?? null,
      lastReminderOutcome: last?.outcome ?? null,
    };
  });
  return { total, bands, rows, page, pageSize, inactiveAfterDays: o.inactiveAfterDays, at: o.now };
}

/**
 * Refreshes the people mirror from the provisioning service (real People API or simulator); with
 * `freshForMs`, only when the last full sync is older than that. A failure is returned, not
 * thrown: the digest is then built from the mirror as it stands.
 */
export async function refreshPeople(provisioning: ProvisioningService, freshForMs?: number): Promise<Error | null> {
  try {
    if (freshForMs === undefined) await provisioning.sync.people();
    else await provisioning.sync.peopleIfOlderThan(freshForMs);
    return null;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
