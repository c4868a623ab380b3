// The fake's in-memory model. Dates are Date objects here and ISO strings on the wire (views.ts);
// every entity keeps only what the OpenAPI files describe plus the bookkeeping the fake needs.
import type { SubscriberError, SubscriberPackage, SubscriberStatus } from '../provisioning/types.js';

export interface FakePerson {
  id: string;
  emails: string[];
  displayName: string;
  firstName?: string;
  lastName?: string;
  nickName?: string;
  avatar?: string;
  orgId: string;
  type: 'person' | 'bot' | 'appuser';
  roles: string[];
  licenses: string[];
  created: Date;
  lastModified?: Date;
  lastActivity?: Date;
  status?: 'active' | 'inactive' | 'pending' | 'unknown';
  invitePending: boolean;
  loginEnabled: boolean;
  /** When an activation email last went out (drives the 24-hour re-send suppression). */
  lastInviteEmailAt?: Date;
  /** SCIM `preferredLanguage` (e.g. ro_RO); unset: none. */
  preferredLanguage?: string;
}

export interface FakeSubscriber {
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
  language?: string;
  timezone?: string;
  package: SubscriberPackage;
  status: SubscriberStatus;
  errors: SubscriberError[];
  created: Date;
  lastStatusChange: Date;
  provisioningId: string;
  selfActivated: boolean;
  /** Consent-move emails sent (POST …/emails/consentMove). */
  consentEmailsSent?: number;
  /** A PUT on a provisioned subscriber is applied when `updating` settles (the API says so). */
  pendingUpdate?: Partial<Pick<FakeSubscriber, 'package' | 'firstName' | 'lastName' | 'primaryPhoneNumber' | 'mobilePhoneNumber' | 'extension' | 'timezone' | 'userId'>>;
}

export interface FakeJobOutcome {
  personId: string;
  email: string;
  result: 'sent' | 'suppressed' | 'failed';
}

export interface FakeActivationJob {
  id: string;
  orgId: string;
  sourceUserId: string;
  instanceId: number;
  trackingId: string;
  created: Date;
  polls: number;
  status: 'STARTING' | 'STARTED' | 'COMPLETED';
  completed?: Date;
  /** Decided when the job starts, applied to the people when it completes. */
  outcomes: FakeJobOutcome[];
}

export interface FakeRoom {
  id: string;
  title: string;
  type: 'direct' | 'group';
  isLocked: boolean;
  creatorId: string;
  created: Date;
  lastActivity: Date;
}

export interface FakeMembership {
  id: string;
  roomId: string;
  personId: string;
  isModerator: boolean;
  isMonitor: boolean;
  created: Date;
}

export interface CardAttachment {
  contentType: string;
  content: Record<string, unknown>;
}

export interface FakeMessage {
  id: string;
  roomId: string;
  parentId?: string;
  personId: string;
  text?: string;
  markdown?: string;
  /** URLs as Webex returns them (for uploads: the fake's own /contents/{id}). */
  files?: string[];
  attachments?: CardAttachment[];
  mentionedPeople?: string[];
  mentionedGroups?: string[];
  created: Date;
}

export interface FakeAttachmentAction {
  id: string;
  type: 'submit';
  messageId: string;
  roomId: string;
  personId: string;
  inputs: Record<string, unknown>;
  created: Date;
}

export interface FakeWebhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status: 'active' | 'inactive';
  ownedBy: 'creator' | 'org';
  /** Person that created it: deliveries carry `createdBy` and go only to its own events. */
  createdBy: string;
  orgId: string;
  appId: string;
  created: Date;
}

export interface FakeFile {
  id: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  roomId: string;
  uploadedBy: string;
}

export interface FakeToken {
  personId: string;
  kind: 'bot' | 'admin' | 'user';
  expiresAt?: Date;
}

export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
  /** Refresh tokens this client may redeem, mapped to the person they act for. */
  refreshTokens: Map<string, string>;
}

/** A WDM device registration: what a websocket-mode client registers before opening Mercury. */
export interface FakeDevice {
  id: string;
  /** The device's own URL (PUT refreshes it, DELETE unregisters it). */
  url: string;
  webSocketUrl: string;
  personId: string;
  created: Date;
  refreshed?: Date;
  /** The registration body the client sent (name, deviceType, model…). */
  body: Record<string, unknown>;
}

export interface FakeState {
  orgId: string;
  botId: string;
  adminId: string;
  /** orgId → setting key → value (`allow-admin-invite-emails` is ON by default, as in Control Hub). */
  orgSettings: Map<string, Map<string, boolean>>;
  people: Map<string, FakePerson>;
  subscribers: Map<string, FakeSubscriber>;
  /** Customer templates' provisioning ids; empty = any id is accepted. */
  provisioningIds: Set<string>;
  /**
   * Customer templates that are misconfigured (by provisioning id), with the error every user
   * provisioned under them ends in: a whole cluster failing with one cause, until it is fixed
   * (deleted from here), after which a retry provisions them.
   */
  templateFaults: Map<string, SubscriberError>;
  activationJobs: Map<string, FakeActivationJob>;
  rooms: Map<string, FakeRoom>;
  memberships: Map<string, FakeMembership>;
  messages: Map<string, FakeMessage>;
  attachmentActions: Map<string, FakeAttachmentAction>;
  webhooks: Map<string, FakeWebhook>;
  files: Map<string, FakeFile>;
  tokens: Map<string, FakeToken>;
  /** WDM device registrations, by device id (deleted ones are removed). */
  devices: Map<string, FakeDevice>;
  oauthClients: Map<string, FakeOAuthClient>;
  /** Partner org id → the customer org ids its admins manage (seed.partnerAdmin()). */
  managedOrgs: Map<string, Set<string>>;
  /** Every org the fake knows besides its own (customers seeded with seed.customerOrg()), by id. */
  orgs: Map<string, FakeOrg>;
  /** A plain partner admin's assigned customers (GET /partner/organizations?managedBy=), by person id. */
  assignedCustomers: Map<string, Set<string>>;
  /** BroadWorks enterprises by spEnterpriseId, each in a customer org (subscribers of an enterprise not listed here are the main org's). */
  enterprises: Map<string, FakeEnterprise>;
}

export interface FakeOrg {
  id: string;
  displayName: string;
  created: Date;
  /** GET /identity/organizations/{orgId} `preferredLanguage` (ISO 639, e.g. cs_CZ); unset: en_US. */
  preferredLanguage?: string;
}

export interface FakeEnterprise {
  id: string;
  spEnterpriseId: string;
  orgId: string;
  provisioningId: string;
}
