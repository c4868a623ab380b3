// One alert run: the digest is built once and posted to every space subscribed to alerts, as
// one card each, through the REST API with the bot token and the stored room id (no spawned
// framework bot needed). A space that cannot get its card is told in plain text when possible,
// and every run is audited.
//
// A run is resumable: each space is claimed in the store (AlertDelivery "attempting") just
// before its card is posted and recorded right after, so running the same occurrence again
// (another instance finishing a dead runner's work) posts only to spaces not yet handled. A
// space found still "attempting" cannot be checked with Webex (a bot may not list its own
// messages in a group space), so it is recorded "unknown" and not posted again.
import { inCurrentLanguage, t, type InSpaceLanguage } from '../i18n/translate.js';
import { escapeMarkdown } from '../cards/index.js';
import type { Logger } from '../logger.js';
import { describeFailure, failureDetail } from '../provisioning/errors.js';
import { newCardId } from '../store/sent-cards.js';
import { retryTransient } from '../store/transient.js';
import type { OutgoingMessage } from '../webex/bot-api.js';
import type { WebexMessage } from '../webex/schemas.js';
import { loadDigest, renderDigest, type DigestDeps, type LoadedDigest } from './digest.js';

export const SCHEDULER_ACTOR = 'alerts-scheduler';
const CARD_TTL_MS = 7 * 86_400_000;

/** What the poster needs of WebexBotApi. */
export interface MessagePoster {
  sendMessage(message: OutgoingMessage): Promise<WebexMessage>;
}

export interface AlertRunDeps extends DigestDeps {
  poster: MessagePoster;
  /** Each space's card in that space's language (default: the current one). */
  inSpaceLanguage?: InSpaceLanguage;
  logger: Logger;
  /** Written into each delivery record: which instance posted. */
  instanceId: string;
}

/** How a run learns it must stop: its lease expired (it stalled) and another may have taken over. */
export interface AlertRunControl {
  /** Extends the run's lease; false when it was lost, and the run must stop at once. */
  renewLease(): Promise<boolean>;
}

/** Thrown when a run stops because its lease was lost; the next holder finishes the occurrence. */
export class AlertLeaseLostError extends Error {
  constructor() {
    super('the alert run lease was lost; another instance finishes this occurrence');
    this.name = 'AlertLeaseLostError';
  }
}

export interface AlertRunReport {
  occurrence: Date;
  spaces: number;
  posted: number;
  failed: { roomId: string; error: string }[];
  /** Spaces an earlier runner had handled (posted, failed or unknown): not posted again. */
  alreadyHandled: number;
  /** Spaces a runner that died was posting to: their card may or may not be out. */
  unknown: string[];
  inactive: number;
}

async function postTo(deps: AlertRunDeps, roomId: string, loaded: LoadedDigest): Promise<{ cardId: string; messageId: string }> {
  return (deps.inSpaceLanguage ?? inCurrentLanguage)(roomId, () => postIn(deps, roomId, loaded));
}

async function postIn(deps: AlertRunDeps, roomId: string, loaded: LoadedDigest): Promise<{ cardId: string; messageId: string }> {
  const { store } = deps;
  const cardId = newCardId();
  const rendered = renderDigest(loaded, cardId);
  const { offer } = rendered;
  const input = { id: cardId, roomId, kind: offer.kind, actions: offer.actions, context: offer.context, expiresAt: new Date(deps.now().getTime() + CARD_TTL_MS) };
  const { message, attached } = await store.sentCards.issueAndSend(input, () => deps.poster.sendMessage({ roomId, markdown: rendered.fallbackText, card: rendered.card }));
  if (!attached) deps.logger.warn({ roomId }, 'alert card sent; its message id could not be recorded');
  return { cardId, messageId: message.id };
}

/** Tells a space its alert did not arrive; a failure here is only logged. */
async function tellFailure(deps: AlertRunDeps, roomId: string, what: 'prepared' | 'posted', err: unknown): Promise<void> {
  await (deps.inSpaceLanguage ?? inCurrentLanguage)(roomId, async () => {
    const why = escapeMarkdown(describeFailure(err), 300);
    const markdown = what === 'prepared' ? t('alerts.failedPrepare', { why }) : t('alerts.failedPost', { why });
    await deps.poster.sendMessage({ roomId, markdown }).catch((e: Error) => deps.logger.warn({ roomId, err: e.message }, 'could not report the alert failure'));
  });
}

