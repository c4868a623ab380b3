// One small Webex world, described once and written into both backends (seed-backends.ts), so the
// same test can ask either backend the same question and expect the same answer. Ids are fixed
// Webex-looking ids, so a subscriber or person has the same id in the simulator and in the fake.
import { webexId } from '../../src/fake-webex/index.js';
import { licenseFor } from '../../src/provisioning/simulator/model.js';
import type { RemoteSubscriber, SubscriberError, SubscriberPackage, SubscriberStatus } from '../../src/provisioning/types.js';

export const T0 = new Date('2026-03-02T09:00:00.000Z');
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(T0.getTime() - ms);

const uuid = (kind: number, n: number) => `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;
export const ORG_ID = webexId('ORGANIZATION', uuid(0, 1));
export const subscriberId = (n: number) => webexId('SUBSCRIBER', uuid(1, n));
export const personId = (n: number) => webexId('PEOPLE', uuid(2, n));
/** A well-formed id that names nothing. */
export const UNKNOWN_SUBSCRIBER = subscriberId(999_999);
export const UNKNOWN_PERSON = personId(999_999);
export const UNKNOWN_JOB = webexId('JOB_ID', uuid(3, 999_999));

export const ACME = 'SP1+acme';
export const GLOBEX = 'SP1+globex';

export interface FixtureTemplate {
  provisioningId: string;
  name: string;
  spEnterpriseId: string;
  untrustedEmails: boolean;
  shareLinkKind: 'activation' | 'download' | 'none';
}

/** Acme is set up right; Globex's template is misconfigured (the Partner Hub check must say so). */
export const TEMPLATES: FixtureTemplate[] = [
  { provisioningId: Buffer.from(`${uuid(4, 1)}:${uuid(4, 2)}`).toString('base64url'), name: 'Acme — Webex for BroadWorks', spEnterpriseId: ACME, untrustedEmails: true, shareLinkKind: 'activation' },
  { provisioningId: Buffer.from(`${uuid(4, 3)}:${uuid(4, 4)}`).toString('base64url'), name: 'Globex — Webex for BroadWorks', spEnterpriseId: GLOBEX, untrustedEmails: false, shareLinkKind: 'download' },
];
export const PROVISIONING_ID: Record<string, string> = { [ACME]: TEMPLATES[0]!.provisioningId, [GLOBEX]: TEMPLATES[1]!.provisioningId };

export interface FixturePerson {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  licenses: string[];
  created: Date;
  lastActivity?: Date;
  invitePending: boolean;
  /** When Webex last emailed this person an invitation (drives the 24-hour suppression). */
  lastEmailAt?: Date;
}

const LICENSE = licenseFor('standard');

/** The fake starts with this org admin; the simulator is given the same person. */
export const ADMIN: Omit<FixturePerson, 'id'> = {
  email: 'admin@example.com',
  firstName: 'Org',
  lastName: 'Admin',
  displayName: 'Org Admin',
  licenses: [],
  created: T0,
  lastActivity: T0,
  invitePending: false,
};

const person = (n: number, p: Omit<FixturePerson, 'id' | 'displayName' | 'licenses'> & { licenses?: string[] }): FixturePerson => ({
  id: personId(n),
  displayName: `${p.firstName} ${p.lastName}`,
  licenses: p.licenses ?? [LICENSE],
  ...p,
});

export const JANE = person(1, { email: 'jane.doe@acme.example', firstName: 'Jane', lastName: 'Doe', created: ago(30 * DAY), lastActivity: ago(DAY), invitePending: false });
export const TOMAS = person(2, { email: 'tomas.novak@globex.example', firstName: 'Tomáš', lastName: 'Novák', created: ago(40 * DAY), lastActivity: ago(2 * DAY), invitePending: false });
/** Invited 20 days ago, last emailed 3 days ago: a job emails them again. */
export const OLD_INVITE = person(3, { email: 'ioana.popescu@acme.example', firstName: 'Ioana', lastName: 'Popescu', created: ago(20 * DAY), invitePending: true, lastEmailAt: ago(3 * DAY) });
/** Emailed two hours ago: the 24-hour rule suppresses another email. */
export const FRESH_INVITE = person(4, { email: 'petr.svoboda@acme.example', firstName: 'Petr', lastName: 'Svoboda', created: ago(2 * DAY), invitePending: true, lastEmailAt: ago(2 * HOUR) });
/** Never emailed (automatic emails were off when they were added). */
export const NEVER_EMAILED = person(5, { email: 'emily.clarke@globex.example', firstName: 'Emily', lastName: 'Clarke', created: ago(5 * DAY), invitePending: true });
export const PEOPLE: FixturePerson[] = [JANE, TOMAS, OLD_INVITE, FRESH_INVITE, NEVER_EMAILED];
export const PENDING_PEOPLE = [OLD_INVITE, FRESH_INVITE, NEVER_EMAILED];

export interface FixtureSubscriber {
  id: string;
  personId?: string;
  userId: string;
  spEnterpriseId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  primaryPhoneNumber?: string;
  extension?: string;
  package: SubscriberPackage;
  status: Exclude<SubscriberStatus, 'provisioning' | 'updating'>;
  error?: SubscriberError;
  created: Date;
  lastStatusChange: Date;
  provisioningId: string;
}

export const TEMPORARY_ERROR: SubscriberError = { errorCode: 10500, description: 'Provisioning failed because of a temporary error; retry the activation' };

const sub = (n: number, s: Omit<FixtureSubscriber, 'id' | 'provisioningId'>): FixtureSubscriber => ({ id: subscriberId(n), provisioningId: PROVISIONING_ID[s.spEnterpriseId]!, ...s });

export const JANE_SUB = sub(1, { personId: JANE.id, userId: 'jane.doe@sp.example', spEnterpriseId: ACME, firstName: 'Jane', lastName: 'Doe', email: JANE.email, package: 'standard', status: 'provisioned', created: ago(30 * DAY), lastStatusChange: ago(29 * DAY), extension: '1201' });
export const TOMAS_SUB = sub(2, { personId: TOMAS.id, userId: 'tomas.novak@sp.example', spEnterpriseId: GLOBEX, firstName: 'Tomáš', lastName: 'Novák', email: TOMAS.email, package: 'basic', status: 'provisioned', created: ago(40 * DAY), lastStatusChange: ago(39 * DAY) });
/** Failed an hour ago: the retry-activation subject, and the only recent change. */
export const MIHAI_SUB = sub(3, { userId: 'mihai.stan@sp.example', spEnterpriseId: ACME, firstName: 'Mihai', lastName: 'Stan', email: 'mihai.stan@acme.example', primaryPhoneNumber: '+40 21 555 0101', extension: '1301', package: 'premium', status: 'error', error: TEMPORARY_ERROR, created: ago(3 * DAY), lastStatusChange: ago(HOUR) });
export const WAITING_INPUT_SUB = sub(4, { userId: 'lucie.kucera@sp.example', spEnterpriseId: GLOBEX, firstName: 'Lucie', lastName: 'Kučera', package: 'basic', status: 'pending_email_input', created: ago(6 * DAY), lastStatusChange: ago(6 * DAY) });
export const WAITING_VALIDATION_SUB = sub(5, { userId: 'radu.marin@sp.example', spEnterpriseId: ACME, firstName: 'Radu', lastName: 'Marin', email: 'radu.marin@acme.example', package: 'softphone', status: 'pending_email_validation', created: ago(4 * DAY), lastStatusChange: ago(4 * DAY) });
export const MIGRATING_SUB = sub(6, { userId: 'jakub.horak@sp.example', spEnterpriseId: GLOBEX, firstName: 'Jakub', lastName: 'Horák', email: 'jakub.horak@globex.example', package: 'standard', status: 'pending_user_migration', created: ago(8 * DAY), lastStatusChange: ago(7 * DAY) });

/** More errored Acme users than one Webex page (100) holds. */
export const BULK_ERRORS = 130;
const bulk: FixtureSubscriber[] = Array.from({ length: BULK_ERRORS }, (_, i) =>
  sub(100 + i, {
    userId: `user${String(i).padStart(3, '0')}@sp.example`,
    spEnterpriseId: ACME,
    firstName: 'Bulk',
    lastName: `User ${i}`,
    email: `bulk.user${i}@acme.example`,
    package: 'basic',
    status: 'error',
    error: TEMPORARY_ERROR,
    created: ago(20 * DAY - i * MINUTE),
    lastStatusChange: ago(10 * DAY - i * MINUTE),
  }),
);

export const SUBSCRIBERS: FixtureSubscriber[] = [JANE_SUB, TOMAS_SUB, MIHAI_SUB, WAITING_INPUT_SUB, WAITING_VALIDATION_SUB, MIGRATING_SUB, ...bulk];

/** The subscriber as both backends must show it. */
export function expectedRemote(s: FixtureSubscriber): RemoteSubscriber {
  return {
    id: s.id,
    ...(s.status === 'provisioned' && s.personId ? { personId: s.personId } : {}),
    userId: s.userId,
    spEnterpriseId: s.spEnterpriseId,
    ...(s.firstName ? { firstName: s.firstName } : {}),
    ...(s.lastName ? { lastName: s.lastName } : {}),
    ...(s.email ? { email: s.email } : {}),
    ...(s.primaryPhoneNumber ? { primaryPhoneNumber: s.primaryPhoneNumber } : {}),
    ...(s.extension ? { extension: s.extension } : {}),
    package: s.package,
    status: s.status,
    errors: s.error ? [s.error] : [],
    created: s.created,
    lastStatusChange: s.lastStatusChange,
    provisioningId: s.provisioningId,
    selfActivated: false,
  };
}

export const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();
