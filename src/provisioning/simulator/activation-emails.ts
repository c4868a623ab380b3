// Activation emails: the org setting, the asynchronous bulk job (STARTING → STARTED → COMPLETED
// as the clock moves; its outcome is computed once, at the instant it completes) and one user's
// email, all under the rules in email-rules.ts.
import { AppError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ActivationEmailError, ActivationEmailJob, SingleEmailResult } from '../types.js';
import { decideActivationEmail, SUPPRESSION_MS, type EmailDecision } from './email-rules.js';
import { adminUuidFor, uuidOf, webexId } from './ids.js';
import { newUuid, type SimContext } from './model.js';
import { inTransaction, simRepository, type SimActivationEmail, type SimEmailJob, type SimOrg, type SimRepository } from './repository.js';
import { simWebexError } from './webex-errors.js';

/** STARTING for 1 s, then STARTED for 2 s plus 10 ms per user before it completes. */
const STARTING_MS = 1_000;
const BASE_RUN_MS = 2_000;
const PER_USER_MS = 10;
const JOBS_PATH = '/identity/organizations/{orgId}/jobs/sendActivationEmails';

export async function requireOrg(repo: SimRepository): Promise<SimOrg> {
  const org = await repo.org();
  if (!org) throw new AppError('not_found', 'The simulator has no data yet: seed it first (seedSimulator).');
  return org;
}

/** The org a call works on: one of the partner's customers, or the one simulated org. */
export interface OrgView {
  orgId: string;
  allowAdminInviteEmails: boolean;
  /** Set for a partner's customer: its people and jobs only. */
  customerOrgId?: string;
}

export async function orgView(repo: SimRepository, customerOrgId?: string): Promise<OrgView> {
  const org = await requireOrg(repo);
  if (!customerOrgId || customerOrgId === org.orgId) return { orgId: org.orgId, allowAdminInviteEmails: org.allowAdminInviteEmails };
  const customer = await repo.customerOrg(customerOrgId);
  if (!customer) throw simWebexError(Math.random, 404, { method: 'GET', path: '/organizations/{orgId}' }, `Organization ${customerOrgId} not found`);
  return { orgId: customer.orgId, allowAdminInviteEmails: customer.allowAdminInviteEmails, customerOrgId: customer.orgId };
}

function jobView(job: SimEmailJob, now: Date): ActivationEmailJob {
  const done = job.completedAt !== null;
  return {
    id: job.id,
    latestExecutionStatus: done ? 'COMPLETED' : now < job.runningAt ? 'STARTING' : 'STARTED',
    latestExecutionExitCode: !done ? 'UNKNOWN' : job.failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED',
    counts: {
      userResendInviteSent: job.sent,
      userResendInviteFailed: job.failed,
      userResendInviteSkipped: job.skipped,
      totalUsers: job.total,
    },
    allowAdminInviteEmails: job.allowAdminInviteEmails,
  };
}

/** Runs a due job over every user whose invitation is pending, as of its completion instant. */
export async function completeJob(ctx: SimContext, job: SimEmailJob): Promise<void> {
  await inTransaction(ctx.prisma, async (repo) => {
    const at = job.completesAt;
    const org = await orgView(repo, job.orgId ?? undefined);
    const people = await repo.people({ invitePending: true, orgId: org.customerOrgId }, 100_000);
    const last = await repo.lastEmailsSince(people.map((p) => p.id), new Date(at.getTime() - SUPPRESSION_MS));
    const counts = { sent: 0, failed: 0, skipped: 0, total: people.length };
    const errors: ActivationEmailError[] = [];
    const emails: SimActivationEmail[] = [];
    for (const person of people) {
      const d = decideActivationEmail({ person, lastEmailAt: last.get(person.id), emailsOn: job.allowAdminInviteEmails, at, adminUuid: adminUuidFor(org.orgId) });
      if (d.kind === 'send') {
        counts.sent++;
        emails.push({ id: newUuid(ctx), personId: person.id, sentAt: at, reason: d.reason, jobId: job.id });
        continue;
      }
      if (d.kind === 'failed') counts.failed++;
      else counts.skipped++;
      if (d.kind === 'failed' || d.listed) {
        const itemNumber = errors.length + 1;
        errors.push({ itemNumber, ...d.problem, trackingId: `NA_${uuidOf(job.id)}_1_${itemNumber}` });
      }
    }
    // The conditional claim decides: of two instances completing it at once, one records emails.
    if (!(await repo.completeJob(job.id, { completedAt: at, ...counts, errors: errors as unknown as Prisma.InputJsonValue }))) return;
    await repo.recordEmails(emails);
  });
}

