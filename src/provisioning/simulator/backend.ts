// The `simulator` provisioning backend: a stateful, Prisma-backed Webex for trying the whole bot
// without a partner org. Every call first applies what the clock has made due (status changes,
// finished jobs), so behaviour depends only on the stored state and the injected clock.
import { SUBSCRIBER_ERRORS } from './catalog.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ProvisioningBackend } from '../types.js';
import { activationEmails, orgView, requireOrg } from './activation-emails.js';
import { hashOf, seededRandom, uuidFrom, webexId, type Random } from './ids.js';
import { licenseFor, toRemotePerson, type SimContext, type SimRemotePerson } from './model.js';
import { allPages, simRepository, type SimActivationEmail } from './repository.js';
import { subscribers } from './subscribers.js';
import { simWebexError } from './webex-errors.js';
import { settle as settleSim } from './settle.js';
import { DEMO_CUSTOMERS, demoCustomerOrgId } from './seed.js';

export interface SimulatorOptions {
  prisma: PrismaClient;
  now?: () => Date;
  random?: Random;
  /** Share of accepted provisioning requests that fail in the background (default 0.05). */
  failureRate?: number;
}

/** Hooks for tests and demos; not part of ProvisioningBackend. */
export interface SimulatorControls {
  /** Moves this backend's clock forward (on top of the injected one). */
  advance(ms: number): void;
  now(): Date;
  /** Applies everything due now (every backend call does this first anyway). */
  settle(): Promise<void>;
  /** Every activation email the person was sent, oldest first. */
  emailsTo(personId: string): Promise<SimActivationEmail[]>;
  /** The user accepts the invitation and signs in. */
  activate(personId: string): Promise<void>;
  /** Moves a free user to a paid plan (Webex then notifies them, whatever the settings). */
  convertToPaid(personId: string): Promise<void>;
  /**
   * A change "outside the bot": a pending subscriber fails now (error 10500, a temporary
   * error a retry fixes). Returns its user id, or null when nobody is pending.
   */
  failOne(): Promise<string | null>;
}

/** A ProvisioningBackend whose people also carry their plan (see SimRemotePerson). */
export type SimulatorBackend = Omit<ProvisioningBackend, 'listPeople' | 'getPerson' | 'forOrg'> & {
  forOrg(orgId: string): SimulatorBackend;
  listPeople(filter?: { invitePending?: boolean; email?: string }): AsyncIterable<SimRemotePerson>;
  getPerson(personId: string): Promise<SimRemotePerson | null>;
  readonly simulator: SimulatorControls;
};

/** The simulator's controls, when this backend is the simulator (tests and the emulator). */
export function simulatorControls(backend: object): SimulatorControls | null {
  return 'simulator' in backend && typeof backend.simulator === 'object' && backend.simulator !== null && 'failOne' in backend.simulator
    ? (backend.simulator as SimulatorControls)
    : null;
}

