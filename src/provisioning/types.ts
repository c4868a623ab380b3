// The provisioning backend: one interface over what Webex (or the simulator) holds. Both
// backends implement it; the provisioning service (mirror, durable retry, checks) sits on top.
// Shapes follow ../shared/webex-openapi/*.yml; dates are Date objects, ids are Webex ids.

export type SubscriberStatus =
  | 'pending_email_input'
  | 'pending_email_validation'
  | 'pending_user_migration'
  | 'provisioning'
  | 'provisioned'
  | 'updating'
  | 'error';
export type SubscriberPackage = 'softphone' | 'basic' | 'standard' | 'premium';

/** Every status, in the order a person reads them (pending first, error last). */
export const SUBSCRIBER_STATUSES = [
  'pending_email_input',
  'pending_email_validation',
  'pending_user_migration',
  'provisioning',
  'provisioned',
  'updating',
  'error',
] as const satisfies readonly SubscriberStatus[];
/** The list's default: everyone not provisioned yet. */
export const PENDING_OR_ERROR: SubscriberStatus[] = SUBSCRIBER_STATUSES.filter((s) => s !== 'provisioned');
/** Waiting for the user (`users pending`, the `orgs` pending count). */
export const PENDING_STATUSES = ['pending_email_input', 'pending_email_validation', 'pending_user_migration'] as const satisfies readonly SubscriberStatus[];
/** The statuses a subscriber can be stuck in (pending longer than STUCK_AFTER_HOURS). */
export const STUCK_STATUSES = ['pending_email_input', 'pending_email_validation', 'provisioning', 'updating'] as const satisfies readonly SubscriberStatus[];
export const SUBSCRIBER_PACKAGES = ['softphone', 'basic', 'standard', 'premium'] as const satisfies readonly SubscriberPackage[];

export interface SubscriberError {
  errorCode: number;
  description: string;
}

/** A Webex for BroadWorks subscriber (broadworks-subscribers.yml `Subscriber`). */
export interface RemoteSubscriber {
  id: string;
  personId?: string;
  userId: string;
  spEnterpriseId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  primaryPhoneNumber?: string;
  mobilePhoneNumber?: string;
  extension?: string;
  package: SubscriberPackage;
  status: SubscriberStatus;
  errors: SubscriberError[];
  created: Date;
  lastStatusChange: Date;
  provisioningId: string;
  selfActivated: boolean;
}

export interface SubscriberQuery {
  statuses?: SubscriberStatus[];
  spEnterpriseId?: string;
  userId?: string;
  email?: string;
  provisioningId?: string;
  /** Only subscribers whose status changed after this instant (incremental sync). */
  lastStatusChangeAfter?: Date;
}

/** Everything POST /broadworks/subscribers needs to provision (or re-provision) a subscriber. */
export interface ProvisionRequest {
  provisioningId: string;
  userId: string;
  spEnterpriseId: string;
  firstName: string;
  lastName: string;
  email: string;
  package: SubscriberPackage;
  primaryPhoneNumber?: string;
  mobilePhoneNumber?: string;
  extension?: string;
  language?: string;
  timezone?: string;
}

export interface PrecheckRequest {
  provisioningId: string;
  userId?: string;
  spEnterpriseId?: string;
  email: string;
  firstName?: string;
  lastName?: string;
  package?: SubscriberPackage;
}

export type PrecheckResult =
  | { ok: true; info: { code: number; description: string }[] }
  | { ok: false; errors: { code: number; description: string }[] };

/** A Webex user (people.yml `Person`), as an admin sees it. */
export interface RemotePerson {
  id: string;
  emails: string[];
  displayName?: string;
  firstName?: string;
  lastName?: string;
  orgId?: string;
  licenses: string[];
  created: Date;
  lastActivity?: Date;
  invitePending: boolean;
  loginEnabled: boolean;
  /** When known to the backend (the simulator knows it; Webex does not say): a free → paid conversion. */
  convertedToPaidAt?: Date;
}

export type JobExecutionStatus = 'COMPLETED' | 'STARTING' | 'STARTED' | 'STOPPING' | 'FAILED' | 'ABANDONED' | 'UNKNOWN';

/** send-activation-email.yml `BulkActivationEmailResendJobDetails`, reduced to what we show. */
export interface ActivationEmailJob {
  id: string;
  latestExecutionStatus: JobExecutionStatus;
  latestExecutionExitCode?: 'UNKNOWN' | 'COMPLETED' | 'FAILED' | 'STOPPED' | 'COMPLETED_WITH_ERRORS';
  counts: { userResendInviteSent: number; userResendInviteFailed: number; userResendInviteSkipped: number; totalUsers: number };
  allowAdminInviteEmails?: boolean;
}

