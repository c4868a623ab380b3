// How simulator rows look through the ProvisioningBackend interface, and the shared context
// every simulator module runs with.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RemotePerson, RemoteSubscriber, RemoteTemplate, SubscriberPackage } from '../types.js';
import { uuidFrom, webexId, type Random } from './ids.js';
import type { SimPerson, SimSubscriber, SimTemplate } from './repository.js';

export interface SimContext {
  prisma: PrismaClient;
  /** The simulator's clock (the injected clock plus any test advance). */
  now(): Date;
  random: Random;
  /** Share of accepted provisioning requests that end in a transient error. */
  failureRate: number;
}

export function newUuid(ctx: Pick<SimContext, 'random'>): string {
  return uuidFrom(ctx.random);
}

/** One license per BroadWorks package, fixed so ids stay stable. Free users hold none. */
const LICENSE_UUIDS: Record<SubscriberPackage, string> = {
  softphone: '0f1e2d3c-0001-4000-8000-0000000050f7',
  basic: '0f1e2d3c-0002-4000-8000-00000000ba51',
  standard: '0f1e2d3c-0003-4000-8000-000000005dd0',
  premium: '0f1e2d3c-0004-4000-8000-00000000913e',
};

export function licenseFor(pkg: SubscriberPackage): string {
  return webexId('LICENSE', LICENSE_UUIDS[pkg]);
}

/** A subscriber as GET /broadworks/subscribers shows it: personId only once provisioned. */
export function toRemoteSubscriber(row: SimSubscriber): RemoteSubscriber {
  const visiblePerson = row.status === 'provisioned' || row.status === 'updating';
  return {
    id: row.id,
    ...(visiblePerson && row.personId ? { personId: row.personId } : {}),
    userId: row.userId,
    spEnterpriseId: row.spEnterpriseId,
    ...(row.firstName ? { firstName: row.firstName } : {}),
    ...(row.lastName ? { lastName: row.lastName } : {}),
    ...(row.email ? { email: row.email } : {}),
    ...(row.primaryPhoneNumber ? { primaryPhoneNumber: row.primaryPhoneNumber } : {}),
    ...(row.mobilePhoneNumber ? { mobilePhoneNumber: row.mobilePhoneNumber } : {}),
    ...(row.extension ? { extension: row.extension } : {}),
    package: row.package,
    status: row.status,
    errors: row.status === 'error' && row.errorCode !== null ? [{ errorCode: row.errorCode, description: row.errorText ?? '' }] : [],
    created: row.created,
    lastStatusChange: row.lastStatusChange,
    provisioningId: row.provisioningId,
    selfActivated: row.selfActivated,
  };
}

/**
 * A person as GET /people shows an admin. `plan` and `convertedToPaidAt` are extras the
 * interface does not name (Webex shows a conversion only through the licenses); the app may read
 * them from the simulator.
 */
export type SimRemotePerson = RemotePerson & { plan: 'free' | 'paid'; convertedToPaidAt?: Date };

export function toRemotePerson(row: SimPerson, orgId: string): SimRemotePerson {
  return {
    id: row.id,
    emails: [row.email],
    ...(row.displayName ? { displayName: row.displayName } : {}),
    ...(row.firstName ? { firstName: row.firstName } : {}),
    ...(row.lastName ? { lastName: row.lastName } : {}),
    orgId,
    licenses: row.licenses,
    created: row.created,
    ...(row.lastActivity ? { lastActivity: row.lastActivity } : {}),
    invitePending: row.invitePending,
    loginEnabled: row.loginEnabled,
    plan: row.plan === 'free' ? 'free' : 'paid',
    ...(row.convertedToPaidAt ? { convertedToPaidAt: row.convertedToPaidAt } : {}),
  };
}

export function toRemoteTemplate(row: SimTemplate): RemoteTemplate {
  const kind = row.shareLinkKind === 'activation' || row.shareLinkKind === 'download' ? row.shareLinkKind : 'none';
  return { provisioningId: row.provisioningId, name: row.name, spEnterpriseId: row.spEnterpriseId, untrustedEmails: row.untrustedEmails, shareLinkKind: kind };
}
