// The outcome of a bulk activation-email job (send-activation-email.yml): status, counts and the
// per-user errors. While Webex is still working on it the card says so and offers Refresh.
import type { ActivationEmailError, ActivationEmailJob } from '../provisioning/types.js';
import { formatNumber, t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { capRows, moreNote } from './view.js';
import { explainError, shortExplanation } from '../error-intelligence/explain.js';

const DAY_MS = 86_400_000;

export interface EmailJobErrorRow extends ActivationEmailError {
  /** Who it was for (email or name), when the bot could match the item to a user. */
  user?: string | null;
}

export interface EmailJobData extends CardBase {
  job: ActivationEmailJob;
  errors?: readonly EmailJobErrorRow[];
  startedBy?: string | null;
  startedAt?: Date | null;
}

const MAX_ERRORS = 10;
const RUNNING = new Set(['STARTING', 'STARTED', 'STOPPING', 'UNKNOWN']);

function status(job: ActivationEmailJob): { text: string; color: string; running: boolean } {
  if (RUNNING.has(job.latestExecutionStatus)) return { text: t('emailJob.running'), color: 'Warning', running: true };
  if (job.latestExecutionStatus === 'FAILED' || job.latestExecutionExitCode === 'FAILED') {
    return { text: t('emailJob.failed'), color: 'Attention', running: false };
  }
  if (job.latestExecutionStatus === 'ABANDONED' || job.latestExecutionExitCode === 'STOPPED') {
    return { text: t('emailJob.stopped'), color: 'Attention', running: false };
  }
  if (job.latestExecutionExitCode === 'COMPLETED_WITH_ERRORS' || job.counts.userResendInviteFailed > 0) {
    return { text: t('emailJob.completedErrors'), color: 'Warning', running: false };
  }
  return { text: t('emailJob.completed'), color: 'Good', running: false };
}

export function renderEmailJob(data: EmailJobData): RenderedCard<'emails.job'> {
  const { job } = data;
  const { counts } = job;
  const state = status(job);
  const errorsIn = data.errors ?? [];
  const { shown, hidden } = capRows(errorsIn, MAX_ERRORS);
  // The 24-hour suppression is not a failure: shown as skipped, with when it is possible again.
  const againBy = data.startedAt ? t('emailJob.againBy', { at: formatDateTime(new Date(data.startedAt.getTime() + DAY_MS)) }) : '';
  const errors = shown.map((e) => {
    const explained = explainError(e.code || e.key, e.description);
    const later = explained.retry === 'later';
    return {
      label: e.user ? escapeMarkdown(e.user, 120) : t('emailJob.item', { n: e.itemNumber }),
      code: later ? t('emailJob.skipped') : escapeMarkdown(e.code || e.key, 40),
      description:
        escapeMarkdown(e.description, 300) +
        (later ? t('emailJob.possibleAgain', { againBy }) : ` ↳ ${escapeMarkdown(shortExplanation(explained), 200)}`),
    };
  });
  const summary = state.running
    ? t('emailJob.stillSending', { sent: formatNumber(counts.userResendInviteSent), total: formatNumber(counts.totalUsers) })
    : t('emailJob.sentTo', { sent: counts.userResendInviteSent, total: counts.totalUsers });
  const suppressed = errorsIn.some((e) => e.key === '304');
  const notes = [
    suppressed ? t('emailJob.suppressed') : '',
    job.allowAdminInviteEmails === false ? t('emailJob.autoOff') : '',
  ].filter(Boolean);
  const card = expandTemplate('email-job', {
    statusText: state.text,
    statusColor: state.color,
    running: state.running,
    summary,
    counts: [
      { title: t('emailJob.sent'), value: formatNumber(counts.userResendInviteSent) },
      { title: t('emailJob.failedCount'), value: formatNumber(counts.userResendInviteFailed) },
      { title: t('emailJob.skippedCount'), value: formatNumber(counts.userResendInviteSkipped) },
      { title: t('emailJob.total'), value: formatNumber(counts.totalUsers) },
    ],
    startedLine: data.startedAt
      ? data.startedBy
        ? t('emailJob.startedBy', { at: formatDateTime(data.startedAt), who: escapeMarkdown(data.startedBy, 120), id: escapeMarkdown(job.id, 80) })
        : t('emailJob.started', { at: formatDateTime(data.startedAt), id: escapeMarkdown(job.id, 80) })
      : t('emailJob.job', { id: escapeMarkdown(job.id, 80) }),
    errorsTitle: t('emailJob.errors', { n: errorsIn.length }),
    errors,
    moreErrors: moreNote(hidden, 'error'),
    note: notes.join(' '),
    refreshData: submitData('emails.job.refresh', data.cardId, { jobId: job.id }),
  });
  return {
    card,
    offer: offerOf('emails.job', card, { jobIds: [job.id] }),
    fallbackText: fallbackText([
      t('emailJob.fallbackTitle', { state: state.text }),
      summary,
      t('emailJob.fallbackCounts', { sent: counts.userResendInviteSent, failed: counts.userResendInviteFailed, skipped: counts.userResendInviteSkipped, total: counts.totalUsers }),
      ...errors.map((e) => `- ${e.label}: **${e.code}** ${e.description}`),
      notes.join(' '),
    ]),
  };
}
