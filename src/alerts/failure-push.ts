// Failing users come to the admins: after every refresh of the subscriber mirror (scheduled or on
// demand), subscribers newly in error, or pending longer than STUCK_AFTER_HOURS, are claimed once
// across instances (store.failurePushes.claimNew), and each space with `errors on` gets one card
// listing what is new since its last card — at most one card per space every 5 minutes, however
// many fail (what comes meanwhile waits for the next card). A space's posts are serialised by a
// lease, and its watermark (the newest claim it was shown) moves only after its card is posted.
import { inCurrentLanguage, type InSpaceLanguage } from '../i18n/translate.js';
import { shortExplanation, type Explanation } from '../error-intelligence/explain.js';
import type { Subscriber } from '../store/subscribers.js';
import { randomUUID } from 'node:crypto';
import { renderFailurePush, withOrgHeader, type FailingSubscriber } from '../cards/index.js';
import { auditedSubscriptions } from '../audit/subscriptions.js';
import type { Logger } from '../logger.js';
import { serialJob } from '../serial-job.js';
import { failureDetail } from '../provisioning/errors.js';
import { PENDING_OR_ERROR } from '../provisioning/types.js';
import type { Store } from '../store/index.js';
import { newCardId } from '../store/sent-cards.js';
import type { MessagePoster } from './poster.js';

export const PUSH_EVERY_MS = 5 * 60_000;
const CARD_TTL_MS = 7 * 86_400_000;
const LEASE_MS = 2 * 60_000;
const SHOWN = 10;
/** JobLease whose lastRunAt is where the next search for newly failing subscribers starts. */
const DETECT_WATERMARK = 'errors.detect';
/** Covers refreshes running side by side on several instances and clock differences between them. */
const DETECT_MARGIN_MS = 3_600_000;
const PENDING = PENDING_OR_ERROR.filter((s) => s.startsWith('pending_'));

export interface FailurePushDeps {
  store: Store;
  now: () => Date;
  stuckAfterHours: number;
  instanceId: string;
  logger?: Logger;
  /** Set once the bot can post (the bot's REST client). */
  poster?: () => MessagePoster | undefined;
  /** Partner mode: a space bound to one customer org hears of that org's users only, on a card of that org. */
  partner?: boolean;
  /** Each space's card in that space's language (default: the current one). */
  inSpaceLanguage?: InSpaceLanguage;
  /** Explains each user's error on the card (the catalogue and the org's notes); none: not explained. */
  explainEach?: (subscribers: readonly Pick<Subscriber, 'status' | 'errorCode' | 'errorText'>[], options: { all: true }) => Promise<(Explanation | null)[]>;
}

export type FlushOutcome = { kind: 'posted'; roomId: string; users: number } | { kind: 'waiting'; roomId: string } | { kind: 'nothing'; roomId: string } | { kind: 'busy'; roomId: string };

