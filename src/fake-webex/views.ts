// Entities → JSON exactly as the OpenAPI files describe them (ISO dates, optional fields omitted,
// `invitePending` / `loginEnabled` as the strings "true"/"false" the People schema declares).
import type { FakeApp } from './app.js';
import { SETTING_AUTO_ACTIVATION } from './state.js';
import type {
  FakeActivationJob,
  FakeAttachmentAction,
  FakeMembership,
  FakeMessage,
  FakePerson,
  FakeRoom,
  FakeSubscriber,
  FakeWebhook,
} from './types.js';

const iso = (d: Date | undefined) => d?.toISOString();

/** Drops undefined values so optional properties are absent, as in Webex responses. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export interface PersonViewOptions {
  /** Caller is an admin of the person's org: add invitePending and loginEnabled. */
  adminFields: boolean;
  /** The enriched admin payload (roles, licenses): GET /people and /people/{id}, not `?id=` lookups. */
  enriched: boolean;
  /** Presence (status, lastActivity): only for the caller's own org and never for `?id=` lookups. */
  presence: boolean;
}

export function personView(p: FakePerson, opts: PersonViewOptions) {
  return compact({
    id: p.id,
    emails: p.emails,
    displayName: p.displayName,
    nickName: p.nickName,
    firstName: p.firstName,
    lastName: p.lastName,
    avatar: p.avatar,
    orgId: p.orgId,
    roles: opts.adminFields && opts.enriched ? p.roles : undefined,
    licenses: opts.adminFields && opts.enriched ? p.licenses : undefined,
    created: iso(p.created),
    lastModified: iso(p.lastModified),
    lastActivity: opts.presence ? iso(p.lastActivity) : undefined,
    status: opts.presence ? p.status : undefined,
    invitePending: opts.adminFields ? String(p.invitePending) : undefined,
    loginEnabled: opts.adminFields ? String(p.loginEnabled) : undefined,
    type: p.type,
  });
}

export function subscriberView(s: FakeSubscriber) {
  return compact({
    id: s.id,
    // "Only presented when status is provisioned" (Subscriber.personId).
    personId: s.status === 'provisioned' ? s.personId : undefined,
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
    created: iso(s.created),
    lastStatusChange: iso(s.lastStatusChange),
    provisioningId: s.provisioningId,
    selfActivated: s.selfActivated,
  });
}

const duration = (ms: number) => `PT${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}S`;

export function jobView(app: FakeApp, job: FakeActivationJob) {
  const done = job.status === 'COMPLETED';
  const end = job.completed ?? app.now();
  const failed = job.outcomes.filter((o) => o.result === 'failed').length;
  const exitCode = !done ? 'UNKNOWN' : failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
  const counts = {
    userResendInviteSent: done ? job.outcomes.filter((o) => o.result === 'sent').length : 0,
    userResendInviteFailed: done ? failed : 0,
    userResendInviteSkipped: done ? job.outcomes.filter((o) => o.result === 'suppressed').length : 0,
    totalUsers: job.status === 'STARTING' ? 0 : job.outcomes.length,
  };
  return {
    name: 'resendinviteemail',
    id: job.id,
    trackingId: job.trackingId,
    sourceUserId: job.sourceUserId,
    sourceCustomerId: job.orgId,
    targetCustomerId: job.orgId,
    instanceId: job.instanceId,
    jobExecutionStatus: [
      compact({
        id: job.instanceId,
        startTime: iso(job.created),
        endTime: done ? iso(end) : undefined,
        lastUpdated: iso(end),
        statusMessage: job.status,
        exitCode: done ? 'COMPLETED' : 'UNKNOWN',
        createdTime: iso(job.created),
        timeElapsed: duration(end.getTime() - job.created.getTime()),
      }),
    ],
    latestExecutionStatus: job.status,
    latestExecutionExitCode: exitCode,
    counts,
    allowAdminInviteEmails: app.state.orgSettings.get(job.orgId)?.get(SETTING_AUTO_ACTIVATION) ?? true,
  };
}

export function roomView(r: FakeRoom) {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    isLocked: r.isLocked,
    lastActivity: iso(r.lastActivity),
    creatorId: r.creatorId,
    created: iso(r.created),
  };
}

export function membershipView(app: FakeApp, m: FakeMembership) {
  const person = app.state.people.get(m.personId);
  return compact({
    id: m.id,
    roomId: m.roomId,
    personId: m.personId,
    personEmail: person?.emails[0],
    personDisplayName: person?.displayName,
    personOrgId: person?.orgId,
    isModerator: m.isModerator,
    isMonitor: m.isMonitor,
    roomType: app.state.rooms.get(m.roomId)?.type,
    created: iso(m.created),
  });
}

export function messageView(app: FakeApp, m: FakeMessage, extra: Record<string, unknown> = {}) {
  return compact({
    id: m.id,
    parentId: m.parentId,
    roomId: m.roomId,
    roomType: app.state.rooms.get(m.roomId)?.type,
    ...extra,
    text: m.text,
    markdown: m.markdown,
    files: m.files,
    personId: m.personId,
    personEmail: app.state.people.get(m.personId)?.emails[0],
    mentionedPeople: m.mentionedPeople?.length ? m.mentionedPeople : undefined,
    mentionedGroups: m.mentionedGroups?.length ? m.mentionedGroups : undefined,
    attachments: m.attachments,
    created: iso(m.created),
  });
}

export function webhookView(w: FakeWebhook) {
  return compact({
    id: w.id,
    name: w.name,
    targetUrl: w.targetUrl,
    resource: w.resource,
    event: w.event,
    filter: w.filter,
    secret: w.secret,
    status: w.status,
    created: iso(w.created),
    ownedBy: w.ownedBy,
    orgId: w.orgId,
    createdBy: w.createdBy,
    appId: w.appId,
  });
}

export function attachmentActionView(a: FakeAttachmentAction) {
  return {
    id: a.id,
    type: a.type,
    messageId: a.messageId,
    inputs: a.inputs,
    personId: a.personId,
    roomId: a.roomId,
    created: iso(a.created),
  };
}
