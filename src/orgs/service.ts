// One bot for a partner's many customers: who may act on which org (access), which org a space
// works on (scope), the per-org provisioning services, `orgs`, bindings and scoped admins.
// In single-org mode everything here answers "the one org", so the rest of the bot is unchanged.
import { randomUUID } from 'node:crypto';
import { createFollowUpService, type FollowUpService, type FollowUpServiceDeps } from '../alerts/service.js';
import { escapeMarkdown } from '../cards/index.js';
import type { Logger } from '../logger.js';
import { createProvisioningService, type ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';
import type { CustomerOrg, OrgOverviewRow } from '../store/orgs.js';
import { orgDirectory, ORGS_DISCOVERY_JOB, type DiscoveryResult } from './directory.js';

/** Who the actor is to the bot: a partner admin (every org), a customer's admin (their orgs), or nobody. */
export type Access = { kind: 'all' } | { kind: 'orgs'; orgIds: string[] } | { kind: 'none' };

/** What a command or click works on. */
export type OrgScope =
  /** Single-org mode: the one org. */
  | { kind: 'single'; orgId: string }
  /** Partner mode, one customer org (a bound space, a scoped admin, or a card of that org). */
  | { kind: 'org'; orgId: string; name: string }
  /** Partner mode, every customer org (a partner admin in a space bound to none). */
  | { kind: 'partner' };

export type ScopeAnswer = { ok: true; scope: OrgScope } | { ok: false; reason: string; answer: string };

/** Whether `access` may act on `orgId`. */
export const mayActOn = (access: Access, orgId: string): boolean =>
  access.kind === 'all' || (access.kind === 'orgs' && access.orgIds.includes(orgId));

/** The org a card or answer is about (null: partner-wide). */
export const orgOfScope = (scope: OrgScope): string | null => (scope.kind === 'partner' ? null : scope.orgId);

export type OrgMatch = { kind: 'one'; org: CustomerOrg } | { kind: 'many'; orgs: CustomerOrg[] } | { kind: 'none' };

export interface OrgServiceDeps {
  mode: 'single' | 'partner';
  /** Single-org mode: the org's id and a name to show. */
  single: { orgId: string; name: string };
  adminEmails: string[];
  store: Store;
  /** The partner-wide (or the one org's) provisioning service. */
  provisioning: ProvisioningService;
  instanceId: string;
  now: () => Date;
  logger?: Logger;
  stuckAfterHours: number;
  inactiveAfterDays: number;
  /** The follow-up's settings (as the partner-wide one's): each org gets its own follow-up service. */
  followUp?: Omit<FollowUpServiceDeps, 'store' | 'provisioning' | 'orgId'>;
  /** Period of discovery and of the per-org refresh (default 15 and 5 minutes). */
  discoverEveryMs?: number;
  refreshEveryMs?: number;
}

export function createOrgService(deps: OrgServiceDeps) {
  const { store, provisioning: root } = deps;
  const partner = deps.mode === 'partner';
  const directory = orgDirectory({ store, backend: root.backend, now: deps.now, logger: deps.logger });
  const services = new Map<string, ProvisioningService>();
  const followUps = new Map<string, FollowUpService>();
  const timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();

  /** One customer org's provisioning service (cached): its lists, settings, people, jobs. */
  function serviceFor(orgId: string): ProvisioningService {
    if (!partner) return root;
    let s = services.get(orgId);
    if (!s) {
      s = createProvisioningService({ backend: root.backend.forOrg(orgId), store, orgId, instanceId: deps.instanceId, partOf: root, logger: deps.logger });
      services.set(orgId, s);
    }
    return s;
  }

  async function orgName(orgId: string): Promise<string> {
    if (!partner) return deps.single.name;
    return (await store.orgs.get(orgId))?.name ?? orgId;
  }

  return {
    mode: deps.mode,
    partner,
    /** The BroadWorks enterprises of one customer org (its `stats`). */
    enterprisesOf: (orgId: string) => store.orgs.enterprisesOf(orgId),
    /** A few org names, for "say which org" answers. */
    firstNames: (take: number) => store.orgs.firstNames(take),
    /** Org names by id (for partner-wide lists). */
    names: (ids: readonly string[]) => store.orgs.names([...new Set(ids)]),
    /** Before anything else is known: the one org, or partner-wide. */
    defaultScope: (): OrgScope => (partner ? { kind: 'partner' } : { kind: 'single', orgId: deps.single.orgId }),
    serviceFor,
    orgName,

    /** One customer org's follow-up (its inactive people, its reminders); null outside partner mode. */
    followUpOf(scope: OrgScope): FollowUpService | null {
      if (!partner || scope.kind !== 'org' || !deps.followUp) return null;
      let f = followUps.get(scope.orgId);
      if (!f) {
        f = createFollowUpService({ ...deps.followUp, store, provisioning: serviceFor(scope.orgId), orgId: scope.orgId });
        followUps.set(scope.orgId, f);
      }
      return f;
    },

    /** The service a scope works through: an org's own, or the partner-wide / single one. */
    serviceOf: (scope: OrgScope): ProvisioningService => (scope.kind === 'org' ? serviceFor(scope.orgId) : root),

    async access(email: string): Promise<Access> {
      const lower = email.toLowerCase();
      if (deps.adminEmails.includes(lower)) return { kind: 'all' };
      if (!partner) return { kind: 'none' };
      const orgIds = await store.orgs.orgsOfAdmin(lower);
      return orgIds.length > 0 ? { kind: 'orgs', orgIds } : { kind: 'none' };
    },

    /**
     * What a message in this space works on, for this actor: the space's org if it is bound (and
     * the actor may act there), else the actor's one org, else partner-wide for a partner admin.
     */
    async scopeFor(roomId: string, access: Access): Promise<ScopeAnswer> {
      if (!partner) return { ok: true, scope: { kind: 'single', orgId: deps.single.orgId } };
      const bound = await store.orgs.boundOrg(roomId);
      if (bound) {
        const name = await orgName(bound);
        if (!mayActOn(access, bound)) {
          return { ok: false, reason: 'outside their org', answer: `This space works on **${escapeMarkdown(name, 120)}**, and you are an admin of other customer orgs only. Use a space of your own org.` };
        }
        return { ok: true, scope: { kind: 'org', orgId: bound, name } };
      }
      if (access.kind === 'all') return { ok: true, scope: { kind: 'partner' } };
      if (access.kind === 'orgs' && access.orgIds.length === 1) {
        const orgId = access.orgIds[0]!;
        return { ok: true, scope: { kind: 'org', orgId, name: await orgName(orgId) } };
      }
      return { ok: false, reason: 'several orgs, none chosen', answer: 'You are an admin of several customer orgs. In a space of your own, say `org use <name>` to pick the one this space works on.' };
    },

    /** A card's org, for a click: the card decides, never the space's current binding. */
    async scopeOfCard(cardOrgId: string | null): Promise<OrgScope> {
      if (!partner) return { kind: 'single', orgId: deps.single.orgId };
      return cardOrgId ? { kind: 'org', orgId: cardOrgId, name: await orgName(cardOrgId) } : { kind: 'partner' };
    },

    /** An org by id or name, among those `access` may act on. */
    async find(text: string, access: Access): Promise<OrgMatch> {
      const found = (await store.orgs.find(text, 50)).filter((o) => mayActOn(access, o.id));
      if (found.length === 0) return { kind: 'none' };
      return found.length === 1 ? { kind: 'one', org: found[0]! } : { kind: 'many', orgs: found.slice(0, 10) };
    },

    async overview(opts: { page: number; size: number; text?: string; access: Access }): Promise<{ rows: OrgOverviewRow[]; total: number; asOf: Date | null }> {
      const now = deps.now();
      const { rows, total } = await store.orgs.overview({
        offset: opts.page * opts.size,
        size: opts.size,
        text: opts.text,
        orgIds: opts.access.kind === 'orgs' ? opts.access.orgIds : undefined,
        stuckBefore: new Date(now.getTime() - deps.stuckAfterHours * 3_600_000),
        inactiveBefore: new Date(now.getTime() - deps.inactiveAfterDays * 86_400_000),
      });
      const asOf = (await store.leases.get(ORGS_DISCOVERY_JOB))?.lastRunAt ?? null;
      return { rows, total, asOf };
    },

    async bind(roomId: string, org: CustomerOrg, actor: string): Promise<void> {
      await store.orgs.bind(roomId, org.id, actor);
      await store.audit.record({ actor, roomId, action: 'org.use', target: org.name, orgId: org.id, result: 'ok' });
    },

    async unbind(roomId: string, actor: string): Promise<boolean> {
      const was = await store.orgs.boundOrg(roomId);
      const removed = await store.orgs.unbind(roomId);
      if (removed) await store.audit.record({ actor, roomId, action: 'org.all', orgId: was, result: 'ok' });
      return removed;
    },

    boundOrg: (roomId: string) => store.orgs.boundOrg(roomId),

    async grant(email: string, org: CustomerOrg, actor: string, roomId: string): Promise<boolean> {
      const added = await store.orgs.grant(email, org.id, actor);
      await store.audit.record({ actor, roomId, action: 'admins.add', target: email.toLowerCase(), orgId: org.id, result: 'ok', detail: { org: org.name, added } });
      return added;
    },

    async revoke(email: string, org: CustomerOrg | null, actor: string, roomId: string): Promise<number> {
      const removed = await store.orgs.revoke(email, org?.id);
      await store.audit.record({ actor, roomId, action: 'admins.remove', target: email.toLowerCase(), orgId: org?.id ?? null, result: 'ok', detail: { removed } });
      return removed;
    },

    admins: (orgIds?: readonly string[]) => store.orgs.admins(orgIds),

    discover: (): Promise<DiscoveryResult> => directory.discover(),
    refreshEach: (orgIds?: string[]) => directory.refreshEach(serviceFor, orgIds),

    /**
     * Single-org mode: the configured org is recorded and owns every row written before orgs
     * existed. Partner mode: discovery now, then again every 15 minutes; each org's own data every 5.
     */
    async start(): Promise<void> {
      if (!partner) {
        await store.orgs.adopt({ id: deps.single.orgId, name: deps.single.name, source: 'configured' }, deps.now());
        return;
      }
      const discoverEveryMs = deps.discoverEveryMs ?? 15 * 60_000;
      const refreshEveryMs = deps.refreshEveryMs ?? 5 * 60_000;
      // Several instances share the work: each period's run is taken by one of them (a lease kept
      // for most of the period, not released), and one that dies mid-run is replaced when it lapses.
      const holder = `${deps.instanceId}:${randomUUID()}`;
      const ours = (name: string, everyMs: number) => store.leases.acquire(name, holder, Math.floor(everyMs * 0.9), deps.now());
      /** True when this instance ran this period's discovery. */
      const discover = async (): Promise<boolean> => {
        try {
          if (!(await ours('orgs.discover', discoverEveryMs))) return false;
          const r = await directory.discover();
          deps.logger?.info(r, 'customer orgs discovered');
          return true;
        } catch (err) {
          deps.logger?.warn({ err: (err as Error).message }, 'org discovery failed; the next one will try again');
          return false;
        }
      };
      const refresh = async () => {
        if (!(await ours('orgs.refresh', refreshEveryMs))) return;
        const r = await directory.refreshEach(serviceFor);
        if (r.failed.length) deps.logger?.warn({ failed: r.failed.length, ok: r.ok.length }, 'some orgs could not be refreshed');
      };
      // At start, the instance that discovered refreshes next (the others would find no orgs yet).
      running = discover()
        .then((won) => (won ? refresh() : undefined))
        .catch(() => {});
      timers.push(setInterval(() => (running = running.then(discover).catch(() => {})), discoverEveryMs));
      timers.push(setInterval(() => (running = running.then(refresh).catch(() => {})), refreshEveryMs));
      for (const t of timers) t.unref();
    },

    /** Resolves when the first discovery and refresh have run (tests, and the emulator's start). */
    settled: () => running,

    async stop(): Promise<void> {
      for (const t of timers) clearInterval(t);
      await running.catch(() => {});
    },
  };
}
export type OrgService = ReturnType<typeof createOrgService>;
