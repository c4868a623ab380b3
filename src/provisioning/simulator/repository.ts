// The simulator's state in its own Sim* tables: the only code that touches them. Everything here
// is plain reads and writes; what they mean (rules, transitions) lives in the modules above it.
import type {
  Prisma,
  PrismaClient,
  SimActivationEmail,
  SimCustomerOrg,
  SimEmailJob,
  SimOrg,
  SimPerson,
  SimSubscriber,
  SimTemplate,
} from '../../generated/prisma/client.js';
import type { SubscriberQuery } from '../types.js';

export type { SimCustomerOrg, SimEmailJob, SimOrg, SimPerson, SimSubscriber, SimTemplate, SimActivationEmail };
type Db = PrismaClient | Prisma.TransactionClient;

/** The one row of SimOrg. */
export const ORG_ROW_ID = 'org';

/** Position after the last row of a (created, id)-ordered page: subscribers and people alike. */
export interface PageCursor {
  created: Date;
  id: string;
}

function subscriberWhere(q: SubscriberQuery): Prisma.SimSubscriberWhereInput {
  return {
    ...(q.statuses?.length ? { status: { in: q.statuses } } : {}),
    ...(q.spEnterpriseId ? { spEnterpriseId: q.spEnterpriseId } : {}),
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.email ? { email: { equals: q.email, mode: 'insensitive' } } : {}),
    ...(q.provisioningId ? { provisioningId: q.provisioningId } : {}),
    ...(q.lastStatusChangeAfter ? { lastStatusChange: { gt: q.lastStatusChangeAfter } } : {}),
  };
}

export interface SeedRows {
  org: SimOrg;
  templates: SimTemplate[];
  subscribers: SimSubscriber[];
  people: SimPerson[];
  emails: SimActivationEmail[];
}