export function createFailurePush(deps: FailurePushDeps) {
  const { store, now } = deps;
  const leaseName = (roomId: string) => `errors.push:${roomId}`;
  const spaces = auditedSubscriptions(store.failurePushes, store.audit, { on: 'errors.on', off: 'errors.off' });

  /**
   * Claims what is newly failing (once across instances); returns how many were new. After the
   * first search, only subscribers whose status changed since the previous one (less an hour's
   * margin) are looked at: an incremental refresh brings only changes newer than the mirror's
   * newest less a minute, and a pending subscriber becomes stuck when its change falls behind
   * `stuckBefore`, which only moves forward. `full` (after a full refresh, which may bring back a
   * change the incremental listings missed) searches everything again.
   */
  async function detect(options: { full?: boolean } = {}): Promise<number> {
    const at = now();
    const stuckBefore = new Date(at.getTime() - deps.stuckAfterHours * 3_600_000);
    const latest = await store.subscribers.latestStatusChange();
    const from = options.full ? null : ((await store.leases.get(DETECT_WATERMARK))?.lastRunAt ?? null);
    const claimed = (await store.failurePushes.claimNew(stuckBefore, PENDING, at, from)).length;
    // Only once the claims are in: an instance that dies before this searches the same range again.
    const next = Math.min(stuckBefore.getTime(), latest?.getTime() ?? stuckBefore.getTime()) - DETECT_MARGIN_MS;
    await store.leases.recordRun(DETECT_WATERMARK, new Date(next));
    return claimed;
  }

  function flushSpace(roomId: string, subscribedAt: Date, poster: MessagePoster): Promise<FlushOutcome> {
    return (deps.inSpaceLanguage ?? inCurrentLanguage)(roomId, () => flushIn(roomId, subscribedAt, poster));
  }

  async function flushIn(roomId: string, subscribedAt: Date, poster: MessagePoster): Promise<FlushOutcome> {
    const holder = `${deps.instanceId}:${randomUUID()}`;
    if (!(await store.leases.acquire(leaseName(roomId), holder, LEASE_MS, now()))) return { kind: 'busy', roomId };
    try {
      const state = await store.leases.get(leaseName(roomId));
      // Merged: a space hears at most once per PUSH_EVERY_MS; what comes meanwhile waits.
      if (state?.lastRunAt && now().getTime() - state.lastRunAt.getTime() < PUSH_EVERY_MS) return { kind: 'waiting', roomId };
      const watermark = state?.lastRunKey ? new Date(state.lastRunKey) : subscribedAt;
      const bound = deps.partner ? await store.orgs.boundOrg(roomId) : null;
      const total = await store.failurePushes.countSince(watermark, bound);
      if (total === 0) return { kind: 'nothing', roomId };
      const claims = await store.failurePushes.since(watermark, 500, bound);
      const found: (Subscriber & { kind: FailingSubscriber['kind'] })[] = [];
      for (const claim of claims.slice(-SHOWN).reverse()) {
        const s = await store.subscribers.get(claim.subscriberId);
        if (s) found.push({ ...s, kind: claim.kind === 'error' ? 'error' : 'stuck' });
      }
      // Every user on this card is failing, stuck pending ones too: each is explained.
      const explanations = (await deps.explainEach?.(found, { all: true })) ?? [];
      const users: FailingSubscriber[] = found.map((s, i) => ({ ...s, explanation: explanations[i] ? shortExplanation(explanations[i]) : null }));
      const newest = claims.at(-1)!.detectedAt;
      const cardId = newCardId();
      const plain = renderFailurePush({ cardId, users, total, stuckAfterHours: deps.stuckAfterHours });
      // Partner mode: the card says whose users these are, and its buttons act in that org only.
      const orgName = bound ? ((await store.orgs.get(bound))?.name ?? bound) : null;
      const rendered = deps.partner ? withOrgHeader(plain, orgName ? { kind: 'org', name: orgName } : { kind: 'partner' }) : plain;
      const { offer } = rendered;
      const input = { id: cardId, roomId, kind: offer.kind, actions: offer.actions, context: offer.context, orgId: bound, expiresAt: new Date(now().getTime() + CARD_TTL_MS) };
      await store.sentCards.issueAndSend(input, () => poster.sendMessage({ roomId, markdown: rendered.fallbackText, card: rendered.card }));
      // Only now does the watermark move (with the post time): a crash before it re-posts, never skips.
      await store.leases.claimOccurrence(leaseName(roomId), newest.toISOString(), now());
      return { kind: 'posted', roomId, users: total };
    } finally {
      await store.leases.release(leaseName(roomId), holder).catch(() => {});
    }
  }

  /** Posts to every subscribed space whose last card is old enough and that has something new. */
  async function flush(): Promise<FlushOutcome[]> {
    const poster = deps.poster?.();
    if (!poster) return [];
    const outcomes: FlushOutcome[] = [];
    for (const s of await store.failurePushes.subscribed()) {
      try {
        outcomes.push(await flushSpace(s.roomId, s.subscribedAt, poster));
      } catch (err) {
        deps.logger?.warn({ roomId: s.roomId, err: failureDetail(err) }, 'failure alert not delivered; the next flush tries again');
      }
    }
    return outcomes;
  }

  const job = serialJob();

  return {
    detect,
    flush: () => job.run(flush),
    /** After a refresh of the mirror: claim what is new, then post where due. */
    afterRefresh: (refresh: { full?: boolean } = {}) => job.run(async () => ({ claimed: await detect(refresh), posted: await flush() })),
    /** Flushes every minute, so merged changes go out once a space's 5 minutes have passed. */
    start(everyMs = 60_000) {
      job.every(everyMs, flush);
    },
    stop: () => job.stop(),

    subscription: (roomId: string) => store.failurePushes.subscription(roomId),
    async subscribe(roomId: string, actor: string) {
      const at = now();
      // From now on: what failed before this space asked is not pushed to it (`users error` shows it).
      await store.leases.claimOccurrence(leaseName(roomId), at.toISOString(), new Date(0));
      return spaces.subscribe(roomId, actor, at);
    },
    unsubscribe: (roomId: string, actor: string) => spaces.unsubscribe(roomId, actor, now()),
    stuckAfterHours: deps.stuckAfterHours,
  };
}
export type FailurePush = ReturnType<typeof createFailurePush>;
