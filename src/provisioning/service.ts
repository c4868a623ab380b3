// The provisioning service: everything the bot shows or changes goes through here. Mutations go
// to Webex (or the simulator) first, then update the mirror, and each one is audited.
import type { Writable } from 'node:stream';
import type { Store } from '../store/index.js';
import type { TransientRetryOptions } from '../store/transient.js';
import type { Person } from '../store/people.js';
import type { CustomerTemplate } from '../store/templates.js';
import type { CsvColumn, Subscriber, SubscriberCursor, SubscriberFilter } from '../store/subscribers.js';
import { activationEmails } from './activation-emails.js';
import { appliedChanges } from './applied-change.js';
import { isAppError } from '../errors.js';
import { describeFailure, isNotFound, mayHaveBeenApplied } from './errors.js';
import { subscriberRow } from './mirror.js';
import { subscriberFreshness, type Freshness } from './freshness.js';
import { retryActivation, type RetryDeps } from './retry-activation.js';
import type { Logger } from '../logger.js';
import { mirrorSync, type MirrorSync } from './sync.js';
import { checkTemplate, type TemplateCheck } from './template-check.js';
import type { PrecheckResult, ProvisioningBackend, SubscriberPackage } from './types.js';

export const AUTO_EMAILS_KEY = 'allow-admin-invite-emails';

/** A subscriber re-read from Webex: current, gone from Webex, or Webex did not answer. */
export type CurrentSubscriber =
  | { kind: 'current'; subscriber: Subscriber }
  | { kind: 'gone' }
  /** `rateLimited`: Webex kept answering 429 (Retry-After honoured each time): worth trying later. */
  | { kind: 'unreachable'; reason: string; rateLimited: boolean };

export interface ServiceDeps {
  backend: ProvisioningBackend;
  store: Store;
  /** Org whose settings are recorded (WEBEX_ORG_ID, or a fixed name for the simulator). */
  orgId: string;
  instanceId: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** How long records after a Webex change wait out database errors (tests shorten it). */
  recordRetry?: TransientRetryOptions;
  onEmail?: (outcome: 'sent' | 'suppressed' | 'error') => void;
  /** FRESHNESS_SECONDS and FRESHNESS_WAIT_MS, in ms (defaults 15 s and 3 s). */
  freshness?: { freshForMs: number; waitMs: number };
  logger?: Logger;
  /** Tells whoever started a retry that it was given up (see retryActivation). */
  onRetryAbandoned?: RetryDeps['onAbandoned'];
  /**
   * Partner mode: this service is one customer org (`orgId`) of the partner's service. Its lists
   * and counts are that org's; subscribers stay one partner-wide listing (Webex has no per-org
   * one), so their refresh, freshness and retries are the partner's; people and settings are the org's.
   */
  partOf?: PartnerService;
}

/** What an org's service shares with its partner's (see ServiceDeps.partOf). */
export interface PartnerService {
  retry: ReturnType<typeof retryActivation>;
  sync: MirrorSync;
  freshSubscribers(): Promise<Freshness>;
  warmSubscribers(): void;
  forgetFreshness(): void;
}

