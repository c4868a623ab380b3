// The outcome of a bulk activation-email job (send-activation-email.yml): status, counts and the
// per-user errors. While Webex is still working on it the card says so and offers Refresh.
import type { ActivationEmailError, ActivationEmailJob } from '../provisioning/types.js';
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime, plural } from './format.js';
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
  if (RUNNING.has(job.latestExecutionStatus)) return { text: 'Still running…', color: 'Warning', running: true };
  if (job.latestExecutionStatus === 'FAILED' || job.latestExecutionExitCode === 'FAILED') {
    return { text: 'Failed', color: 'Attention', running: false };
  }
  if (job.latestExecutionStatus === 'ABANDONED' || job.latestExecutionExitCode === 'STOPPED') {
    return { text: 'Stopped before it finished', color: 'Attention', running: false };
  }
  if (job.latestExecutionExitCode === 'COMPLETED_WITH_ERRORS' || job.counts.userResendInviteFailed > 0) {
    return { text: 'Completed with errors', color: 'Warning', running: false };
  }
  return { text: 'Completed', color: 'Good', running: false };
}

export function renderEmailJob(data: EmailJobData): RenderedCard<'emails.job'> {
  const { job } = data;
  const { counts } = job;
  const state = status(job);
  const errorsIn = data.errors ?? [];
  const { shown, hidden } = capRows(errorsIn, MAX_ERRORS);
  // The 24-hour suppression is not a failure: shown as skipped, with when it is possible again.
  const againBy = data.startedAt ? ` (by ${formatDateTime(new Date(data.startedAt.getTime() + DAY_MS))} at the latest)` : '';
  const errors = shown.map((e) => {
    const explained = explainError(e.code || e.key, e.description);
    const later = explained.retry === 'later';
    return {
      label: e.user ? escapeMarkdown(e.user, 120) : `Item ${e.itemNumber}`,
      code: later ? 'Skipped' : escapeMarkdown(e.code || e.key, 40),
      description:
        escapeMarkdown(e.description, 300) +
        (later ? ` ↳ Possible again 24 hours after the previous invitation${againBy}.` : ` ↳ ${escapeMarkdown(shortExplanation(explained), 200)}`),
    };
  });
  const summary = state.running
    ? `Webex is still sending. So far ${counts.userResendInviteSent} of ${counts.totalUsers} sent. Press Refresh for the latest counts.`
    : `${plural(counts.userResendInviteSent, 'email')} sent to ${plural(counts.totalUsers, 'user')}.`;
  const suppressed = errorsIn.some((e) => e.key === '304');
  const notes = [
    suppressed ? 'Webex does not re-send an activation email to anyone emailed in the last 24 hours.' : '',
    job.allowAdminInviteEmails === false ? 'Automatic activation emails are OFF for this organization.' : '',
  ].filter(Boolean);
  const card = expandTemplate('email-job', {
    statusText: state.text,
    statusColor: state.color,
    running: state.running,
    summary,
    counts: [
      { title: 'Sent', value: String(counts.userResendInviteSent) },
      { title: 'Failed', value: String(counts.userResendInviteFailed) },
      { title: 'Skipped', value: String(counts.userResendInviteSkipped) },
      { title: 'Total', value: String(counts.totalUsers) },
    ],
    startedLine: data.startedAt
      ? `Started ${formatDateTime(data.startedAt)}${data.startedBy ? ` by ${escapeMarkdown(data.startedBy, 120)}` : ''} · job ${escapeMarkdown(job.id, 80)}`
      : `Job ${escapeMarkdown(job.id, 80)}`,
    errorsTitle: `Errors (${errorsIn.length})`,
    errors,
    moreErrors: moreNote(hidden, 'error'),
    note: notes.join(' '),
    refreshData: submitData('emails.job.refresh', data.cardId, { jobId: job.id }),
  });
  return {
    card,
    offer: offerOf('emails.job', card, { jobIds: [job.id] }),
    fallbackText: fallbackText([
      `**Activation emails: ${state.text}**`,
      summary,
      `Sent ${counts.userResendInviteSent} · Failed ${counts.userResendInviteFailed} · Skipped ${counts.userResendInviteSkipped} · Total ${counts.totalUsers}`,
      ...errors.map((e) => `- ${e.label}: **${e.code}** ${e.description}`),
      notes.join(' '),
    ]),
  };
}
