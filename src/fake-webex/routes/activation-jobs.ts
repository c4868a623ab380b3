// Bulk activation-email resend jobs (send-activation-email.yml). A job emails every user whose
// invitation is pending; users emailed in the last 24 hours are skipped with the ATLAS-600199
// suppression error. Status moves STARTING → STARTED → COMPLETED over successive polls or time.
import type { FakeApp } from '../app.js';
import { requireOrgAdmin } from '../auth.js';
import { conflict, notFound } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';
import { newTrackingId, uuidOf, webexId } from '../ids.js';
import { pageReply } from '../paging.js';
import type { FakeActivationJob, FakeJobOutcome } from '../types.js';
import { jobView } from '../views.js';

const DAY_MS = 24 * 3600 * 1000;

export function suppressionText(personId: string, adminId: string, email: string): string {
  const user = uuidOf(personId);
  return `Re-send invite for ${user} by ${uuidOf(adminId)} is suppressed as the user ${user} has already received an invitation email in last 24 hours ; Error with ${email}.`;
}

/** Moves a job along; a status poll counts as one step. Completing it stamps the emailed people. */
export function advanceJob(app: FakeApp, job: FakeActivationJob, poll: boolean): void {
  if (poll) job.polls += 1;
  const now = app.now();
  const elapsed = now.getTime() - job.created.getTime();
  const { jobPollsToComplete, jobDurationMs } = app.options;
  if (job.status === 'STARTING' && (job.polls >= 1 || elapsed >= jobDurationMs / 2)) job.status = 'STARTED';
  if (job.status === 'STARTED' && (job.polls >= jobPollsToComplete || elapsed >= jobDurationMs)) {
    job.status = 'COMPLETED';
    job.completed = now;
    for (const o of job.outcomes) {
      const person = app.state.people.get(o.personId);
      if (o.result === 'sent' && person) person.lastInviteEmailAt = now;
    }
  }
}

function plannedOutcomes(app: FakeApp, orgId: string): FakeJobOutcome[] {
  const now = app.now().getTime();
  return [...app.state.people.values()]
    .filter((p) => p.orgId === orgId && p.type === 'person' && p.invitePending && p.loginEnabled)
    .map((p) => ({
      personId: p.id,
      email: p.emails[0] ?? '',
      result: p.lastInviteEmailAt && now - p.lastInviteEmailAt.getTime() < DAY_MS ? 'suppressed' : 'sent',
    }));
}

export function activationJobRoutes(app: FakeApp): Route[] {
  const base = '/identity/organizations/:orgId/jobs/sendActivationEmails';
  const findJob = (orgId: string, jobId: string) => {
    const job = app.state.activationJobs.get(jobId);
    if (!job || job.orgId !== orgId) throw notFound('Job not found.');
    return job;
  };

  return [
    route('POST', base, (ctx) => {
      const orgId = requireOrgAdmin(app, ctx, ctx.params.orgId!);
      const jobs = [...app.state.activationJobs.values()].filter((j) => j.orgId === orgId);
      for (const j of jobs) advanceJob(app, j, false);
      if (jobs.some((j) => j.status !== 'COMPLETED')) {
        throw conflict('A job of this type is already running for the organization. Only a single instance of the job can run at a time.');
      }
      const job: FakeActivationJob = {
        id: webexId('JOB_ID'),
        orgId,
        sourceUserId: ctx.caller.personId,
        instanceId: jobs.length + 1,
        trackingId: newTrackingId(),
        created: app.now(),
        polls: 0,
        status: 'STARTING',
        outcomes: plannedOutcomes(app, orgId),
      };
      app.state.activationJobs.set(job.id, job);
      return json(202, jobView(app, job));
    }),

    route('GET', `${base}/:jobId/status`, (ctx) => {
      const job = findJob(requireOrgAdmin(app, ctx, ctx.params.orgId!), ctx.params.jobId!);
      advanceJob(app, job, true);
      return json(200, jobView(app, job));
    }),

    route('GET', `${base}/:jobId/errors`, (ctx) => {
      const job = findJob(requireOrgAdmin(app, ctx, ctx.params.orgId!), ctx.params.jobId!);
      advanceJob(app, job, false);
      const failures = job.status === 'COMPLETED' ? job.outcomes.filter((o) => o.result !== 'sent') : [];
      const items = failures.map((o, i) => ({
        itemNumber: i + 1,
        trackingId: `${job.trackingId}_1_${i + 2}`,
        error:
          o.result === 'suppressed'
            ? { key: '304', message: [{ description: suppressionText(o.personId, job.sourceUserId, o.email), code: 'ATLAS-600199' }] }
            : { key: '400', message: [{ description: `Re-send invite failed ; Error with ${o.email}.`, code: 'ATLAS-600100' }] },
      }));
      return pageReply(items, ctx.query, `${app.baseUrl}${ctx.path}`, { defaultMax: 50, limit: 1000 });
    }),
  ];
}