export function simRepository(db: Db) {
  return {
    // --- org and templates ---------------------------------------------------------------
    org(): Promise<SimOrg | null> {
      return db.simOrg.findUnique({ where: { id: ORG_ROW_ID } });
    },

    async setAllowAdminInviteEmails(value: boolean, customerOrgId?: string): Promise<void> {
      if (customerOrgId) await db.simCustomerOrg.update({ where: { orgId: customerOrgId }, data: { allowAdminInviteEmails: value } });
      else await db.simOrg.update({ where: { id: ORG_ROW_ID }, data: { allowAdminInviteEmails: value } });
    },

    /** Partner mode: the customers, each with its enterprises (none: the one simulated org). */
    customerOrgs(): Promise<SimCustomerOrg[]> {
      return db.simCustomerOrg.findMany({ orderBy: { name: 'asc' } });
    },

    customerOrg(orgId: string): Promise<SimCustomerOrg | null> {
      return db.simCustomerOrg.findUnique({ where: { orgId } });
    },

    /** Makes the simulator a partner: customers get their enterprises, and people the org of their subscriber (else the first customer). */
    async insertCustomers(customers: SimCustomerOrg[]): Promise<void> {
      await db.simCustomerOrg.createMany({ data: customers, skipDuplicates: true });
      for (const c of customers) {
        await db.$executeRaw`UPDATE "SimPerson" p SET "orgId" = ${c.orgId} FROM "SimSubscriber" s
          WHERE s."personId" = p."id" AND s."spEnterpriseId" = ANY(${c.enterprises}::text[]) AND p."orgId" IS NULL`;
      }
      if (customers[0]) await db.simPerson.updateMany({ where: { orgId: null }, data: { orgId: customers[0].orgId } });
    },

    templates(): Promise<SimTemplate[]> {
      return db.simTemplate.findMany({ orderBy: [{ name: 'asc' }, { provisioningId: 'asc' }] });
    },

    template(provisioningId: string): Promise<SimTemplate | null> {
      return db.simTemplate.findUnique({ where: { provisioningId } });
    },

    // --- subscribers ---------------------------------------------------------------------
    subscriber(id: string): Promise<SimSubscriber | null> {
      return db.simSubscriber.findUnique({ where: { id } });
    },

    /** Subscribers holding this BroadWorks user id, or this email (case-insensitive). */
    subscribersWith(by: { userId?: string; email?: string }): Promise<SimSubscriber[]> {
      const or: Prisma.SimSubscriberWhereInput[] = [];
      if (by.userId) or.push({ userId: by.userId });
      if (by.email) or.push({ email: { equals: by.email, mode: 'insensitive' } });
      if (or.length === 0) return Promise.resolve([]);
      return db.simSubscriber.findMany({ where: { OR: or }, orderBy: { id: 'asc' } });
    },

    subscriberOfPerson(personId: string): Promise<SimSubscriber | null> {
      return db.simSubscriber.findFirst({ where: { personId }, orderBy: { id: 'asc' } });
    },

    createSubscriber(row: SimSubscriber): Promise<SimSubscriber> {
      return db.simSubscriber.create({ data: row });
    },

    updateSubscriber(id: string, data: Prisma.SimSubscriberUpdateInput): Promise<SimSubscriber> {
      return db.simSubscriber.update({ where: { id }, data });
    },

    async deleteSubscriber(id: string): Promise<boolean> {
      return (await db.simSubscriber.deleteMany({ where: { id } })).count > 0;
    },

    /** One page in (created, id) order, after `cursor`. */
    subscriberPage(q: SubscriberQuery, size: number, cursor?: PageCursor): Promise<SimSubscriber[]> {
      const after: Prisma.SimSubscriberWhereInput = cursor
        ? { OR: [{ created: { gt: cursor.created } }, { created: cursor.created, id: { gt: cursor.id } }] }
        : {};
      return db.simSubscriber.findMany({
        where: { AND: [subscriberWhere(q), after] },
        orderBy: [{ created: 'asc' }, { id: 'asc' }],
        take: size,
      });
    },

    /** Subscribers with a decided status change due by `now`, oldest first. */
    dueTransitions(now: Date): Promise<SimSubscriber[]> {
      return db.simSubscriber.findMany({ where: { nextStatusAt: { lte: now } }, orderBy: [{ nextStatusAt: 'asc' }, { id: 'asc' }] });
    },

    /** Makes the decided change visible; false when another caller already did. */
    async applyTransition(row: SimSubscriber, change: Prisma.SimSubscriberUpdateManyMutationInput): Promise<boolean> {
      const res = await db.simSubscriber.updateMany({
        where: { id: row.id, nextStatusAt: row.nextStatusAt },
        data: { ...change, nextStatus: null, nextStatusAt: null, nextErrorCode: null, nextErrorText: null, nextPackage: null },
      });
      return res.count > 0;
    },

    // --- people and their emails ---------------------------------------------------------
    person(id: string): Promise<SimPerson | null> {
      return db.simPerson.findUnique({ where: { id } });
    },

    personByEmail(email: string): Promise<SimPerson | null> {
      return db.simPerson.findUnique({ where: { email: email.toLowerCase() } });
    },

    people(filter: { invitePending?: boolean; email?: string; orgId?: string }, size: number, cursor?: PageCursor): Promise<SimPerson[]> {
      const after: Prisma.SimPersonWhereInput = cursor
        ? { OR: [{ created: { gt: cursor.created } }, { created: cursor.created, id: { gt: cursor.id } }] }
        : {};
      return db.simPerson.findMany({
        where: {
          AND: [
            filter.invitePending === undefined ? {} : { invitePending: filter.invitePending },
            filter.email ? { email: filter.email.toLowerCase() } : {},
            filter.orgId ? { orgId: filter.orgId } : {},
            after,
          ],
        },
        orderBy: [{ created: 'asc' }, { id: 'asc' }],
        take: size,
      });
    },

    /** Creates the person unless the id or the email exists; true when created. */
    async createPerson(input: Omit<SimPerson, 'orgId'> & { orgId?: string | null }): Promise<boolean> {
      const row: SimPerson = { orgId: null, ...input };
      return (await db.simPerson.createMany({ data: [row], skipDuplicates: true })).count > 0;
    },

    updatePerson(id: string, data: Prisma.SimPersonUpdateInput): Promise<SimPerson> {
      return db.simPerson.update({ where: { id }, data });
    },

    async recordEmails(rows: SimActivationEmail[]): Promise<void> {
      if (rows.length > 0) await db.simActivationEmail.createMany({ data: rows });
    },

    /** The latest email since `since` per person, for the given people. */
    async lastEmailsSince(personIds: string[], since: Date): Promise<Map<string, Date>> {
      if (personIds.length === 0) return new Map();
      const groups = await db.simActivationEmail.groupBy({
        by: ['personId'],
        where: { personId: { in: personIds }, sentAt: { gt: since } },
        _max: { sentAt: true },
      });
      return new Map(groups.flatMap((g) => (g._max.sentAt ? [[g.personId, g._max.sentAt] as const] : [])));
    },

    emailsTo(personId: string): Promise<SimActivationEmail[]> {
      return db.simActivationEmail.findMany({ where: { personId }, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] });
    },

    // --- bulk email jobs -----------------------------------------------------------------
    createJob(row: Omit<SimEmailJob, 'sent' | 'failed' | 'skipped' | 'total' | 'errors' | 'completedAt' | 'orgId'> & { orgId?: string | null }): Promise<SimEmailJob> {
      return db.simEmailJob.create({ data: row });
    },

    job(id: string): Promise<SimEmailJob | null> {
      return db.simEmailJob.findUnique({ where: { id } });
    },

    /** A job that has not completed by `now`: only one may run per org. */
    runningJob(now: Date, orgId?: string): Promise<SimEmailJob | null> {
      return db.simEmailJob.findFirst({ where: { completedAt: null, completesAt: { gt: now }, orgId: orgId ?? null } });
    },

    dueJobs(now: Date): Promise<SimEmailJob[]> {
      return db.simEmailJob.findMany({ where: { completedAt: null, completesAt: { lte: now } }, orderBy: { completesAt: 'asc' } });
    },

    /** Records a job's outcome once; false when another caller already did. */
    async completeJob(id: string, outcome: Pick<SimEmailJob, 'completedAt' | 'sent' | 'failed' | 'skipped' | 'total'> & { errors: Prisma.InputJsonValue }): Promise<boolean> {
      return (await db.simEmailJob.updateMany({ where: { id, completedAt: null }, data: outcome })).count > 0;
    },

    // --- seeding -------------------------------------------------------------------------
    async insertSeed(rows: SeedRows): Promise<void> {
      // The org row first: a concurrent seeder fails on its key and leaves the rest to us.
      await db.simOrg.create({ data: rows.org });
      await db.simTemplate.createMany({ data: rows.templates });
      await db.simSubscriber.createMany({ data: rows.subscribers });
      await db.simPerson.createMany({ data: rows.people });
      await db.simActivationEmail.createMany({ data: rows.emails });
    },
  };
}
export type SimRepository = ReturnType<typeof simRepository>;

/** Every row of a keyset-paged (created, id) listing, fetched `size` at a time. */
export async function* allPages<T extends PageCursor>(fetch: (size: number, cursor?: PageCursor) => Promise<T[]>, size = 100): AsyncGenerator<T> {
  let cursor: PageCursor | undefined;
  for (;;) {
    const page = await fetch(size, cursor);
    yield* page;
    const last = page.at(-1);
    if (page.length < size || !last) return;
    cursor = { created: last.created, id: last.id };
  }
}

/** Runs `fn` in one transaction with a repository bound to it. */
export function inTransaction<T>(prisma: PrismaClient, fn: (repo: SimRepository) => Promise<T>): Promise<T> {
  // Seeding writes thousands of rows in one transaction; on a busy machine (or the embedded
  // database's one connection) the default 2 s to start and 5 s to finish are too short.
  return prisma.$transaction((tx) => fn(simRepository(tx)), { maxWait: 20_000, timeout: 60_000 });
}
