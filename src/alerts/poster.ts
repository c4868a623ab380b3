// One alert run: the digest is built once and posted to every space subscribed to alerts, as
// one card each, through the REST API with the bot token and the stored room id (no spawned
// framework bot needed). A space that cannot get its card is told in plain text when possible,
// and every run is audited.
import { escapeMarkdown } from '../cards/index.js';
import type { Logger } from '../logger.js';
import { newCardId } from '../store/sent-cards.js';
import { describeFailure, failureDetail } from '../provisioning/errors.js';
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
  logger: Logger;
}

export interface AlertRunReport {
  occurrence: Date;
  spaces: number;
  posted: number;
  failed: { roomId: string; error: string }[];
  inactive: number;
}

async function postTo(deps: AlertRunDeps, roomId: string, loaded: LoadedDigest): Promise<void> {
  const { store } = deps;
  const cardId = newCardId();
  const rendered = renderDigest(loaded, cardId);
  const { offer } = rendered;
  const input = { id: cardId, roomId, kind: offer.kind, actions: offer.actions, context: offer.context, expiresAt: new Date(deps.now().getTime() + CARD_TTL_MS) };
  const { attached } = await store.sentCards.issueAndSend(input, () => deps.poster.sendMessage({ roomId, markdown: rendered.fallbackText, card: rendered.card }));
  if (!attached) deps.logger.warn({ roomId }, 'alert card sent; its message id could not be recorded');
}

/** Tells a space its alert did not arrive; a failure here is only logged. */
async function tellFailure(deps: AlertRunDeps, roomId: string, what: string, err: unknown): Promise<void> {
  const markdown = `The inactive-user alert ${what}: ${escapeMarkdown(describeFailure(err), 300)} Type “inactive” to try it by hand.`;
  await deps.poster.sendMessage({ roomId, markdown }).catch((e: Error) => deps.logger.warn({ roomId, err: e.message }, 'could not report the alert failure'));
}

export async function runAlerts(deps: AlertRunDeps, occurrence: Date): Promise<AlertRunReport> {
  const { store, logger } = deps;
  const subscriptions = await store.alertSubscriptions.active();
  const report: AlertRunReport = { occurrence, spaces: subscriptions.length, posted: 0, failed: [], inactive: 0 };
  if (subscriptions.length === 0) return report;

  let loaded: LoadedDigest;
  try {
    loaded = await loadDigest(deps, 0);
  } catch (err) {
    for (const s of subscriptions) await tellFailure(deps, s.roomId, 'could not be prepared', err);
    await store.audit.record({ actor: SCHEDULER_ACTOR, action: 'alerts.run', result: 'error', detail: { occurrence: occurrence.toISOString(), error: describeFailure(err) } });
    throw err;
  }
  report.inactive = loaded.digest.total;

  for (const s of subscriptions) {
    try {
      await postTo(deps, s.roomId, loaded);
      report.posted++;
    } catch (err) {
      logger.warn({ roomId: s.roomId, err: failureDetail(err) }, 'alert card not delivered');
      report.failed.push({ roomId: s.roomId, error: describeFailure(err) });
      await tellFailure(deps, s.roomId, 'card could not be posted', err);
    }
  }
  await store.audit.record({
    actor: SCHEDULER_ACTOR,
    action: 'alerts.run',
    result: report.failed.length ? 'error' : 'ok',
    detail: { occurrence: occurrence.toISOString(), spaces: report.spaces, posted: report.posted, inactive: report.inactive, failed: report.failed, stale: loaded.staleReason ?? null },
  });
  logger.info({ occurrence: occurrence.toISOString(), spaces: report.spaces, posted: report.posted, inactive: report.inactive }, 'alerts posted');
  return report;
}
