// Which customer orgs a partner has and which enterprise belongs to which (discovery), and the
// per-org refresh of what is the org's own (people, the automatic-emails setting): each org on
// its own, a few at a time, so one org's 429s or outage never hold up another's.
import pLimit from 'p-limit';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { describeFailure } from '../provisioning/errors.js';
import type { ProvisioningBackend } from '../provisioning/types.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';

export interface DiscoveryResult {
  orgs: number;
  enterprises: number;
  /** Subscribers whose org changed (new enterprises, or moved between orgs). */
  placed: number;
  gone: number;
}

/** JobLease row whose lastRunAt says when the orgs were last discovered. */
export const ORGS_DISCOVERY_JOB = 'orgs-discovery';

export interface RefreshReport {
  ok: string[];
  failed: { orgId: string; reason: string }[];
}

export function orgDirectory(deps: {
  store: Store;
  backend: ProvisioningBackend;
  now: () => Date;
  logger?: Logger;
  /** Orgs refreshed at once (default 4). */
  concurrency?: number;
  /** How long one org's refresh may take before it counts as failed (default 60 s). */
  orgTimeoutMs?: number;
}) {
  const { store, backend } = deps;
  const limit = pLimit(deps.concurrency ?? 4);
  const timeoutMs = deps.orgTimeoutMs ?? 60_000;

  return {
    /**
     * Lists the customer orgs and every enterprise (paged), records them, and puts each mirrored
     * subscriber in its enterprise's org. An org no longer listed is marked gone (never deleted:
     * its audit and history stay); that only happens after a complete listing.
     */
    async discover(): Promise<DiscoveryResult> {
      const seenAt = deps.now();
      const orgs = await backend.listOrganizations();
      await store.orgs.upsertOrgs(orgs.map((o) => ({ id: o.id, name: o.name, source: o.source })), seenAt);
      const known = new Set(orgs.map((o) => o.id));
      let batch: { id: string; webexId: string; orgId: string }[] = [];
      let enterprises = 0;
      for await (const e of backend.listEnterprises()) {
        // An enterprise of an org the token cannot see is still placed: its subscribers are listed.
        if (!known.has(e.orgId)) {
          await store.orgs.upsertOrgs([{ id: e.orgId, name: e.spEnterpriseId, source: 'organizations' }], seenAt);
          known.add(e.orgId);
        }
        batch.push({ id: e.spEnterpriseId, webexId: e.id, orgId: e.orgId });
        if (batch.length >= 1000) {
          await store.orgs.upsertEnterprises(batch, seenAt);
          enterprises += batch.length;
          batch = [];
        }
      }
      await store.orgs.upsertEnterprises(batch, seenAt);
      enterprises += batch.length;
      const gone = await store.orgs.markGoneUnless(seenAt);
      const placed = await store.orgs.placeSubscribers();
      await store.leases.recordRun(ORGS_DISCOVERY_JOB, seenAt);
      return { orgs: known.size, enterprises, placed, gone };
    },

    /**
     * Refreshes each org's own data through its service: people and the automatic-emails
     * setting. Orgs run a few at a time with a deadline each; a failure is recorded on that org
     * (shown by `orgs`) and the others go on.
     */
    async refreshEach(serviceFor: (orgId: string) => ProvisioningService, orgIds?: string[]): Promise<RefreshReport> {
      const ids = orgIds ?? (await store.orgs.active()).map((o) => o.id);
      const report: RefreshReport = { ok: [], failed: [] };
      await Promise.all(
        ids.map((orgId) =>
          limit(async () => {
            const service = serviceFor(orgId);
            try {
              await withDeadline(
                (async () => {
                  await service.sync.people();
                  await service.autoEmails();
                })(),
                timeoutMs,
              );
              await store.orgs.recordSync(orgId, deps.now());
              report.ok.push(orgId);
            } catch (err) {
              const reason = describeFailure(err);
              await store.orgs.recordSync(orgId, deps.now(), reason).catch(() => {});
              deps.logger?.warn({ orgId, err: reason }, 'org refresh failed; the other orgs go on');
              report.failed.push({ orgId, reason });
            }
          }),
        ),
      );
      return report;
    },
  };
}
export type OrgDirectory = ReturnType<typeof orgDirectory>;

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('webex_timeout', `Webex did not answer for this org within ${Math.round(ms / 1000)} s.`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