export function createProvisioningService(deps: ServiceDeps) {
  const { backend, store, orgId } = deps;
  const parent = deps.partOf;
  const retry =
    parent?.retry ??
    retryActivation({
      backend,
      store,
      instanceId: deps.instanceId,
      onAbandoned: deps.onRetryAbandoned,
    });

  const changes = appliedChanges(store, deps.recordRetry, orgId);

  const ownSync = mirrorSync({ backend, store, now: deps.now, orgId: parent ? orgId : undefined });
  const sync: MirrorSync = parent ? { ...parent.sync, people: ownSync.people, peopleIfOlderThan: ownSync.peopleIfOlderThan } : ownSync;
  const freshness = parent
    ? null
    : subscriberFreshness({
        sync,
        store,
        now: deps.now ?? (() => new Date()),
        freshForMs: deps.freshness?.freshForMs ?? 15_000,
        waitMs: deps.freshness?.waitMs ?? 3_000,
        logger: deps.logger,
      });
  /** A filter narrowed to this org when this service is one org of a partner's. */
  const scoped = <F extends object>(filter: F): F & { orgIds?: readonly string[] } => (parent ? { ...filter, orgIds: [orgId] } : filter);
  /** True when `s` belongs to another org than this service's (partner mode). */
  const outsideOrg = (s: Subscriber): boolean => Boolean(parent) && s.orgId !== orgId;

  return {
    backendName: backend.name,
    /** What the backend can do: cards offer only buttons it can carry out. */
    perUserActivationEmail: backend.perUserActivationEmail,
    backend,
    sync,
    /** Brings the subscriber mirror up to date before an answer (bounded wait; says how fresh). */
    freshSubscribers: (): Promise<Freshness> => (parent ? parent.freshSubscribers() : freshness!.ensure()),
    /** Starts a due refresh without waiting (an admin just spoke: an answer will likely need it). */
    warmSubscribers: (): void => (parent ? parent.warmSubscribers() : freshness!.warm()),
    /** After the watermark was moved back by hand (tests, the bench): nothing this instance read stands. */
    forgetFreshness: (): void => (parent ? parent.forgetFreshness() : freshness!.forget()),
    /** The customer org this service works on (partner mode), else undefined. */
    orgScope: parent ? orgId : undefined,
    /** `filter` narrowed to this service's org (partner mode); as it is otherwise. */
    scoped,
    emails: activationEmails({ backend, store, changes, now: deps.now, sleep: deps.sleep, onEmail: deps.onEmail }),
    retry,

    /** Automatic activation emails, as Webex has it now (and recorded in the settings history). */
    async autoEmails(): Promise<boolean> {
      const enabled = await backend.getAutoActivationEmails();
      await store.settings.record(orgId, AUTO_EMAILS_KEY, String(enabled), 'webex');
      await store.orgs.recordAutoEmails(orgId, enabled, new Date());
      return enabled;
    },

    /** The setting now, and who last changed it through the bot (from the settings history). */
    async autoEmailsStatus(): Promise<{ enabled: boolean; changedBy?: string; changedAt?: Date }> {
      const enabled = await this.autoEmails();
      const last = (await store.settings.history(orgId, AUTO_EMAILS_KEY, 5)).find((h) => h.changedBy !== 'webex');
      return { enabled, ...(last ? { changedBy: last.changedBy, changedAt: last.changedAt } : {}) };
    },

    async setAutoEmails(enabled: boolean, actor: string): Promise<boolean> {
      /**
       * A setting is a state: when the write fails in a way that leaves open whether Webex made it
       * (mayHaveBeenApplied), Webex is asked what it holds now. The value asked for means the admin's
       * change holds: recorded and confirmed, never reported as failed (the audit says it was read,
       * not answered). Anything else: the failure.
       */
      const write = async (): Promise<{ value: boolean; confirmedBy: 'answer' | 'reading' }> => {
        try {
          return { value: await backend.setAutoActivationEmails(enabled), confirmedBy: 'answer' };
        } catch (err) {
          if (mayHaveBeenApplied(err) && (await backend.getAutoActivationEmails().catch(() => !enabled)) === enabled) return { value: enabled, confirmedBy: 'reading' };
          throw err;
        }
      };
      return changes.apply(
        {
          actor,
          action: enabled ? 'emails.on' : 'emails.off',
          target: AUTO_EMAILS_KEY,
          detailOf: (w) => (w.confirmedBy === 'reading' ? { confirmedBy: 'reading' } : {}),
        },
        write,
        async ({ value }) => {
          await store.settings.record(orgId, AUTO_EMAILS_KEY, String(value), actor);
          await store.orgs.recordAutoEmails(orgId, value, new Date());
          return value;
        },
      );
    },

    page(filter: SubscriberFilter, size: number, cursor?: SubscriberCursor, direction?: 'next' | 'prev') {
      return store.subscribers.page(scoped(filter), size, cursor, direction);
    },
    /** Page by position, for a jump that no adjacent page's cursor can serve. */
    pageAt: (filter: SubscriberFilter, size: number, offset: number) => store.subscribers.pageAt(scoped(filter), size, offset),
    counts: (filter: Omit<SubscriberFilter, 'statuses'>) => store.subscribers.countByStatus(scoped(filter)),
    writeCsv: (filter: SubscriberFilter, columns: readonly CsvColumn[], out: Writable) => store.subscribers.copyCsv(scoped(filter), columns, out),
    /** A mirrored subscriber, whatever its org (the caller checks it against the card's org: see outsideOrg). */
    subscriber: (id: string) => store.subscribers.get(id),
    outsideOrg,

    /**
     * The subscriber as Webex has it now (GET /broadworks/subscribers/{id}), written to the mirror;
     * one gone from Webex is dropped from the mirror. Before anything destructive: a card alone
     * is never enough to act on.
     */
    async currentSubscriber(id: string): Promise<CurrentSubscriber> {
      let remote;
      try {
        remote = await backend.getSubscriber(id);
      } catch (err) {
        return { kind: 'unreachable', reason: describeFailure(err), rateLimited: isAppError(err, 'webex_rate_limited') };
      }
      if (!remote) {
        await store.subscribers.remove(id);
        return { kind: 'gone' };
      }
      await store.subscribers.upsertMany([subscriberRow(remote)]);
      const subscriber = await store.subscribers.get(id);
      return subscriber ? { kind: 'current', subscriber } : { kind: 'gone' };
    },
    findSubscribers: async (key: string) => (await store.subscribers.findByUserIdOrEmail(key)).filter((s) => !outsideOrg(s)),

    /** A person of the org by email; the people mirror is refreshed once if it does not know them. */
    async findPerson(email: string): Promise<Person | null> {
      const known = await store.people.byEmail(email);
      if (known) return known;
      await this.sync.people();
      return store.people.byEmail(email);
    },

    /** Checks an email for a subscriber without changing anything. */
    async precheck(subscriber: Subscriber, email: string): Promise<PrecheckResult> {
      return backend.precheckEmail({ provisioningId: subscriber.provisioningId, userId: subscriber.userId, spEnterpriseId: subscriber.spEnterpriseId, email });
    },

    async removeSubscriber(subscriber: Subscriber, actor: string): Promise<void> {
      await changes.apply(
        { actor, action: 'user.remove', target: subscriber.userId, detail: { subscriberId: subscriber.id, email: subscriber.email } },
        async () => {
          try {
            await backend.removeSubscriber(subscriber.id);
          } catch (err) {
            if (!isNotFound(err)) throw err; // already gone in Webex: the mirror catches up
          }
        },
        () => store.subscribers.remove(subscriber.id),
      );
    },

    async changePackage(subscriber: Subscriber, pkg: SubscriberPackage, actor: string): Promise<Subscriber> {
      return changes.apply(
        { actor, action: 'user.package', target: subscriber.userId, detail: { subscriberId: subscriber.id, from: subscriber.package, to: pkg } },
        () => backend.changePackage(subscriber.id, pkg),
        async (updated) => {
          await store.subscribers.upsertMany([subscriberRow(updated)]);
          return (await store.subscribers.get(updated.id))!;
        },
      );
    },

    /** The consent-move email to a user waiting to move their Webex account (pending_user_migration). */
    async sendConsentEmail(subscriber: Subscriber, actor: string): Promise<void> {
      await changes.apply(
        { actor, action: 'user.consent', target: subscriber.userId, detail: { subscriberId: subscriber.id, email: subscriber.email } },
        () => backend.sendConsentMoveEmail(subscriber.id),
        async () => undefined,
      );
    },

    /** Each customer template with its User Authentication check. */
    async templates(): Promise<{ supported: boolean; templates: CustomerTemplate[]; checks: TemplateCheck[] }> {
      const { supported } = await this.sync.templates();
      const templates = await store.templates.list();
      return { supported, templates, checks: templates.map(checkTemplate) };
    },
  };
}
export type ProvisioningService = ReturnType<typeof createProvisioningService>;
