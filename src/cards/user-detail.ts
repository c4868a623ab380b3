// user <id|email>: one subscriber and what can be done about it: Retry activation (email,
// prechecked by the bot), Remove (confirmation first), Change package, Copy error text, Back.
import type { Explanation } from '../error-intelligence/explain.js';
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { codeBlock, escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { SUBSCRIBER_PACKAGES, displayName, formatDateTime, packageLabel, statusColor, statusLabel } from './format.js';
import { expandTemplate } from './templates.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { offerOf, shownOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { errorLine, type SubscriberRow, type UsersFilter } from './users-list.js';
import { EMAIL_INPUT_REGEX, fact } from './view.js';

export interface UserDetail extends SubscriberRow {
  created?: Date | null;
}

export interface UserDetailData extends CardBase {
  user: UserDetail;
  /** The list filter to go back to; defaults to pending and errored users. */
  backTo?: UsersFilter;
  /** What the error (or waiting state) means and what to do (src/error-intelligence). */
  explanation?: Explanation | null;
  /** How current this is (the card says so); omitted: nothing is said. */
  freshness?: FreshnessView;
  now?: Date;
}

/** The explanation under the raw error (which stays as Webex wrote it, and copyable). */
function explanationView(e: Explanation | null | undefined, hasError: boolean): { explanation: string; fix: string; explanationNote: string } {
  if (!e) return { explanation: '', fix: '', explanationNote: '' };
  if (!e.known) {
    return hasError ? { explanation: t('user.whatItMeansUnknown'), fix: '', explanationNote: '' } : { explanation: '', fix: '', explanationNote: '' };
  }
  return {
    explanation: t('user.whatItMeans', { title: escapeMarkdown(e.title, 100), cause: e.cause ? escapeMarkdown(e.cause, 500) : '' }).trim(),
    fix: e.fix ? t('user.whatToDo', { fix: escapeMarkdown(e.fix, 500) }) : '',
    explanationNote: e.note ? t('user.orgNote', { who: escapeMarkdown(e.note.writtenBy, 80), text: escapeMarkdown(e.note.text, 500) }) : '',
  };
}

/** Retry (onboarding with an email) only makes sense while the user is not provisioned yet. */
const RETRYABLE = new Set(['pending_email_input', 'pending_email_validation', 'pending_user_migration', 'error']);

export function renderUserDetail(data: UserDetailData): RenderedCard<'user'> {
  const { cardId, user } = data;
  const name = escapeMarkdown(displayName(user, user.userId), 80);
  const error = errorLine(user, 500);
  const canRetry = RETRYABLE.has(user.status);
  const back = data.backTo ?? { statuses: [], includeProvisioned: false };
  const facts = [
    fact(t('user.fact.userId'), user.userId, 80),
    fact(t('user.fact.email'), user.email, 120),
    fact(t('user.fact.enterprise'), user.spEnterpriseId, 80),
    fact(t('user.fact.package'), packageLabel(user.package)),
    fact(t('user.fact.lastChange'), formatDateTime(user.lastStatusChange)),
  ];
  const hint = canRetry ? t('user.retryHint') : '';
  const card = expandTemplate('user-detail', {
    name,
    status: statusLabel(user.status),
    statusColor: statusColor(user.status),
    freshness: data.freshness ? freshnessLine(data.freshness, data.now ?? new Date(), 'user') : '',
    facts,
    error,
    ...explanationView(data.explanation, error !== ''),
    hint,
    canRetry,
    emailValue: plainText(user.email, 254),
    emailRegex: EMAIL_INPUT_REGEX,
    currentPackage: user.package,
    packageChoices: SUBSCRIBER_PACKAGES.map((p) => ({ title: packageLabel(p), value: p })),
    retryData: submitData('user.retry', cardId, { subscriberId: user.id }),
    removeData: submitData('user.remove', cardId, { subscriberId: user.id }),
    packageData: submitData('user.package', cardId, { subscriberId: user.id }),
    copyErrorData: submitData('user.copyError', cardId, { subscriberId: user.id }),
    // Only where there is no error text (so no Copy error text): Webex cards take five buttons.
    canConsent: user.status === 'pending_user_migration' && error === '',
    consentData: submitData('user.consent', cardId, { subscriberId: user.id }),
    backData: submitData('users.page', cardId, {
      page: 0,
      statuses: back.statuses.join(','),
      enterprise: plainText(back.enterprise, 100),
      text: plainText(back.text, 100),
      includeProvisioned: back.includeProvisioned,
    }),
  });
  return {
    card,
    offer: offerOf('user', card, { subscriberIds: [user.id], filter: data.backTo ?? null, shown: [shownOf(user)] }),
    fallbackText: fallbackText([
      `**${name}**: ${statusLabel(user.status)}`,
      data.freshness ? freshnessLine(data.freshness, data.now ?? new Date(), 'user') : '',
      ...facts.map((f) => `- ${f.title}: ${f.value}`),
      error,
      t('user.fallbackAct', { userId: escapeMarkdown(user.userId, 80) }),
    ]),
  };
}

export interface ErrorTextData extends CardBase {
  user: SubscriberRow;
}

/**
 * "Copy error text": the exact code and description. Card text is not reliably selectable in
 * Webex clients, so the fallback message carries it in a code block that can be copied as is.
 */
export function renderErrorText(data: ErrorTextData): RenderedCard<'user.error'> {
  const { user } = data;
  const code = user.errorCode == null ? '' : String(user.errorCode);
  const text = user.errorText ?? '';
  const exact = code ? `${code}: ${text}` : text || t('errorText.none');
  const card = expandTemplate('error-text', {
    title: t('errorText.title', { name: escapeMarkdown(displayName(user, user.userId), 80) }),
    facts: [fact(t('user.fact.userId'), user.userId, 80), fact(t('user.fact.errorCode'), code || '—', 20)],
    errorText: escapeMarkdown(exact, 1000),
  });
  return {
    card,
    offer: offerOf('user.error', card, {}),
    fallbackText: fallbackText([t('errorText.fallback', { userId: escapeMarkdown(user.userId, 80) }), codeBlock(exact, 2000)]),
  };
}