export function createSimulatorBackend(options: SimulatorOptions): SimulatorBackend {
  const baseNow = options.now ?? (() => new Date());
  let offsetMs = 0;
  const ctx: SimContext = {
    prisma: options.prisma,
    now: () => new Date(baseNow().getTime() + offsetMs),
    random: options.random ?? Math.random,
    failureRate: options.failureRate ?? 0.05,
  };
  const repo = simRepository(options.prisma);
  const subs = subscribers(ctx);

  const settle = () => settleSim(ctx);

  /** Wraps a call so that it sees the state as of now. */
  function settled<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args) => {
      await settle();
      return fn(...args);
    };
  }

  async function person(personId: string) {
    const row = await repo.person(personId);
    if (!row) throw simWebexError(ctx.random, 404, { method: 'GET', path: '/people/{personId}' }, `Person ${personId} not found`);
    return row;
  }

  return build(undefined);

  /** The backend working on one customer org (partner mode), or on the one simulated org. */
  function build(customerOrgId: string | undefined): SimulatorBackend {
    const emails = activationEmails(ctx, customerOrgId);
    return {
      name: 'simulator',
      perUserActivationEmail: true,
      orgId: customerOrgId,
      forOrg: (orgId) => build(orgId),

      listOrganizations: settled(async () =>
        (await repo.customerOrgs()).map((c) => ({ id: c.orgId, name: c.name, source: 'organizations' as const })),
      ),

      async *listEnterprises() {
        for (const c of await repo.customerOrgs()) {
          for (const e of c.enterprises) yield { id: webexId('ENTERPRISE', uuidFrom(seededRandom(hashOf(e)))), spEnterpriseId: e, orgId: c.orgId };
        }
      },

      // The one simulated org speaks English; the demo customers each their own (seed.ts).
      getOrgLanguage: settled(async () => {
        const { customerOrgId: customer } = await orgView(repo, customerOrgId);
        return DEMO_CUSTOMERS.find((c) => customer && demoCustomerOrgId(c.name) === customer)?.preferredLanguage ?? 'en_US';
      }),
      // The simulator keeps no SCIM records: an admin's own language is never known there.
      getPersonLanguage: settled(async () => null),

      getAutoActivationEmails: settled(emails.getAutoActivationEmails),
      setAutoActivationEmails: settled(emails.setAutoActivationEmails),
      startActivationEmailJob: settled(emails.startActivationEmailJob),
      getActivationEmailJob: settled(emails.getActivationEmailJob),
      getActivationEmailJobErrors: settled(emails.getActivationEmailJobErrors),
      sendActivationEmail: settled(emails.sendActivationEmail),

      async *listPeople(filter = {}) {
        await settle();
        const { orgId, customerOrgId: only } = await orgView(repo, customerOrgId);
        // Each person in their own org (a partner's customers), as Webex says of them.
        for await (const row of allPages((size, cursor) => repo.people({ ...filter, orgId: only }, size, cursor))) yield toRemotePerson(row, row.orgId ?? orgId);
      },

      getPerson: settled(async (personId: string) => {
        const row = await repo.person(personId);
        return row ? toRemotePerson(row, row.orgId ?? (await requireOrg(repo)).orgId) : null;
      }),

      async *listSubscribers(query = {}) {
        await settle();
        yield* subs.listSubscribers(query);
      },
      getSubscriber: settled(subs.getSubscriber),
      precheckEmail: settled(subs.precheckEmail),
      provisionSubscriber: settled(subs.provisionSubscriber),
      removeSubscriber: settled(subs.removeSubscriber),
      changePackage: settled(subs.changePackage),
      sendConsentMoveEmail: settled(subs.sendConsentMoveEmail),
      listTemplates: settled(subs.listTemplates),

      simulator: {
        advance(ms: number) {
          offsetMs += ms;
        },
        now: ctx.now,
        settle,
        emailsTo: (personId) => repo.emailsTo(personId),
        activate: settled(async (personId: string) => {
          await person(personId);
          await repo.updatePerson(personId, { invitePending: false, lastActivity: ctx.now() });
        }),
        failOne: settled(async () => {
          const [pending] = await repo.subscriberPage({ statuses: ['pending_email_input', 'pending_email_validation'] }, 1);
          if (!pending) return null;
          const { errorCode, description } = SUBSCRIBER_ERRORS.internal;
          await repo.updateSubscriber(pending.id, { status: 'error', errorCode, errorText: description, lastStatusChange: ctx.now(), nextStatus: null, nextStatusAt: null });
          return pending.userId;
        }),
        convertToPaid: settled(async (personId: string) => {
          const row = await person(personId);
          if (row.plan !== 'free') return;
          const at = ctx.now();
          await repo.updatePerson(personId, { plan: 'paid', licenses: [licenseFor('standard')], convertedToPaidAt: at, invitePending: true });
          await emails.sendActivationEmail(personId);
        }),
      },
    };
  }
}

// Compile-time check: a SimulatorBackend is a drop-in ProvisioningBackend.
export const asProvisioningBackend = (b: SimulatorBackend): ProvisioningBackend => b;