export function activationEmails(ctx: SimContext, customerOrgId?: string) {
  const repo = simRepository(ctx.prisma);

  async function job(jobId: string): Promise<SimEmailJob> {
    const row = await repo.job(jobId);
    if (!row) throw simWebexError(ctx.random, 404, { method: 'GET', path: `${JOBS_PATH}/{jobId}/status` }, `Job ${jobId} not found`);
    return row;
  }

  return {
    async getAutoActivationEmails(): Promise<boolean> {
      return (await orgView(repo, customerOrgId)).allowAdminInviteEmails;
    },

    async setAutoActivationEmails(enabled: boolean): Promise<boolean> {
      const org = await orgView(repo, customerOrgId);
      await repo.setAllowAdminInviteEmails(enabled, org.customerOrgId);
      return enabled;
    },

    async startActivationEmailJob(): Promise<ActivationEmailJob> {
      const now = ctx.now();
      const org = await orgView(repo, customerOrgId);
      // Webex runs a single instance of this job per org.
      if (await repo.runningJob(now, org.customerOrgId)) {
        throw simWebexError(ctx.random, 409, { method: 'POST', path: JOBS_PATH }, 'Only a single instance of the job can be running for an organization.');
      }
      const pending = (await repo.people({ invitePending: true, orgId: org.customerOrgId }, 100_000)).length;
      const runningAt = new Date(now.getTime() + STARTING_MS);
      const created = await repo.createJob({
        id: webexId('JOB_ID', newUuid(ctx)),
        startedAt: now,
        runningAt,
        completesAt: new Date(runningAt.getTime() + BASE_RUN_MS + PER_USER_MS * pending),
        allowAdminInviteEmails: org.allowAdminInviteEmails,
        orgId: org.customerOrgId ?? null,
      });
      return jobView(created, now);
    },

    async getActivationEmailJob(jobId: string): Promise<ActivationEmailJob> {
      return jobView(await job(jobId), ctx.now());
    },

    async getActivationEmailJobErrors(jobId: string, max = 50): Promise<ActivationEmailError[]> {
      const errors = (await job(jobId)).errors as unknown as ActivationEmailError[];
      return errors.slice(0, Math.max(0, max));
    },

    async sendActivationEmail(personId: string): Promise<SingleEmailResult> {
      const at = ctx.now();
      const person = await repo.person(personId);
      const org = await orgView(repo, person?.orgId ?? undefined);
      if (!person) throw simWebexError(ctx.random, 404, { method: 'GET', path: '/people/{personId}' }, `Person ${personId} not found`);
      const last = await repo.lastEmailsSince([person.id], new Date(at.getTime() - SUPPRESSION_MS));
      const d: EmailDecision = decideActivationEmail({ person, lastEmailAt: last.get(person.id), emailsOn: org.allowAdminInviteEmails, at, adminUuid: adminUuidFor(org.orgId) });
      if (d.kind === 'send') {
        await repo.recordEmails([{ id: newUuid(ctx), personId, sentAt: at, reason: d.reason, jobId: null }]);
        return { outcome: 'sent', personId };
      }
      const { code, description } = d.problem;
      return d.kind === 'suppressed' ? { outcome: 'suppressed', personId, code, description } : { outcome: 'error', personId, code, description };
    },
  };
}
