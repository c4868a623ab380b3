// What the simulated Webex says when something fails. 10022 and its text, precheck info 100 and
// the 24-hour suppression ("304" / ATLAS-600199 and its text) are quoted from the published API
// (../shared/webex-openapi); Webex does not publish its full code list, so the other codes are
// modelled on those and kept here, in one place, so they are easy to correct.
import type { SubscriberError } from '../types.js';

export const SUBSCRIBER_ERRORS = {
  invalidProvisioningId: { errorCode: 10001, description: 'The provisioning ID does not match any customer template' },
  invalidEmail: { errorCode: 10004, description: 'The email address is not valid' },
  missingField: { errorCode: 10005, description: 'A required field is missing' },
  invalidPackage: { errorCode: 10017, description: 'The package is not allowed by the customer template' },
  userIdInUse: { errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user' },
  emailInUse: { errorCode: 10023, description: 'The email address is already associated with an existing user' },
  domainNotAllowed: { errorCode: 10024, description: 'The email domain is claimed by another organization and is not allowed for this customer' },
  untrustedEmailsOff: { errorCode: 10031, description: 'Self-activation failed: the customer template does not allow untrusted emails' },
  emailValidationExpired: { errorCode: 10033, description: 'The email validation link expired before the user validated the address' },
  updateInProgress: { errorCode: 10040, description: 'A provisioning or update request is already in progress for this subscriber' },
  internal: { errorCode: 10500, description: 'Provisioning failed because of a temporary error; retry the activation' },
} as const satisfies Record<string, SubscriberError>;

export type SubscriberErrorKind = keyof typeof SUBSCRIBER_ERRORS;

export const PRECHECK_OK = { code: 100, description: 'Provisioning preCheck validation successful.' };

/** Domains verified and claimed by other Webex orgs: users there cannot join this customer. */
export const CLAIMED_DOMAINS = ['contoso.com', 'fabrikam.com', 'northwind.com'];

/** Pragmatic address check: one @, a dotted domain, no spaces or angle brackets. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(email);
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The 24-hour re-send suppression, worded as send-activation-email.yml quotes it. */
export function suppressedText(personUuid: string, adminUuid: string, email: string): string {
  return (
    `Re-send invite for ${personUuid} by ${adminUuid} is suppressed as the user ${personUuid} ` +
    `has already received an invitation email in last 24 hours ; Error with ${email}.`
  );
}

export const EMAIL_ERRORS = {
  suppressed24h: { key: '304', code: 'ATLAS-600199' },
  loginDisabled: { key: '400', code: 'ATLAS-600141' },
  emailsOff: { key: '403', code: 'ADMIN_INVITE_EMAILS_OFF' },
  alreadyActive: { key: '409', code: 'USER_ALREADY_ACTIVE' },
} as const;

export function loginDisabledText(personUuid: string, email: string): string {
  return `Re-send invite for ${personUuid} failed as the user ${personUuid} is deactivated ; Error with ${email}.`;
}

export function emailsOffText(email: string): string {
  return `Automatic activation emails are turned off for this organization; no invitation email was sent to ${email}.`;
}

export function alreadyActiveText(email: string): string {
  return `${email} has already activated their account; no activation email is needed.`;
}
