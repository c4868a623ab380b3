import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimRemotePerson } from '../../src/provisioning/simulator/index.js';
import type { ActivationEmailJob } from '../../src/provisioning/types.js';
import { DB_KINDS } from '../support/databases.js';
import { DAY, MINUTE, collect, openSimWorld, webexFailure, type SimWorld } from './helpers.js';

describe.each(DB_KINDS)('simulator activation emails on the %s database', (kind) => {
  let w: SimWorld;
  let pending: SimRemotePerson[];
  let converted: SimRemotePerson;
  let disabled: SimRemotePerson[];
  beforeAll(async () => {
    w = await openSimWorld(kind);
    pending = await collect(w.backend.listPeople({ invitePending: true }));
    converted = pending.find((p) => p.convertedToPaidAt)!;
    disabled = pending.filter((p) => !p.loginEnabled);
  });
  afterAll(() => w?.t.dispose());

  const emailedWithin24h = async (p: SimRemotePerson) =>
    (await w.backend.simulator.emailsTo(p.id)).some((e) => w.backend.simulator.now().getTime() - e.sentAt.getTime() < DAY);

  /** Starts a bulk job and lets it run to completion. */
  async function runJob(): Promise<ActivationEmailJob> {
    const job = await w.backend.startActivationEmailJob();
    w.backend.simulator.advance(MINUTE);
    return w.backend.getActivationEmailJob(job.id);
  }

  it('runs the bulk job asynchronously: STARTING → STARTED → COMPLETED, one at a time', async () => {
    expect(await w.backend.getAutoActivationEmails()).toBe(true);
    expect(disabled.length).toBeGreaterThan(0);
    const recent = new Set<string>();
    for (const p of pending) if (p !== converted && p.loginEnabled && (await emailedWithin24h(p))) recent.add(p.id);
    expect(recent.size).toBeGreaterThan(0);

    const job = await w.backend.startActivationEmailJob();
    expect(job).toMatchObject({ latestExecutionStatus: 'STARTING', latestExecutionExitCode: 'UNKNOWN', allowAdminInviteEmails: true });
    expect(job.counts).toEqual({ userResendInviteSent: 0, userResendInviteFailed: 0, userResendInviteSkipped: 0, totalUsers: 0 });
    expect(await webexFailure(w.backend.startActivationEmailJob())).toMatchObject({ code: 'conflict', status: 409 });
    w.backend.simulator.advance(1_500);
    expect((await w.backend.getActivationEmailJob(job.id)).latestExecutionStatus).toBe('STARTED');
    expect(await w.backend.getActivationEmailJobErrors(job.id)).toEqual([]);

    w.backend.simulator.advance(MINUTE);
    const done = await w.backend.getActivationEmailJob(job.id);
    expect(done).toMatchObject({ latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED_WITH_ERRORS' });
    expect(done.counts).toEqual({
      totalUsers: pending.length,
      userResendInviteFailed: disabled.length,
      userResendInviteSkipped: recent.size,
      userResendInviteSent: pending.length - disabled.length - recent.size,
    });

    const errors = await w.backend.getActivationEmailJobErrors(job.id, 500);
    expect(errors.map((e) => e.itemNumber)).toEqual(errors.map((_, i) => i + 1));
    expect(errors.filter((e) => e.key === '400')).toHaveLength(disabled.length);
    const suppressed = errors.filter((e) => e.key === '304');
    expect(suppressed).toHaveLength(recent.size);
    expect(suppressed.every((e) => e.code === 'ATLAS-600199')).toBe(true);
    expect(suppressed[0]!.description).toMatch(/^Re-send invite for [0-9a-f-]{36} by [0-9a-f-]{36} is suppressed as the user [0-9a-f-]{36} has already received an invitation email in last 24 hours ; Error with \S+@\S+\.$/);
    expect(await w.backend.getActivationEmailJobErrors(job.id, 1)).toHaveLength(1);

    // The free→paid user was notified although emailed three hours earlier.
    expect((await w.backend.simulator.emailsTo(converted.id)).filter((e) => e.jobId === job.id).map((e) => e.reason)).toEqual(['plan_conversion']);
    expect(await webexFailure(w.backend.getActivationEmailJob('nope'))).toMatchObject({ code: 'not_found' });
  });

  it('suppresses a second job within 24 hours, except the free→paid conversion', async () => {
    const job = await runJob();
    expect(job.counts).toEqual({
      totalUsers: pending.length,
      userResendInviteSent: 1,
      userResendInviteFailed: disabled.length,
      userResendInviteSkipped: pending.length - 1 - disabled.length,
    });
    expect(job.latestExecutionExitCode).toBe('COMPLETED_WITH_ERRORS');
  });

  it("sends one user's email under the same rules", async () => {
    const someone = pending.find((p) => p.loginEnabled && p !== converted)!;
    const suppressed = await w.backend.sendActivationEmail(someone.id);
    expect(suppressed).toMatchObject({ outcome: 'suppressed', personId: someone.id, code: 'ATLAS-600199' });
    expect(suppressed.outcome === 'suppressed' && suppressed.description).toContain(`Error with ${someone.emails[0]}.`);
    expect(await w.backend.sendActivationEmail(converted.id)).toEqual({ outcome: 'sent', personId: converted.id });
    expect(await w.backend.sendActivationEmail(converted.id)).toEqual({ outcome: 'sent', personId: converted.id });
    expect(await w.backend.sendActivationEmail(disabled[0]!.id)).toMatchObject({ outcome: 'error', code: 'ATLAS-600141' });
    const active = (await collect(w.backend.listPeople({ invitePending: false })))[0]!;
    expect(await w.backend.sendActivationEmail(active.id)).toMatchObject({ outcome: 'error', code: 'USER_ALREADY_ACTIVE' });
    expect(await webexFailure(w.backend.sendActivationEmail('nobody'))).toMatchObject({ code: 'not_found', status: 404 });

    w.backend.simulator.advance(DAY + MINUTE);
    expect(await w.backend.sendActivationEmail(someone.id)).toEqual({ outcome: 'sent', personId: someone.id });
    expect((await w.backend.simulator.emailsTo(someone.id)).at(-1)).toMatchObject({ reason: 'resend', jobId: null });
    // Once the user signs in there is nothing left to send.
    await w.backend.simulator.activate(someone.id);
    expect(await w.backend.getPerson(someone.id)).toMatchObject({ invitePending: false });
    pending = pending.filter((p) => p.id !== someone.id);
  });

  it('with automatic emails off, skips new and inactive users but still tells converted ones', async () => {
    expect(await w.backend.setAutoActivationEmails(false)).toBe(false);
    expect(await w.backend.getAutoActivationEmails()).toBe(false);
    w.backend.simulator.advance(DAY + MINUTE);

    // A newly added user gets no automatic email.
    const acme = (await w.backend.listTemplates()).find((t) => t.spEnterpriseId === 'SP1+acme')!;
    const sub = await w.backend.provisionSubscriber({ provisioningId: acme.provisioningId, userId: 'off-1@voip.acme.com', spEnterpriseId: 'SP1+acme', firstName: 'Quiet', lastName: 'Newcomer', email: 'quiet.newcomer@acme.com', package: 'basic' });
    w.backend.simulator.advance(MINUTE);
    const newcomer = (await w.backend.getSubscriber(sub.id))!.personId!;
    expect(await w.backend.simulator.emailsTo(newcomer)).toEqual([]);
    expect(await w.backend.sendActivationEmail(newcomer)).toMatchObject({ outcome: 'suppressed', code: 'ADMIN_INVITE_EMAILS_OFF' });
    expect(await w.backend.sendActivationEmail(converted.id)).toEqual({ outcome: 'sent', personId: converted.id });

    // A free user moved to a paid plan is notified, setting or not.
    const free = (await collect(w.backend.listPeople())).find((p) => p.plan === 'free')!;
    expect(free.licenses).toEqual([]);
    await w.backend.simulator.convertToPaid(free.id);
    const paid = (await w.backend.getPerson(free.id))!;
    expect(paid).toMatchObject({ plan: 'paid', invitePending: true });
    expect(paid.licenses).toHaveLength(1);
    expect((await w.backend.simulator.emailsTo(free.id)).map((e) => e.reason)).toEqual(['plan_conversion']);

    w.backend.simulator.advance(DAY + MINUTE);
    const job = await runJob();
    // Everyone still invited: the newcomer, the converted free user, and users whose seeded
    // provisioning requests completed meanwhile joined the ones from the start.
    const total = (await collect(w.backend.listPeople({ invitePending: true }))).length;
    expect(total).toBeGreaterThanOrEqual(pending.length + 2);
    expect(job).toMatchObject({ allowAdminInviteEmails: false, latestExecutionExitCode: 'COMPLETED' });
    expect(job.counts).toEqual({ totalUsers: total, userResendInviteSent: 2, userResendInviteFailed: 0, userResendInviteSkipped: total - 2 });
    expect(await w.backend.getActivationEmailJobErrors(job.id)).toEqual([]);
    expect(await w.backend.setAutoActivationEmails(true)).toBe(true);
  });

  it('applies what happened in time order: a job that finished first does not count a later user', async () => {
    const before = (await collect(w.backend.listPeople({ invitePending: true }))).length;
    const job = await w.backend.startActivationEmailJob();
    const acme = (await w.backend.listTemplates()).find((t) => t.spEnterpriseId === 'SP1+acme')!;
    await w.backend.provisionSubscriber({ provisioningId: acme.provisioningId, userId: 'late-1@voip.acme.com', spEnterpriseId: 'SP1+acme', firstName: 'Late', lastName: 'Comer', email: 'late.comer@acme.com', package: 'basic' });
    w.backend.simulator.advance(5 * MINUTE); // the job ends after ~3 s, the provisioning after ≥ 20 s
    expect((await w.backend.getActivationEmailJob(job.id)).counts.totalUsers).toBe(before);
    expect((await collect(w.backend.listPeople({ invitePending: true }))).length).toBe(before + 1);
  });
});
