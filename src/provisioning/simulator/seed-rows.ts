// Builds the demo data as rows, purely from (seed, size, now): the same inputs give the same
// world. seed.ts writes them.
import type { SubscriberPackage, SubscriberStatus } from '../types.js';
import { CLAIMED_DOMAINS, SUBSCRIBER_ERRORS, type SubscriberErrorKind } from './catalog.js';
import { adminUuidFor, intBetween, pick, provisioningIdFrom, seededRandom, uuidFrom, webexId, type Random } from './ids.js';
import { licenseFor } from './model.js';
import type { SeedRows, SimActivationEmail, SimPerson, SimSubscriber, SimTemplate } from './repository.js';
import { ORG_ROW_ID } from './repository.js';
import { planProvisioning, planUpdate } from './transitions.js';
import {
  ENTERPRISES,
  ERROR_WEIGHTS,
  FIRST_NAMES,
  LAST_NAMES,
  PENDING_INVITE_AGES_DAYS,
  STATUS_WEIGHTS,
  emailLocalPart,
  weighted,
  type DemoEnterprise,
} from './seed-data.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ALL_STATUSES = STATUS_WEIGHTS.map(([s]) => s);
const WELL_CONFIGURED = ENTERPRISES.filter((e) => e.untrustedEmails && e.shareLinkKind === 'activation');
const ENTERPRISE_WEIGHTS = ENTERPRISES.map((e) => [e, e.weight] as [DemoEnterprise, number]);

export interface SeedOptions {
  seed: number;
  subscribers: number;
  now: Date;
}

class WorldBuilder {
  readonly r: Random;
  readonly now: number;
  readonly emails = new Set<string>();
  readonly rows: SeedRows;
  private pendingInvites = 0;

  constructor(private readonly o: SeedOptions) {
    this.r = seededRandom(o.seed);
    this.now = o.now.getTime();
    const orgId = webexId('ORGANIZATION', this.uuid());
    this.rows = {
      org: { id: ORG_ROW_ID, orgId, allowAdminInviteEmails: true, seed: o.seed, seededAt: o.now },
      templates: [],
      subscribers: [],
      people: [],
      emails: [],
    };
  }

  uuid(): string {
    return uuidFrom(this.r);
  }

  at(msAgo: number): Date {
    return new Date(this.now - msAgo);
  }

  uniqueEmail(first: string, last: string, domain: string): string {
    const base = emailLocalPart(first, last);
    let email = `${base}@${domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${base}${n}@${domain}`;
    this.emails.add(email);
    return email;
  }

  template(e: DemoEnterprise): SimTemplate {
    const row: SimTemplate = {
      provisioningId: provisioningIdFrom(this.r),
      name: `${e.name} — Webex for BroadWorks`,
      spEnterpriseId: e.spEnterpriseId,
      untrustedEmails: e.untrustedEmails,
      shareLinkKind: e.shareLinkKind,
      packages: e.packages,
    };
    this.rows.templates.push(row);
    return row;
  }

  email(personId: string, sentAt: Date, reason: SimActivationEmail['reason']): void {
    this.rows.emails.push({ id: this.uuid(), personId, sentAt, reason, jobId: null });
  }

  person(p: Omit<SimPerson, 'displayName' | 'lastActivity' | 'convertedToPaidAt' | 'plan' | 'orgId'> & Partial<SimPerson>): SimPerson {
    const row: SimPerson = {
      displayName: [p.firstName, p.lastName].filter(Boolean).join(' '),
      lastActivity: null,
      convertedToPaidAt: null,
      plan: 'paid',
      orgId: null,
      ...p,
    };
    this.rows.people.push(row);
    return row;
  }

