// Bulk jobs on cards: the preview (count, the first 10, what will happen; the confirmation names
// the number) and `bulk status` (the space's recent jobs, their counts, Cancel for running ones).
import { formatNumber, t, type MessageKey } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { formatDateTime } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { moreNote } from './view.js';

export type BulkJobKind = 'retry' | 'remove' | 'consent';

interface KindWording {
  title: MessageKey;
  what: MessageKey;
  confirm: MessageKey;
  kind: MessageKey;
  style: 'positive' | 'destructive';
}

const WORDING: Record<BulkJobKind, KindWording> = {
  retry: { title: 'bulk.retry.title', what: 'bulk.retry.what', confirm: 'bulk.retry.confirm', kind: 'bulk.kind.retry', style: 'positive' },
  remove: { title: 'bulk.remove.title', what: 'bulk.remove.what', confirm: 'bulk.remove.confirm', kind: 'bulk.kind.remove', style: 'destructive' },
  consent: { title: 'bulk.consent.title', what: 'bulk.consent.what', confirm: 'bulk.consent.confirm', kind: 'bulk.kind.consent', style: 'positive' },
};

export interface BulkPreviewRow {
  userId: string;
  email: string | null;
}

export interface BulkPreviewData extends CardBase {
  jobId: string;
  kind: BulkJobKind;
  /** The cause the users share. */
  label: string;
  count: number;
  first: readonly BulkPreviewRow[];
  /** How current the list of users is (each is read from Webex again before anything is done). */
  freshness?: FreshnessView;
  now?: Date;
}

export function renderBulkPreview(data: BulkPreviewData): RenderedCard<'bulk.preview'> {
  const w = WORDING[data.kind];
  const title = t(w.title, { n: data.count });
  const confirm = t(w.confirm, { n: data.count });
  const fresh = data.freshness ? ` ${freshnessLine(data.freshness, data.now ?? new Date())}` : '';
  const message = `${escapeMarkdown(data.label, 120)}. ${t(w.what)}${fresh}`;
  const bullets = data.first.slice(0, 10).map((r) => `${escapeMarkdown(r.userId, 80)} · ${r.email ? escapeMarkdown(r.email, 120) : t('users.noEmail')}`);
  const more = moreNote(data.count - bullets.length, 'user');
  const card = expandTemplate('confirm', {
    title,
    titleColor: data.kind === 'remove' ? 'Attention' : 'Warning',
    message,
    facts: [],
    bullets: [...bullets, ...(more ? [more] : [])].map((text) => ({ text })),
    question: t('bulk.question', { confirm }),
    confirmTitle: confirm,
    confirmStyle: w.style,
    confirmData: submitData('bulk.confirm', data.cardId, { jobId: data.jobId }),
    cancelData: submitData('bulk.cancel', data.cardId, { jobId: data.jobId }),
  });
  return {
    card,
    offer: offerOf('bulk.preview', card, { jobIds: [data.jobId] }),
    fallbackText: fallbackText([`**${title}**`, message, ...bullets.map((b) => `- ${b}`), more, t('confirm.fallbackConfirm')]),
  };
}

export interface BulkJobRow {
  id: string;
  kind: BulkJobKind;
  state: string;
  label: string;
  requestedBy: string;
  createdAt: Date;
  counts: { pending: number; running: number; done: number; failed: number; skipped: number };
}

const STATE_LOOK: Record<string, { words: MessageKey; color: 'Good' | 'Attention' | 'Warning' | 'Default' }> = {
  running: { words: 'bulk.state.running', color: 'Warning' },
  done: { words: 'bulk.state.done', color: 'Good' },
  cancelled: { words: 'bulk.state.cancelled', color: 'Attention' },
  preview: { words: 'bulk.state.preview', color: 'Default' },
};

export interface BulkStatusData extends CardBase {
  jobs: readonly BulkJobRow[];
}

export function renderBulkStatus(data: BulkStatusData): RenderedCard<'bulk.status'> {
  const jobs = data.jobs.map((j) => {
    const c = j.counts;
    const total = c.pending + c.running + c.done + c.failed + c.skipped;
    const look = STATE_LOOK[j.state];
    return {
      title: `${t(WORDING[j.kind].confirm, { n: total })} · ${escapeMarkdown(j.label, 100)}`,
      state: look ? t(look.words) : escapeMarkdown(j.state, 40),
      color: look?.color ?? 'Default',
      counts: t('bulk.counts', { done: formatNumber(c.done), failed: formatNumber(c.failed), skipped: formatNumber(c.skipped), left: formatNumber(c.pending + c.running) }),
      meta: t('bulk.startedBy', { who: escapeMarkdown(j.requestedBy, 80), at: formatDateTime(j.createdAt) }),
    };
  });
  const running = data.jobs.filter((j) => j.state === 'running').map((j) => ({ title: plainText(`${t(WORDING[j.kind].kind)}: ${j.label}`, 90), value: j.id }));
  const card = expandTemplate('bulk-status', {
    jobs,
    running,
    firstRunning: running[0]?.value ?? '',
    refreshData: submitData('bulk.refresh', data.cardId, {}),
    cancelData: submitData('bulk.cancel', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('bulk.status', card, { jobIds: data.jobs.filter((j) => j.state === 'running').map((j) => j.id) }),
    fallbackText: fallbackText([`**${t('bulk.title')}**`, ...(jobs.length ? jobs.map((j) => `- ${j.title}: ${j.state}, ${j.counts}`) : [t('bulk.none')])]),
  };
}
