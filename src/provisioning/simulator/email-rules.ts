// Who gets an activation email, as Control Hub decides it (000_*.txt, send-activation-email.yml):
// - free→paid conversion notices always go out: neither the 24-hour rule nor the org setting
//   suppresses them (users must be told about the conversion);
// - with automatic activation emails off, nothing goes to newly added or inactive users;
// - a deactivated user cannot be invited;
// - a user emailed in the last 24 hours is not emailed again.
import {
  EMAIL_ERRORS,
  alreadyActiveText,
  emailsOffText,
  loginDisabledText,
  suppressedText,
} from './catalog.js';
import { uuidOf } from './ids.js';
import type { SimPerson } from './repository.js';

export const SUPPRESSION_MS = 24 * 60 * 60_000;

export interface EmailProblem {
  key: string;
  code: string;
  description: string;
}

export type EmailDecision =
  | { kind: 'send'; reason: 'resend' | 'plan_conversion' }
  /** Not sent by rule (a bulk job counts it as skipped). */
  | { kind: 'suppressed'; problem: EmailProblem; listed: boolean }
  /** Could not be sent (a bulk job counts it as failed). */
  | { kind: 'failed'; problem: EmailProblem };

export interface EmailFacts {
  person: SimPerson;
  /** The latest activation email this person got, if any within the last 24 hours. */
  lastEmailAt?: Date;
  emailsOn: boolean;
  at: Date;
  adminUuid: string;
}

export function decideActivationEmail(f: EmailFacts): EmailDecision {
  const { person } = f;
  const uuid = uuidOf(person.id);
  if (!person.invitePending) {
    return { kind: 'failed', problem: { ...EMAIL_ERRORS.alreadyActive, description: alreadyActiveText(person.email) } };
  }
  if (person.convertedToPaidAt && person.plan === 'paid') return { kind: 'send', reason: 'plan_conversion' };
  if (!f.emailsOn) {
    // The job reports the setting itself (allowAdminInviteEmails), so these are not listed as errors.
    return { kind: 'suppressed', problem: { ...EMAIL_ERRORS.emailsOff, description: emailsOffText(person.email) }, listed: false };
  }
  if (!person.loginEnabled) {
    return { kind: 'failed', problem: { ...EMAIL_ERRORS.loginDisabled, description: loginDisabledText(uuid, person.email) } };
  }
  if (f.lastEmailAt && f.at.getTime() - f.lastEmailAt.getTime() < SUPPRESSION_MS) {
    return {
      kind: 'suppressed',
      problem: { ...EMAIL_ERRORS.suppressed24h, description: suppressedText(uuid, f.adminUuid, person.email) },
      listed: true,
    };
  }
  return { kind: 'send', reason: 'resend' };
}