  /** The Webex user behind a provisioned subscriber: active, or invited days to months ago. */
  userFor(s: SimSubscriber): void {
    const pending = this.r() < 0.25;
    let created = s.status === 'updating' ? s.created : s.lastStatusChange;
    if (pending) {
      const days = PENDING_INVITE_AGES_DAYS[this.pendingInvites % PENDING_INVITE_AGES_DAYS.length]!;
      created = this.at(days * DAY + intBetween(this.r, 0, 20) * HOUR);
      if (s.status === 'provisioned') s.lastStatusChange = created;
      if (s.created > created) s.created = new Date(created.getTime() - intBetween(this.r, 1, 48) * HOUR);
    }
    const p = this.person({
      id: s.personId!,
      email: s.email!,
      firstName: s.firstName,
      lastName: s.lastName,
      licenses: [licenseFor(s.package)],
      created,
      invitePending: pending,
      // A couple of deactivated users, so a bulk job has failures to report.
      loginEnabled: !(pending && this.pendingInvites % 11 === 5),
      lastActivity: pending ? null : new Date(created.getTime() + this.r() * (this.now - created.getTime())),
    });
    this.email(p.id, created, 'license_assigned');
    if (pending) {
      // Some were reminded since; some within the last 24 hours (a re-send would be suppressed).
      if (this.pendingInvites % 4 === 1) this.email(p.id, this.at(intBetween(this.r, 1, 20) * HOUR), 'resend');
      else if (this.pendingInvites % 4 === 3 && created.getTime() < this.now - 2 * DAY) this.email(p.id, this.at(2 * DAY), 'resend');
      this.pendingInvites++;
    }
  }

  errorFor(e: DemoEnterprise): SubscriberErrorKind {
    if (!e.untrustedEmails) return this.r() < 0.7 ? 'untrustedEmailsOff' : 'userIdInUse';
    const kind = weighted(this.r(), ERROR_WEIGHTS);
    return kind === 'invalidPackage' && e.packages.includes('premium') ? 'internal' : kind;
  }

  subscriber(i: number, templates: Map<string, SimTemplate>): void {
    // The first rows walk every status (in well-configured enterprises), so even a small world
    // shows them all.
    const e = i < ALL_STATUSES.length ? WELL_CONFIGURED[i % WELL_CONFIGURED.length]! : weighted(this.r(), ENTERPRISE_WEIGHTS);
    let status: SubscriberStatus = i < ALL_STATUSES.length ? ALL_STATUSES[i]! : weighted(this.r(), STATUS_WEIGHTS);
    // Without untrusted emails its users cannot self-activate: they wait for an email instead.
    if (!e.untrustedEmails && (status === 'pending_email_validation' || (i >= ALL_STATUSES.length && status === 'provisioned' && this.r() < 0.5))) {
      status = 'pending_email_input';
    }
    const first = pick(this.r, FIRST_NAMES);
    const last = pick(this.r, LAST_NAMES);
    const created = this.at(intBetween(this.r, 1, 180) * DAY + intBetween(this.r, 0, 23) * HOUR);
    const error = status === 'error' ? this.errorFor(e) : null;
    let pkg: SubscriberPackage = pick(this.r, e.packages);
    if (error === 'invalidPackage') pkg = 'premium';
    const domain = error === 'domainNotAllowed' ? pick(this.r, CLAIMED_DOMAINS) : e.domain;
    const inFlight = status === 'provisioning' || status === 'updating';
    const row: SimSubscriber = {
      id: webexId('SUBSCRIBER', this.uuid()),
      // Provisioning requests get their user when they complete (transitions.ts creates it).
      personId: status === 'provisioned' || status === 'updating' || status === 'provisioning' ? webexId('PEOPLE', this.uuid()) : null,
      userId: `${40_000_000 + i * 7_919 + intBetween(this.r, 0, 7_000)}@voip.${e.domain}`,
      spEnterpriseId: e.spEnterpriseId,
      firstName: first,
      lastName: last,
      email: status === 'pending_email_input' ? null : this.uniqueEmail(first, last, domain),
      primaryPhoneNumber: `+1-240-555-${String(1000 + ((i * 37) % 9000)).padStart(4, '0')}`,
      mobilePhoneNumber: this.r() < 0.5 ? `+1-818-279-${String(intBetween(this.r, 1000, 9999))}` : null,
      extension: String(1000 + ((i * 37) % 9000)),
      package: pkg,
      status,
      errorCode: error ? SUBSCRIBER_ERRORS[error].errorCode : null,
      errorText: error ? SUBSCRIBER_ERRORS[error].description : null,
      created,
      // In-flight requests started minutes ago; everything else changed some time after creation.
      lastStatusChange: inFlight ? this.at(intBetween(this.r, 1, 20) * 60_000) : this.settledAt(status, created, this.r()),
      provisioningId: templates.get(e.spEnterpriseId)!.provisioningId,
      selfActivated: e.untrustedEmails && status !== 'pending_email_input' && this.r() < 0.4,
      nextStatus: null,
      nextStatusAt: null,
      nextErrorCode: null,
      nextErrorText: null,
      nextPackage: null,
      consentEmailsSent: 0,
    };
    // In-flight requests finish over the next minutes to hours, so the demo moves on its own.
    const ctx = { random: this.r, failureRate: 0.2 };
    const finish = new Date(this.now + intBetween(this.r, 1, 120) * 60_000);
    if (status === 'provisioning') Object.assign(row, planProvisioning(ctx, row.lastStatusChange, row.email!), { nextStatusAt: finish });
    if (status === 'updating') Object.assign(row, planUpdate(ctx, row.lastStatusChange, pick(this.r, e.packages)), { nextStatusAt: finish });
    this.rows.subscribers.push(row);
    if (row.personId && status !== 'provisioning') this.userFor(row);
  }

