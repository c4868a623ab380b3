// The digest: one alert card per space per run, however many people are inactive — a page of
// rows (oldest first), the totals, the age bands and each person's latest reminder. The card
// records which people it offered so a click can only act on them.
import { ALERT_PAGE_SIZE, byteLength, escapeMarkdown, FALLBACK_MAX_BYTES, renderInactiveAlert, type RenderedCard, type FreshnessView } from '../cards/index.js';
import { isAppError } from '../errors.js';
import { describeFailure, httpStatusOf } from '../provisioning/errors.js';
import { peopleSyncJob } from '../provisioning/sync.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { Store } from '../store/index.js';
import { detectInactive, refreshPeople, type InactiveDigest } from './detection.js';

export interface DigestDeps {
  store: Store;
  provisioning: ProvisioningService;
  now: () => Date;
  inactiveAfterDays: number;
  /**
   * When set, the people mirror is re-synced only if its last sync is older than this (a command
   * or a page click); unset, as for the scheduled run, it is always re-synced.
   */
  peopleFreshForMs?: number;
  /** Partner mode, one customer org (its people, its setting, its reminders); else the whole mirror. */
  orgId?: string;
}

export interface LoadedDigest {
  digest: InactiveDigest;
  autoEmailsEnabled: boolean;
  /** False on the webex backend: the card offers the org-wide job instead of per-user reminders. */
  perUserEmails: boolean;
  /** Set when the people mirror could not be refreshed (the digest is from the stored mirror). */
  staleReason?: string;
  /** How current the people mirror is: the card says it ("As of …" / "⚠ Webex did not answer …"). */
  freshness?: FreshnessView;
}

/** Refreshes the mirror (optionally), reads the org setting, and runs detection. */
export async function loadDigest(deps: DigestDeps, page = 0, options: { refresh?: boolean } = {}): Promise<LoadedDigest> {
  const failure = options.refresh === false ? null : await refreshPeople(deps.provisioning, deps.peopleFreshForMs);
  // The note about automatic emails matters only when they are off; unknown counts as on.
  const autoEmailsEnabled = await deps.provisioning.autoEmails().catch(() => true);
  const digest = await detectInactive(deps.store, { now: deps.now(), inactiveAfterDays: deps.inactiveAfterDays, page, pageSize: ALERT_PAGE_SIZE, orgId: deps.orgId });
  const asOf = (await deps.store.leases.get(peopleSyncJob(deps.orgId)))?.lastRunAt ?? null;
  const status = failure ? httpStatusOf(failure) : undefined;
  const trackingId = failure && isAppError(failure) && typeof failure.details?.trackingId === 'string' ? failure.details.trackingId : undefined;
  const freshness: FreshnessView = failure ? { asOf, problem: { status, trackingId } } : { asOf };
  return {
    digest,
    autoEmailsEnabled,
    perUserEmails: deps.provisioning.perUserActivationEmail,
    freshness,
    ...(failure ? { staleReason: describeFailure(failure) } : {}),
  };
}

/** The alert card, with any staleness note added to the fallback text. */
export function renderDigest(loaded: LoadedDigest, cardId: string): RenderedCard<'alerts.digest'> {
  const { digest } = loaded;
  const rendered = renderInactiveAlert({
    cardId,
    people: digest.rows,
    total: digest.total,
    page: digest.page,
    pageSize: digest.pageSize,
    inactiveAfterDays: digest.inactiveAfterDays,
    bands: digest.bands,
    autoEmailsEnabled: loaded.autoEmailsEnabled,
    perUserEmails: loaded.perUserEmails,
    freshness: loaded.freshness,
    now: digest.at,
  });
  const extra = [
    loaded.staleReason ? `Could not refresh the user list from Webex (${escapeMarkdown(loaded.staleReason, 200)}); shown as last synced.` : '',
  ].filter(Boolean);
  const [head, ...rest] = rendered.fallbackText.split('\n');
  const fallbackText = [head, ...extra, ...rest].join('\n');
  // The builder keeps its text under Webex's limit; keep it so if our lines would break it.
  return byteLength(fallbackText) <= FALLBACK_MAX_BYTES ? { ...rendered, fallbackText } : rendered;
}
