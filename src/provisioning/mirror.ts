// Conversions from what Webex (or the simulator) returns to the rows the store mirrors.
import type { PersonInput } from '../store/people.js';
import type { SubscriberInput } from '../store/subscribers.js';
import type { TemplateInput } from '../store/templates.js';
import type { RemotePerson, RemoteSubscriber, RemoteTemplate } from './types.js';

export function subscriberRow(s: RemoteSubscriber): SubscriberInput {
  const firstError = s.errors[0];
  return {
    id: s.id,
    personId: s.personId ?? null,
    userId: s.userId,
    spEnterpriseId: s.spEnterpriseId,
    firstName: s.firstName ?? null,
    lastName: s.lastName ?? null,
    email: s.email?.toLowerCase() ?? null,
    primaryPhoneNumber: s.primaryPhoneNumber ?? null,
    mobilePhoneNumber: s.mobilePhoneNumber ?? null,
    extension: s.extension ?? null,
    package: s.package,
    status: s.status,
    errorCode: firstError?.errorCode ?? null,
    errorText: firstError ? s.errors.map((e) => e.description).join(' | ') : null,
    created: s.created,
    lastStatusChange: s.lastStatusChange,
    provisioningId: s.provisioningId,
    selfActivated: s.selfActivated,
  };
}

/** `previousPlan` is the plan we mirrored before: free → paid marks a conversion (always notified). */
export function personRow(p: RemotePerson, previous: { plan: string; convertedToPaidAt: Date | null } | null, now: Date): PersonInput {
  const plan = p.licenses.length > 0 ? 'paid' : 'free';
  const converted = p.convertedToPaidAt ?? (previous?.plan === 'free' && plan === 'paid' ? now : (previous?.convertedToPaidAt ?? null));
  return {
    id: p.id,
    email: (p.emails[0] ?? `${p.id}@unknown.invalid`).toLowerCase(),
    displayName: p.displayName ?? null,
    firstName: p.firstName ?? null,
    lastName: p.lastName ?? null,
    invitePending: p.invitePending,
    loginEnabled: p.loginEnabled,
    created: p.created,
    lastActivity: p.lastActivity ?? null,
    licenses: p.licenses,
    orgId: p.orgId ?? null,
    plan,
    convertedToPaidAt: plan === 'paid' ? converted : null,
  };
}

export function templateRow(t: RemoteTemplate): TemplateInput {
  return {
    provisioningId: t.provisioningId,
    name: t.name,
    spEnterpriseId: t.spEnterpriseId ?? null,
    untrustedEmails: t.untrustedEmails,
    shareLinkKind: t.shareLinkKind,
  };
}