  /**
   * When a settled subscriber last changed, from one random draw `u`: activation and errors
   * follow creation by hours to a couple of weeks (most within days), as in a real rollout, so
   * the history `stats` draws has a plausible time to activate; a pending user's last step
   * (e.g. an email entered) may be any time since.
   */
  private settledAt(status: SubscriberStatus, created: Date, u: number): Date {
    const since = this.now - created.getTime();
    const after = status === 'provisioned' ? (0.2 + 14 * u * u) * DAY : status === 'error' ? (0.05 + 3 * u) * DAY : u * since;
    return new Date(created.getTime() + Math.min(after, Math.max(0, since - HOUR)));
  }

  /** Users outside BroadWorks: the org's admin, a free user, and a free→paid conversion. */
  standalonePeople(): void {
    const domain = ENTERPRISES[0]!.domain;
    const admin = this.person({
      id: webexId('PEOPLE', adminUuidFor(this.rows.org.orgId)),
      email: this.uniqueEmail('Org', 'Admin', domain),
      firstName: 'Org',
      lastName: 'Admin',
      licenses: [licenseFor('premium')],
      created: this.at(400 * DAY),
      invitePending: false,
      loginEnabled: true,
      lastActivity: this.at(2 * HOUR),
    });
    this.email(admin.id, admin.created, 'license_assigned');
    this.person({
      id: webexId('PEOPLE', this.uuid()),
      email: this.uniqueEmail('Tomáš', 'Dvořák', domain),
      firstName: 'Tomáš',
      lastName: 'Dvořák',
      licenses: [],
      created: this.at(75 * DAY),
      invitePending: false,
      loginEnabled: true,
      lastActivity: this.at(5 * DAY),
      plan: 'free',
    });
    // Converted two days ago, notified then and again three hours ago: never suppressed.
    const converted = this.person({
      id: webexId('PEOPLE', this.uuid()),
      email: this.uniqueEmail('Ioana', 'Dumitrescu', domain),
      firstName: 'Ioana',
      lastName: 'Dumitrescu',
      licenses: [licenseFor('standard')],
      created: this.at(200 * DAY),
      invitePending: true,
      loginEnabled: true,
      lastActivity: this.at(3 * DAY),
      plan: 'paid',
      convertedToPaidAt: this.at(2 * DAY),
    });
    this.email(converted.id, this.at(2 * DAY), 'plan_conversion');
    this.email(converted.id, this.at(3 * HOUR), 'plan_conversion');
  }

  build(): SeedRows {
    const templates = new Map(ENTERPRISES.map((e) => [e.spEnterpriseId, this.template(e)]));
    this.standalonePeople();
    for (let i = 0; i < this.o.subscribers; i++) this.subscriber(i, templates);
    return this.rows;
  }
}

export function buildSeedRows(options: SeedOptions): SeedRows {
  return new WorldBuilder(options).build();
}