const ALWAYS_HELD: AlertRunControl = { renewLease: async () => true };

export async function runAlerts(deps: AlertRunDeps, occurrence: Date, control: AlertRunControl = ALWAYS_HELD): Promise<AlertRunReport> {
  const { store, logger } = deps;
  const key = occurrence.toISOString();
  const subscriptions = await store.alertSubscriptions.active();
  const report: AlertRunReport = { occurrence, spaces: subscriptions.length, posted: 0, failed: [], alreadyHandled: 0, unknown: [], inactive: 0 };

  // What an earlier runner of this occurrence left. We hold the lease now, so a space still
  // "attempting" belongs to a runner that died or stalled mid-post.
  const handled = new Set<string>();
  for (const d of await store.alertDeliveries.forOccurrence(key)) {
    handled.add(d.roomId);
    if (d.state === 'attempting' && (await store.alertDeliveries.markUnknown(key, d.roomId, deps.now()))) {
      logger.warn({ roomId: d.roomId, occurrence: key, by: d.instanceId }, 'alert card may or may not have been posted by a runner that died; not posting it again');
    }
    if (d.state === 'attempting' || d.state === 'unknown') report.unknown.push(d.roomId);
  }
  const remaining = subscriptions.filter((s) => !handled.has(s.roomId));
  report.alreadyHandled = subscriptions.length - remaining.length;
  if (remaining.length === 0) {
    if (handled.size > 0) await auditRun(deps, report, null);
    return report;
  }

  let loaded: LoadedDigest;
  try {
    loaded = await loadDigest(deps, 0);
  } catch (err) {
    for (const s of remaining) {
      if (!(await claimSpace(deps, control, key, s.roomId))) continue;
      await tellFailure(deps, s.roomId, 'prepared', err);
      await store.alertDeliveries.finish(key, s.roomId, { state: 'failed', error: describeFailure(err) }, deps.now());
    }
    await store.audit.record({ actor: SCHEDULER_ACTOR, action: 'alerts.run', result: 'error', detail: { occurrence: key, error: describeFailure(err) } });
    throw err;
  }
  report.inactive = loaded.digest.total;

  for (const s of remaining) {
    if (!(await claimSpace(deps, control, key, s.roomId))) continue;
    let sent: { cardId: string; messageId: string };
    try {
      sent = await postTo(deps, s.roomId, loaded);
    } catch (err) {
      logger.warn({ roomId: s.roomId, err: failureDetail(err) }, 'alert card not delivered');
      report.failed.push({ roomId: s.roomId, error: describeFailure(err) });
      await store.alertDeliveries.finish(key, s.roomId, { state: 'failed', error: describeFailure(err) }, deps.now());
      await tellFailure(deps, s.roomId, 'posted', err);
      continue;
    }
    // Recorded at once (waiting out a short outage): from the claim to here is the only window
    // in which a crash leaves the space "unknown" to whoever finishes the occurrence. If this
    // still fails the run stops; the space stays "attempting", so it is not posted again.
    await retryTransient(() => store.alertDeliveries.finish(key, s.roomId, { state: 'posted', ...sent }, deps.now()));
    report.posted++;
  }
  await auditRun(deps, report, loaded.staleReason ?? null);
  logger.info({ occurrence: key, spaces: report.spaces, posted: report.posted, alreadyHandled: report.alreadyHandled, inactive: report.inactive }, 'alerts posted');
  return report;
}

/**
 * Before each space: still the lease holder (else stop: another instance finishes the run), and
 * the first runner to claim this space (else another, still working, posts it).
 */
async function claimSpace(deps: AlertRunDeps, control: AlertRunControl, key: string, roomId: string): Promise<boolean> {
  if (!(await control.renewLease())) throw new AlertLeaseLostError();
  return deps.store.alertDeliveries.begin(key, roomId, deps.instanceId, deps.now());
}

async function auditRun(deps: AlertRunDeps, report: AlertRunReport, stale: string | null): Promise<void> {
  await deps.store.audit.record({
    actor: SCHEDULER_ACTOR,
    action: 'alerts.run',
    result: report.failed.length || report.unknown.length ? 'error' : 'ok',
    detail: {
      occurrence: report.occurrence.toISOString(),
      spaces: report.spaces,
      posted: report.posted,
      alreadyHandled: report.alreadyHandled,
      unknown: report.unknown,
      inactive: report.inactive,
      failed: report.failed,
      stale,
    },
  });
}
