// The bot's Adaptive Cards: one typed builder per card, the action catalogue. The validator
// (./validate.js: ajv and the adaptivecards parser, ~16 MB resident) is the tests' and is not loaded here.
export type { AdaptiveCardJson, CardBase, RenderedCard } from './types.js';
export * from './actions.js';
export { escapeMarkdown, plainText, codeBlock, clip } from './escape.js';
export { FALLBACK_MAX_BYTES, byteLength } from './fallback.js';
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
export { CARD_CONTEXTS, CARD_KINDS, offerOf, offeredIds, readOffer, shownOf, shownSubscriberOf, submittedActions, type ShownSubscriber, type CardContext, type CardKind, type CardOffer, type OfferedCard } from './offer.js';
export { freshnessLine, type FreshnessView } from './freshness.js';
export { renderErrorsStatus, type ErrorsStatusData } from './errors-status.js';
export { renderFailurePush, type FailurePushData, type FailingSubscriber } from './failure-push.js';
export { renderLateCommand, type LateCommandData } from './late-command.js';
export { lateBy, packageLabel, statusLabel } from './format.js';
export { renderStats, statsText, signed, type StatsCardData } from './stats.js';
export { renderErrorsGroups, renderErrorsGroup, consentFits, retryWords, type ErrorsGroupsData, type ErrorsGroupData, type CauseGroupView, type CauseFilterView } from './errors-groups.js';
export { renderBulkPreview, renderBulkStatus, type BulkPreviewData, type BulkStatusData, type BulkJobRow, type BulkJobKind } from './bulk.js';
export { renderOrgs, type OrgsData, type OrgLine } from './orgs.js';
export { withOrgHeader, orgHeadingText, type OrgHeading } from './org-header.js';
