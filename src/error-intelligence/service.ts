// Error intelligence for the handlers: failures grouped by cause and explained (the catalogue
// plus the org's own notes), and the notes themselves (`explain`), every change audited.
import type { Store } from '../store/index.js';
import type { Writable } from 'node:stream';
import type { CsvColumn, Subscriber, SubscriberFilter } from '../store/subscribers.js';
import { codeKey } from './cause.js';
import { EXPLAINED_STATUSES, explainSubscriber, type Explanation, type OrgNotes } from './explain.js';
import { groupCauses, type CauseGroup } from './groups.js';

export interface ErrorIntelligenceDeps {
  store: Store;
  orgId: string;
  stuckAfterHours: number;
  now: () => Date;
}

export type CauseFilter = Omit<SubscriberFilter, 'statuses'>;

export function createErrorIntelligence(deps: ErrorIntelligenceDeps) {
  const { store, orgId } = deps;
  const stuckBefore = () => new Date(deps.now().getTime() - deps.stuckAfterHours * 3_600_000);

  async function notes(): Promise<OrgNotes> {
    const rows = await store.errorNotes.all(orgId);
    return new Map([...rows].map(([code, n]) => [code, { text: n.text, writtenBy: n.writtenBy, writtenAt: n.writtenAt }]));
  }

  return {
    stuckAfterHours: deps.stuckAfterHours,
    notes,

    /**
     * Each subscriber's explanation, or null where its state is not one to explain
     * (EXPLAINED_STATUSES, unless `all`); the org's notes are read only when one is needed.
     */
    async explainEach<S extends Pick<Subscriber, 'status' | 'errorCode' | 'errorText'>>(subscribers: readonly S[], options: { all?: boolean } = {}): Promise<(Explanation | null)[]> {
      const wanted = (s: S) => options.all === true || EXPLAINED_STATUSES.has(s.status);
      if (!subscribers.some(wanted)) return subscribers.map(() => null);
      const current = await notes();
      return subscribers.map((s) => (wanted(s) ? explainSubscriber(s, current) : null));
    },

    /** Failing subscribers grouped by cause, biggest group first. */
    async groups(filter: CauseFilter = {}): Promise<CauseGroup[]> {
      const [rows, current] = await Promise.all([store.subscribers.causeRows(filter, stuckBefore()), notes()]);
      return groupCauses(rows, current);
    },

    /** One group as it is now (null when nobody has that cause any more). */
    async group(key: string, filter: CauseFilter = {}): Promise<CauseGroup | null> {
      return (await this.groups(filter)).find((g) => g.key === key) ?? null;
    },

    /** The group's subscribers, newest first. */
    members(group: CauseGroup, filter: CauseFilter = {}, limit = 10_000): Promise<Subscriber[]> {
      return store.subscribers.ofCause(filter, group.selector, stuckBefore(), limit);
    },

    /** The group's subscribers as CSV into `out` (the store's COPY, as the users export). */
    writeCsv(group: CauseGroup, filter: CauseFilter, columns: readonly CsvColumn[], out: Writable): Promise<number> {
      return store.subscribers.copyCsv(filter, columns, out, { cause: group.selector, stuckBefore: stuckBefore() });
    },

    note: (code: string) => store.errorNotes.get(orgId, codeKey(code) ?? ''),

    async setNote(code: string, text: string, actor: string, roomId: string): Promise<void> {
      const key = codeKey(code)!;
      await store.errorNotes.set(orgId, key, text, actor, deps.now());
      await store.audit.record({ actor, roomId, action: 'errors.explain', result: 'ok', target: key, detail: { text } });
    },

    async removeNote(code: string, actor: string, roomId: string): Promise<boolean> {
      const key = codeKey(code)!;
      const removed = await store.errorNotes.remove(orgId, key);
      if (removed) await store.audit.record({ actor, roomId, action: 'errors.explain', result: 'ok', target: key, detail: { removed: true } });
      return removed;
    },
  };
}
export type ErrorIntelligence = ReturnType<typeof createErrorIntelligence>;
