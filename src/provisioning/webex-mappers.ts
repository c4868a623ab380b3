// Webex wire shapes (src/webex/schemas.ts) → the provisioning domain types (types.ts).
import type {
  WebexActivationJob,
  WebexActivationJobError,
  WebexPerson,
  WebexSubscriber,
} from '../webex/schemas.js';
import type { ActivationEmailError, ActivationEmailJob, PrecheckResult, RemotePerson, RemoteSubscriber } from './types.js';
import type { WebexErrorItem } from '../webex/errors.js';

const date = (iso: string | undefined): Date | undefined => (iso ? new Date(iso) : undefined);

export function toRemotePerson(p: WebexPerson): RemotePerson {
  return {
    id: p.id,
    emails: p.emails,
    displayName: p.displayName,
    firstName: p.firstName,
    lastName: p.lastName,
    orgId: p.orgId,
    licenses: p.licenses ?? [],
    // Admin listings always carry `created`; epoch 0 marks "unknown" rather than inventing a date.
    created: date(p.created) ?? new Date(0),
    lastActivity: date(p.lastActivity),
    invitePending: p.invitePending ?? false,
    loginEnabled: p.loginEnabled ?? true,
  };
}

export function toRemoteSubscriber(s: WebexSubscriber): RemoteSubscriber {
  return {
    id: s.id,
    personId: s.personId,
    userId: s.userId,
    spEnterpriseId: s.spEnterpriseId,
    firstName: s.firstName,
    lastName: s.lastName,
    email: s.email,
    primaryPhoneNumber: s.primaryPhoneNumber,
    mobilePhoneNumber: s.mobilePhoneNumber,
    extension: s.extension,
    package: s.package,
    status: s.status,
    errors: s.errors.map((e) => ({ errorCode: e.errorCode, description: e.description })),
    created: new Date(s.created),
    lastStatusChange: new Date(s.lastStatusChange),
    provisioningId: s.provisioningId,
    selfActivated: s.selfActivated,
  };
}

export function toActivationJob(j: WebexActivationJob): ActivationEmailJob {
  return {
    id: j.id,
    latestExecutionStatus: j.latestExecutionStatus,
    latestExecutionExitCode: j.latestExecutionExitCode,
    counts: {
      userResendInviteSent: j.counts.userResendInviteSent,
      userResendInviteFailed: j.counts.userResendInviteFailed,
      userResendInviteSkipped: j.counts.userResendInviteSkipped,
      totalUsers: j.counts.totalUsers,
    },
    allowAdminInviteEmails: j.allowAdminInviteEmails,
  };
}

export function toActivationEmailError(e: WebexActivationJobError): ActivationEmailError {
  return {
    itemNumber: e.itemNumber,
    key: e.error.key,
    code: e.error.message[0]?.code ?? '',
    description: e.error.message.map((m) => m.description).join(' '),
    trackingId: e.trackingId,
  };
}

type PrecheckInfo = { infoCode: number; description: string };

export function toPrecheckOk(info: PrecheckInfo | PrecheckInfo[] | undefined): PrecheckResult {
  const list = info === undefined ? [] : Array.isArray(info) ? info : [info];
  return { ok: true, info: list.map((i) => ({ code: i.infoCode, description: i.description })) };
}

/** A rejected precheck (HTTP 400): Webex lists why in `errors[]` with BroadWorks error codes. */
export function toPrecheckFailure(errors: WebexErrorItem[] | undefined, fallback: string): PrecheckResult {
  const items = (errors ?? []).filter((e) => e.description || e.errorCode !== undefined);
  if (items.length === 0) return { ok: false, errors: [{ code: 0, description: fallback }] };
  return { ok: false, errors: items.map((e) => ({ code: Number(e.errorCode ?? 0), description: e.description ?? fallback })) };
}
