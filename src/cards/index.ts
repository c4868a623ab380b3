// The bot's Adaptive Cards: one typed builder per card, the action catalogue, the validator.
export type { AdaptiveCardJson, CardBase, RenderedCard } from './types.js';
export * from './actions.js';
export { escapeMarkdown, plainText, codeBlock, clip } from './escape.js';
export { FALLBACK_MAX_BYTES, byteLength } from './fallback.js';
export { validateCard, MAX_ACTIONS } from './validate.js';
export { renderHelp, type HelpCommand, type HelpCardData } from './help.js';
export { renderEmailsStatus, renderEmailsOffChecklist, type EmailsStatusData, type EmailsOffChecklistData } from './emails.js';
export { renderEmailsOffConfirm, renderRemoveConfirm, renderBulkConfirm, type RemoveConfirmData, type BulkConfirmData } from './confirm.js';
export { renderEmailJob, type EmailJobData, type EmailJobErrorRow } from './email-job.js';
export { renderUsersList, USERS_PAGE_SIZE, type UsersListData, type UsersFilter, type SubscriberRow } from './users-list.js';
export { renderUserDetail, renderErrorText, type UserDetailData, type UserDetail, type ErrorTextData } from './user-detail.js';
export { renderResult, followUp, type ResultCardData, type ResultKind, type FollowUp, type AnyFollowUp } from './result.js';
export { renderTemplatesCheck, checkTemplate, type TemplatesCardData, type TemplateRow } from './templates-check.js';
export { renderAudit, type AuditCardData, type AuditRow } from './audit.js';
export { renderInactiveAlert, ALERT_PAGE_SIZE, type InactiveAlertData, type InactivePersonRow } from './inactive-alert.js';
export { renderAlertsStatus, type AlertsStatusData, type AlertSubscriptionRow } from './alerts-status.js';
export { renderStats, statsText, signed, type StatsCardData } from './stats.js';
export { CARD_CONTEXTS, CARD_KINDS, offerOf, offeredIds, readOffer, submittedActions, type CardContext, type CardKind, type CardOffer, type OfferedCard } from './offer.js';