/** One per-user error of a job (send-activation-email.yml `ItemObject`). */
export interface ActivationEmailError {
  itemNumber: number;
  /** HTTP-like status key, e.g. "304" for the 24-hour suppression. */
  key: string;
  code: string;
  description: string;
  trackingId?: string;
}

/** Outcome of sending one user's activation email. */
export type SingleEmailResult =
  | { outcome: 'sent'; personId: string }
  | { outcome: 'suppressed'; personId: string; code: string; description: string }
  | { outcome: 'error'; personId: string; code: string; description: string };

/** A Webex for BroadWorks customer template and its User Authentication settings. */
export interface RemoteTemplate {
  provisioningId: string;
  name: string;
  spEnterpriseId?: string;
  /** User Authentication → "Untrusted Emails" checked. */
  untrustedEmails: boolean;
  /** User Authentication → where "Share Link" points. */
  shareLinkKind: 'activation' | 'download' | 'none';
}

/** A customer org a partner's token can see (organizations.yml `Organization`). */
export interface RemoteOrg {
  id: string;
  name: string;
  /** Found by GET /organizations, or by GET /partner/organizations (customers assigned to this admin). */
  source: 'organizations' | 'partner';
}

/** A BroadWorks enterprise and its customer org (broadworks-enterprises.yml `Enterprise`). */
export interface RemoteEnterprise {
  id: string;
  spEnterpriseId: string;
  orgId: string;
}

export interface ProvisioningBackend {
  readonly name: 'webex' | 'simulator';
  /** The org its settings, people and activation-email jobs are about; undefined: partner-wide. */
  readonly orgId?: string;
  /** The same backend working on one customer org (settings, people, jobs); subscribers are partner-wide either way. */
  forOrg(orgId: string): ProvisioningBackend;
  /** Partner mode: every customer org the token can see. */
  listOrganizations(): Promise<RemoteOrg[]>;
  /** Partner mode: every BroadWorks enterprise of the service provider, with its org (paged). */
  listEnterprises(): AsyncIterable<RemoteEnterprise>;
  /**
   * Whether one user's activation email can be sent (sendActivationEmail). Webex has no such API
   * (only the org-wide job), so no card offers it on the webex backend.
   */
  readonly perUserActivationEmail: boolean;

  /**
   * The org's preferred language (`preferredLanguage` of the identity API, e.g. cs_CZ); null when
   * not set or not readable with this token (a space then speaks DEFAULT_LANGUAGE).
   */
  getOrgLanguage(): Promise<string | null>;
  /** One admin's own preferred language (SCIM `preferredLanguage`, else `locale`); null likewise. */
  getPersonLanguage(personId: string): Promise<string | null>;

  /** Org setting `allow-admin-invite-emails` (automatic activation emails). */
  getAutoActivationEmails(): Promise<boolean>;
  setAutoActivationEmails(enabled: boolean): Promise<boolean>;

  /** Starts the org-wide bulk job (all eligible users); poll it with getActivationEmailJob. */
  startActivationEmailJob(): Promise<ActivationEmailJob>;
  getActivationEmailJob(jobId: string): Promise<ActivationEmailJob>;
  getActivationEmailJobErrors(jobId: string, max?: number): Promise<ActivationEmailError[]>;
  /** One user's activation email (see the README for what this maps to on Webex). */
  sendActivationEmail(personId: string): Promise<SingleEmailResult>;

  /** People in the org; `invitePending` filters client-side where the API cannot. */
  listPeople(filter?: { invitePending?: boolean; email?: string }): AsyncIterable<RemotePerson>;
  getPerson(personId: string): Promise<RemotePerson | null>;

  /** Every matching subscriber, following Link paging. */
  listSubscribers(query?: SubscriberQuery): AsyncIterable<RemoteSubscriber>;
  getSubscriber(id: string): Promise<RemoteSubscriber | null>;
  precheckEmail(request: PrecheckRequest): Promise<PrecheckResult>;
  provisionSubscriber(request: ProvisionRequest): Promise<RemoteSubscriber>;
  removeSubscriber(id: string): Promise<void>;
  changePackage(id: string, pkg: SubscriberPackage): Promise<RemoteSubscriber>;
  /** The consent email that moves an existing Webex account into the customer (pending_user_migration only). */
  sendConsentMoveEmail(id: string): Promise<void>;

  listTemplates(): Promise<RemoteTemplate[]>;
}
