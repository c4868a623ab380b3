// The weekly summary (`stats weekly on`, off by default per space): on STATS_WEEKLY_DAY, from
// 09:00 UTC, each subscribed space gets the last seven days' trends card and its chart (in the
// card's thread in a group space), once per ISO week across instances. A space's post is
// serialised by a lease, and its watermark (the week last posted) moves only after the post: an
// instance that dies half way leaves the week to the others, which post it (never skip it).
import { inCurrentLanguage, t, type InSpaceLanguage } from '../i18n/translate.js';
import { auditedSubscriptions } from '../audit/subscriptions.js';
import { renderStats } from '../cards/index.js';
import { WEEKDAYS, type Weekday } from '../config.js';
import type { Logger } from '../logger.js';
import { serialJob } from '../serial-job.js';
import { failureDetail } from '../provisioning/errors.js';
import type { Store } from '../store/index.js';
import { newCardId } from '../store/sent-cards.js';
import type { MessageTarget, OutgoingFile, OutgoingMessage } from '../webex/bot-api.js';
import type { WebexMessage } from '../webex/schemas.js';
import { chartTitle, type StatsService } from './service.js';

export const WEEKLY_ACTOR = 'stats-weekly';
/** The summary goes out from this hour (UTC) of its day. */
const SEND_FROM_HOUR_UTC = 9;
const LEASE_MS = 2 * 60_000;
const CARD_TTL_MS = 7 * 86_400_000;
const WEEK_DAYS = 7;

/** What the digest needs of WebexBotApi. */
export interface WeeklyPoster {
  sendMessage(message: OutgoingMessage): Promise<WebexMessage>;
  sendFile(target: MessageTarget & { markdown?: string; parentId?: string }, file: OutgoingFile): Promise<WebexMessage>;
  getRoom(roomId: string): Promise<{ type?: string }>;
}

export interface WeeklyDigestDeps {
  store: Store;
  stats: StatsService;
  now: () => Date;
  day: Weekday;
  instanceId: string;
  logger?: Logger;
  /** Set once the bot can post (the bot's REST client). */
  poster?: () => WeeklyPoster | undefined;
  /** Each space's summary in that space's language (default: the current one). */
  inSpaceLanguage?: InSpaceLanguage;
}

export type WeeklyOutcome = { roomId: string; kind: 'posted' | 'already' | 'busy' | 'failed' };

/** ISO 8601 week of `at` (UTC), e.g. 2026-W49: sorts as text in time order. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function createWeeklyDigest(deps: WeeklyDigestDeps) {
  const { store, now } = deps;
  const leaseName = (roomId: string) => `stats.weekly:${roomId}`;
  const dayIndex = WEEKDAYS.indexOf(deps.day);
  const spaces = auditedSubscriptions(store.weeklyStats, store.audit, { on: 'stats.weekly.on', off: 'stats.weekly.off' });

  function postTo(roomId: string, week: string, poster: WeeklyPoster): Promise<WeeklyOutcome> {
    return (deps.inSpaceLanguage ?? inCurrentLanguage)(roomId, () => postIn(roomId, week, poster));
  }

  async function postIn(roomId: string, week: string, poster: WeeklyPoster): Promise<WeeklyOutcome> {
    const holder = `${deps.instanceId}:${newCardId()}`;
    if (!(await store.leases.acquire(leaseName(roomId), holder, LEASE_MS, now()))) return { roomId, kind: 'busy' };
    try {
      const state = await store.leases.get(leaseName(roomId));
      if (state?.lastRunKey && state.lastRunKey >= week) return { roomId, kind: 'already' };
      const report = await deps.stats.report({ days: WEEK_DAYS });
      const cardId = newCardId();
      const rendered = renderStats({ cardId, report });
      const { offer } = rendered;
      const input = { id: cardId, roomId, kind: offer.kind, actions: offer.actions, context: offer.context, expiresAt: new Date(now().getTime() + CARD_TTL_MS) };
      const markdown = t('weekly.prefix', { text: rendered.fallbackText });
      const { message } = await store.sentCards.issueAndSend(input, () => poster.sendMessage({ roomId, markdown, card: rendered.card }));
      if (report.kind !== 'empty') {
        const room = await poster.getRoom(roomId).catch(() => ({ type: undefined }));
        const chart = await deps.stats.chart(report);
        await poster.sendFile({ roomId, markdown: t('stats.chartBeside', { title: chartTitle(report) }), ...(room.type === 'group' ? { parentId: message.id } : {}) }, chart);
      }
      // Only now does the week count as posted: a crash before this posts again, never skips.
      await store.leases.claimOccurrence(leaseName(roomId), week, now());
      await store.audit.record({ actor: WEEKLY_ACTOR, roomId, action: 'stats.weekly.sent', result: 'ok', target: roomId, at: now(), detail: { week } });
      return { roomId, kind: 'posted' };
    } finally {
      await store.leases.release(leaseName(roomId), holder).catch(() => {});
    }
  }

  /** Posts the week's summary to every subscribed space not yet served this week, once it is due. */
  async function tick(at: Date = now()): Promise<WeeklyOutcome[]> {
    if (at.getUTCDay() !== dayIndex || at.getUTCHours() < SEND_FROM_HOUR_UTC) return [];
    const poster = deps.poster?.();
    if (!poster) return [];
    const week = isoWeek(at);
    const outcomes: WeeklyOutcome[] = [];
    for (const s of await store.weeklyStats.subscribed()) {
      try {
        outcomes.push(await postTo(s.roomId, week, poster));
      } catch (err) {
        deps.logger?.warn({ roomId: s.roomId, err: failureDetail(err) }, 'weekly summary not delivered; the next tick tries again');
        outcomes.push({ roomId: s.roomId, kind: 'failed' });
      }
    }
    return outcomes;
  }

  const job = serialJob();

  return {
    tick: (at?: Date) => job.run(() => tick(at)),
    /** Looks every 10 minutes whether the summary is due (its day, from 09:00 UTC). */
    start(everyMs = 10 * 60_000) {
      job.every(everyMs, () => tick());
    },
    stop: () => job.stop(),
    day: deps.day,
    subscription: (roomId: string) => store.weeklyStats.subscription(roomId),
    subscribe: (roomId: string, actor: string) => spaces.subscribe(roomId, actor, now()),
    unsubscribe: (roomId: string, actor: string) => spaces.unsubscribe(roomId, actor, now()),
  };
}
export type WeeklyDigest = ReturnType<typeof createWeeklyDigest>;
