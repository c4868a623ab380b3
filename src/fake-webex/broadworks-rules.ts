// Validation and lifecycle of BroadWorks subscribers, shared by provisioning and precheck.
// The error codes follow the Webex for BroadWorks style (numeric errorCode + description); 10022 and
// its text come from broadworks-subscribers.yml, the others share the simulator's numbering
// (src/provisioning/simulator/catalog.ts), which the error catalogue explains.
import { SUBSCRIBER_PACKAGES, SUBSCRIBER_STATUSES, type SubscriberError, type SubscriberPackage, type SubscriberStatus } from '../provisioning/types.js';
import type { FakeApp } from './app.js';
import { orgOfEnterprise } from './auth.js';
import { webexId } from './ids.js';
import type { FakePerson, FakeSubscriber } from './types.js';

export const PACKAGES: readonly SubscriberPackage[] = SUBSCRIBER_PACKAGES;
export const STATUSES: readonly SubscriberStatus[] = SUBSCRIBER_STATUSES;

export const BW_ERRORS = {
  missingField: (field: string): SubscriberError => ({ errorCode: 10005, description: `Missing mandatory field: ${field}.` }),
  unknownProvisioningId: { errorCode: 10001, description: 'The Provisioning ID is not valid for any Customer Template of this partner.' },
  invalidPackage: { errorCode: 10017, description: `Invalid package. Valid packages are: ${PACKAGES.join(', ')}.` },
  invalidEmail: { errorCode: 10004, description: 'The email address is not valid.' },
  userIdInUse: { errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user' },
  emailInUse: { errorCode: 10023, description: 'The email address is already associated with an existing user.' },
  /** A customer template that does not allow untrusted emails (see templateFaults). */
  untrustedEmailsOff: { errorCode: 10031, description: 'Self-activation failed: the customer template does not allow untrusted emails.' },
} satisfies Record<string, SubscriberError | ((f: string) => SubscriberError)>;

export const PRECHECK_OK = { infoCode: 100, description: 'Provisioning Precheck validation successful.' };

/** Statuses from which POST /broadworks/subscribers may provision the same userId again (retry). */
const RETRYABLE: readonly SubscriberStatus[] = ['error', 'pending_email_input', 'pending_email_validation'];

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/.test(value);
}

export function subscriberWithUserId(app: FakeApp, userId: string): FakeSubscriber | undefined {
  return [...app.state.subscribers.values()].find((s) => s.userId === userId);
}

/** Errors for an email that a provision (of `userId`) or a precheck would reject. */
export function emailProblems(app: FakeApp, email: unknown, userId?: string): SubscriberError[] {
  if (email === undefined || email === null || email === '') return [];
  if (!isEmail(email)) return [BW_ERRORS.invalidEmail];
  const lower = email.toLowerCase();
  const takenBySubscriber = [...app.state.subscribers.values()].some((s) => s.email?.toLowerCase() === lower && s.userId !== userId);
  const takenInOtherOrg = [...app.state.people.values()].some(
    // The partner's own customers are one book: an email in another Webex org altogether is taken.
    (p) => !app.state.orgs.has(p.orgId) && p.emails.some((e) => e.toLowerCase() === lower),
  );
  return takenBySubscriber || takenInOtherOrg ? [BW_ERRORS.emailInUse] : [];
}

export function commonProblems(app: FakeApp, body: Record<string, unknown>): SubscriberError[] {
  const problems: SubscriberError[] = [];
  const pid = body.provisioningId;
  if (typeof pid === 'string' && app.state.provisioningIds.size > 0 && !app.state.provisioningIds.has(pid)) {
    problems.push(BW_ERRORS.unknownProvisioningId);
  }
  if (body.package !== undefined && !PACKAGES.includes(body.package as SubscriberPackage)) problems.push(BW_ERRORS.invalidPackage);
  return problems;
}

/** May this userId be provisioned? Only when new, or when its subscriber is pending or errored. */
export function userIdProblems(app: FakeApp, userId: unknown): SubscriberError[] {
  if (typeof userId !== 'string') return [];
  const existing = subscriberWithUserId(app, userId);
  return existing && !RETRYABLE.includes(existing.status) ? [BW_ERRORS.userIdInUse] : [];
}

/** `provisioning` and `updating` are asynchronous in Webex: they settle when read after a while. */
export function settleSubscriber(app: FakeApp, s: FakeSubscriber): void {
  if (s.status !== 'provisioning' && s.status !== 'updating') return;
  const now = app.now();
  if (now.getTime() - s.lastStatusChange.getTime() < app.options.provisioningMs) return;
  const fault = app.state.templateFaults.get(s.provisioningId);
  const outcome = fault ? { status: 'error' as const, errors: [fault] } : (app.options.provisioningOutcome?.(s) ?? { status: 'provisioned' as const });
  s.lastStatusChange = now;
  if (outcome.status === 'error') {
    s.status = 'error';
    s.errors = outcome.errors;
    s.pendingUpdate = undefined;
    return;
  }
  Object.assign(s, s.pendingUpdate ?? {});
  s.pendingUpdate = undefined;
  s.status = 'provisioned';
  s.errors = [];
  s.personId ??= ensurePerson(app, s).id;
}

/** Provisioning maps the subscriber to a new or existing Webex user of the customer org. */
export function ensurePerson(app: FakeApp, s: FakeSubscriber): FakePerson {
  const email = s.email?.toLowerCase();
  const orgId = orgOfEnterprise(app, s.spEnterpriseId);
  const existing = [...app.state.people.values()].find((p) => p.orgId === orgId && email && p.emails.some((e) => e.toLowerCase() === email));
  if (existing) return existing;
  const person: FakePerson = {
    id: webexId('PEOPLE'),
    emails: s.email ? [s.email] : [],
    displayName: [s.firstName, s.lastName].filter(Boolean).join(' ') || s.userId,
    firstName: s.firstName,
    lastName: s.lastName,
    orgId,
    type: 'person',
    roles: [],
    licenses: [],
    created: app.now(),
    invitePending: true,
    loginEnabled: true,
  };
  app.state.people.set(person.id, person);
  return person;
}
