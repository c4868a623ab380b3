// Bulk jobs on cards: the preview (count, the first 10, what will happen; the confirmation names
// the number) and `bulk status` (the space's recent jobs, their counts, Cancel for running ones).
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { formatDateTime, plural } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { moreNote } from './view.js';

export type BulkJobKind = 'retry' | 'remove' | 'consent';

interface KindWording {
  title: (n: number) => string;
  what: string;
  confirm: (n: number) => string;
  style: 'positive' | 'destructive';
}

const WORDING: Record<BulkJobKind, KindWording> = {
  retry: {
    title: (n) => `Retry the activation of ${plural(n, 'user')}?`,
    what: 'For each user, the bot first reads them from Webex; anyone who changed since this preview is skipped. Then it checks their email with Webex, removes the failed record and provisions them again with the same user ID, package and email (as Retry activation does for one user).',
    confirm: (n) => `Retry all ${n}`,
    style: 'positive',
  },
  remove: {
    title: (n) => `Remove ${plural(n, 'user')} from Webex?`,
    what: 'Each subscriber is removed from Webex for BroadWorks, after the bot checks they are still as shown here (anyone who provisioned or changed since is skipped). They can sign up again through the activation portal.',
    confirm: (n) => `Remove all ${n}`,
    style: 'destructive',
  },
  consent: {
    title: (n) => `Send the consent email to ${plural(n, 'user')}?`,
    what: 'Webex emails each user a request to move their existing Webex account into this customer; they accept it from their inbox. Users no longer waiting for consent are skipped.',
    confirm: (n) => `Send ${n} consent email${n === 1 ? '' : 's'}`,
    style: 'positive',
  },
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
  const title = w.title(data.count);
  const fresh = data.freshness ? ` ${freshnessLine(data.freshness, data.now ?? new Date())}` : '';
  const message = `${escapeMarkdown(data.label, 120)}. ${w.what}${fresh}`;
  const bullets = data.first.slice(0, 10).map((r) => `${escapeMarkdown(r.userId, 80)} · ${r.email ? escapeMarkdown(r.email, 120) : 'no email'}`);
  const more = moreNote(data.count - bullets.length, 'user');
  const card = expandTemplate('confirm', {
    title,
    titleColor: data.kind === 'remove' ? 'Attention' : 'Warning',
    message,
    facts: [],
    bullets: [...bullets, ...(more ? [more] : [])].map((text) => ({ text })),
    question: `${w.confirm(data.count)}? Progress is posted here; type \`bulk status\` to follow or cancel it.`,
    confirmTitle: w.confirm(data.count),
    confirmStyle: w.style,
    confirmData: submitData('bulk.confirm', data.cardId, { jobId: data.jobId }),
    cancelData: submitData('bulk.cancel', data.cardId, { jobId: data.jobId }),
  });
  return {
    card,
    offer: offerOf('bulk.preview', card, { jobIds: [data.jobId] }),
    fallbackText: fallbackText([`**${title}**`, message, ...bullets.map((b) => `- ${b}`), more, 'Open this message in a Webex app that shows cards to confirm.']),
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

const STATE_LOOK: Record<string, { words: string; color: 'Good' | 'Attention' | 'Warning' | 'Default' }> = {
  running: { words: 'running', color: 'Warning' },
  done: { words: 'finished', color: 'Good' },
  cancelled: { words: 'cancelled', color: 'Attention' },
  preview: { words: 'waiting for confirmation', color: 'Default' },
};

export interface BulkStatusData extends CardBase {
  jobs: readonly BulkJobRow[];
}

export function renderBulkStatus(data: BulkStatusData): RenderedCard<'bulk.status'> {
  const jobs = data.jobs.map((j) => {
    const c = j.counts;
    const total = c.pending + c.running + c.done + c.failed + c.skipped;
    const look = STATE_LOOK[j.state] ?? { words: j.state, color: 'Default' as const };
    return {
      title: `${WORDING[j.kind].confirm(total)} · ${escapeMarkdown(j.label, 100)}`,
      state: look.words,
      color: look.color,
      counts: `${c.done} done · ${c.failed} failed · ${c.skipped} skipped · ${c.pending + c.running} to go`,
      meta: `Started by ${escapeMarkdown(j.requestedBy, 80)} · ${formatDateTime(j.createdAt)}`,
    };
  });
  const running = data.jobs.filter((j) => j.state === 'running').map((j) => ({ title: plainText(`${j.kind}: ${j.label}`, 90), value: j.id }));
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
    fallbackText: fallbackText(['**Bulk jobs in this space**', ...(jobs.length ? jobs.map((j) => `- ${j.title}: ${j.state}, ${j.counts}`) : ['None yet.'])]),
  };
}
