// The provisioning service over both backends and a real store: the mirror sync, mutations that go
// to Webex first and are audited, the settings history, the template check and activation emails.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SUPPRESSION_CODE } from '../../src/provisioning/activation-emails.js';
import { isAppError } from '../../src/errors.js';
import { AUTO_EMAILS_KEY, createProvisioningService } from '../../src/provisioning/service.js';
import { simRepository } from '../../src/provisioning/simulator/repository.js';
import { checkTemplate } from '../../src/provisioning/template-check.js';
import { createWebexBackend, SINGLE_EMAIL_NOT_SUPPORTED } from '../../src/provisioning/webex-backend.js';
import { crashingBackend } from './crashing-backend.js';
import {
  ACME,
  FRESH_INVITE,
  HOUR,
  JANE_SUB,
  MIHAI_SUB,
  MINUTE,
  NEVER_EMAILED,
  ORG_ID,
  personId,
  PROVISIONING_ID,
  SECOND,
  SUBSCRIBERS,
  T0,
  TOMAS_SUB,
} from './fixture.js';
import { BACKEND_KINDS, openWorld, type World } from './worlds.js';

const ADMIN = 'admin@example.com';

describe.each(BACKEND_KINDS)('provisioning service over the %s backend', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(kind);
  });
  afterAll(() => w.close());
  beforeEach(() => w.reset());

  const store = () => w.db.store;
  const mirrored = async (id: string) => store().subscribers.get(id);
  const lastAudit = async (action: string) => (await store().audit.latest(1, { action }))[0];

  describe('mirror sync', () => {
    it('syncs everything, then incrementally what changed since the newest lastStatusChange; a full sync drops what Webex no longer has', async () => {
      const svc = w.service();
      expect(await svc.sync.subscribers()).toEqual({ upserted: SUBSCRIBERS.length, removed: 0 });
      expect(await store().subscribers.count({})).toBe(SUBSCRIBERS.length);

      // Changes in Webex behind the bot's back: a new user gets provisioned, one user is removed.
      const created = await w.backend.provisionSubscriber({
        provisioningId: PROVISIONING_ID[ACME]!,
        userId: 'new.user@sp.example',
        spEnterpriseId: ACME,
        firstName: 'New',
        lastName: 'User',
        email: 'new.user@acme.example',
        package: 'basic',
      });
      w.advance(2 * MINUTE);
      await w.backend.removeSubscriber(TOMAS_SUB.id);

      if (w.fake) w.fake.requests.length = 0;
      // Incremental: only what changed after (newest mirrored change − 1 minute): Mihai and the new user.
      expect(await svc.sync.subscribers()).toEqual({ upserted: 2, removed: 0 });
      if (w.fake) {
        const since = MIHAI_SUB.lastStatusChange.getTime() - MINUTE;
        expect(w.fake.requests.map((r) => r.query.lastStatusChange)).toEqual([String(since)]);
      }
      expect(await mirrored(created.id)).toMatchObject({ userId: 'new.user@sp.example', status: 'provisioned' });
      expect(await mirrored(TOMAS_SUB.id)).not.toBeNull(); // an incremental sync cannot see removals

      expect(await svc.sync.subscribers({ full: true })).toEqual({ upserted: SUBSCRIBERS.length, removed: 1 });
      expect(await mirrored(TOMAS_SUB.id)).toBeNull();
      expect(await store().subscribers.count({})).toBe(SUBSCRIBERS.length);
    });
  });

  describe('mutations: Webex first, then the mirror, always audited', () => {
    beforeEach(() => w.mirrorFixture());

    it('removes a subscriber in Webex, then from the mirror, and audits it', async () => {
      await w.service().removeSubscriber((await mirrored(MIHAI_SUB.id))!, ADMIN);
      expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toBeNull();
      expect(await mirrored(MIHAI_SUB.id)).toBeNull();
      expect(await lastAudit('user.remove')).toMatchObject({ actor: ADMIN, result: 'ok', target: MIHAI_SUB.userId, detail: { subscriberId: MIHAI_SUB.id, email: MIHAI_SUB.email } });
    });

    it('keeps the mirror row when Webex fails, and audits the failure', async () => {
      let svc = w.service();
      if (w.fake) w.fake.faults.serverError(/^\/broadworks\/subscribers\//, 500);
      else svc = w.service('instance-a', crashingBackend(w.backend, { method: 'removeSubscriber', when: 'before' }).backend);
      await expect(svc.removeSubscriber((await mirrored(MIHAI_SUB.id))!, ADMIN)).rejects.toThrow();
      expect(await mirrored(MIHAI_SUB.id)).not.toBeNull();
      if (w.fake) w.fake.faults.clear();
      expect(await w.backend.getSubscriber(MIHAI_SUB.id)).not.toBeNull();
      const audit = await lastAudit('user.remove');
      expect(audit).toMatchObject({ result: 'error', target: MIHAI_SUB.userId });
      expect((audit!.detail as { error: string }).error).toMatch(kind === 'webex' ? /HTTP 500/ : /simulated crash/);
    });

    it('removes from the mirror a subscriber already gone from Webex', async () => {
      await w.backend.removeSubscriber(MIHAI_SUB.id);
      await w.service().removeSubscriber((await mirrored(MIHAI_SUB.id))!, ADMIN);
      expect(await mirrored(MIHAI_SUB.id)).toBeNull();
      expect(await lastAudit('user.remove')).toMatchObject({ result: 'ok' });
    });

    it('changes a package in Webex, mirrors what Webex answered, and audits from → to', async () => {
      const svc = w.service();
      const row = await svc.changePackage((await mirrored(JANE_SUB.id))!, 'premium', ADMIN);
      // Webex shows the new package once the update is done; until then the mirror says "updating".
      expect(row).toMatchObject({ id: JANE_SUB.id, status: 'updating', package: 'standard' });
      expect(await lastAudit('user.package')).toMatchObject({ actor: ADMIN, result: 'ok', target: JANE_SUB.userId, detail: { from: 'standard', to: 'premium' } });
      w.advance(MINUTE + SECOND);
      await svc.sync.subscribers();
      expect(await mirrored(JANE_SUB.id)).toMatchObject({ status: 'provisioned', package: 'premium' });
    });

    it('leaves the mirror alone when Webex refuses the change, and audits the refusal', async () => {
      const svc = w.service();
      await svc.changePackage((await mirrored(JANE_SUB.id))!, 'premium', ADMIN);
      const before = await mirrored(JANE_SUB.id);
      await expect(svc.changePackage(before!, 'basic', ADMIN)).rejects.toMatchObject({ code: 'conflict' });
      expect(await mirrored(JANE_SUB.id)).toEqual(before);
      expect(await lastAudit('user.package')).toMatchObject({ result: 'error', detail: { from: 'standard', to: 'basic' } });
    });
  });

  describe('automatic activation emails setting', () => {
    it('records what Webex says and every change, with who made it', async () => {
      const svc = w.service();
      expect(await svc.autoEmails()).toBe(true);
      expect(await svc.setAutoEmails(false, ADMIN)).toBe(false);
      expect(await w.backend.getAutoActivationEmails()).toBe(false);
      expect(await svc.autoEmails()).toBe(false); // no change: no history entry
      await w.backend.setAutoActivationEmails(true); // changed in Control Hub
      expect(await svc.autoEmails()).toBe(true);
      const history = await store().settings.history(ORG_ID, AUTO_EMAILS_KEY);
      expect(history.map((h) => [h.oldValue, h.newValue, h.changedBy])).toEqual([
        ['false', 'true', 'webex'],
        ['true', 'false', ADMIN],
        [null, 'true', 'webex'],
      ]);
      expect(await store().settings.get(ORG_ID, AUTO_EMAILS_KEY)).toMatchObject({ value: 'true' });
      expect(await lastAudit('emails.off')).toMatchObject({ actor: ADMIN, result: 'ok' });
    });

    // Over HTTP only (the simulator has no lost answers). Webex carried out the first attempt but its
    // answer was lost (the client gave up waiting), and the retry was refused (429): the setting
    // holds what was asked, so the change is made.
    if (kind === 'webex') it('a write whose answer was lost, then refused on retry: Webex is asked, and the change counts as made', async () => {
      const fake = w.fake!;
      const held = fake.faults.hold(/^\/settings\//, { method: 'POST', times: 1 });
      const backend = createWebexBackend({
        apiUrl: fake.url,
        adminToken: fake.adminToken,
        orgId: ORG_ID,
        client: {
          timeoutMs: 1_500, // the held first attempt times out; the others have room on a busy machine
          maxAttempts: 2,
          // Between the attempts: the first one (timed out for the client) goes through in Webex,
          // and the retry will be rate-limited.
          sleep: async () => {
            fake.faults.rateLimit(/^\/settings\//, 1, { method: 'POST', times: 1 });
            held.release();
            for (let i = 0; i < 100 && (await w.backend.getAutoActivationEmails()); i++) await new Promise((r) => setTimeout(r, 20));
          },
        },
      });
      await expect(w.service('instance-a', backend).setAutoEmails(false, ADMIN)).resolves.toBe(false);
      const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/settings/'));
      expect(posts.map((r) => r.status)).toEqual([200, 429]); // Webex did it; we had stopped waiting
      expect(await w.backend.getAutoActivationEmails()).toBe(false);
      expect(await lastAudit('emails.off')).toMatchObject({ actor: ADMIN, result: 'ok', detail: { confirmedBy: 'reading' } });
      expect((await store().settings.history(ORG_ID, AUTO_EMAILS_KEY)).map((h) => [h.newValue, h.changedBy])).toEqual([['false', ADMIN]]);
    });

    if (kind === 'webex') it('a write that failed in a way that says nothing stays a failure when Webex does not hold the value', async () => {
      const fake = w.fake!;
      fake.faults.serverError(/^\/settings\//, 503, { method: 'POST' });
      const failure = await w.service().setAutoEmails(false, ADMIN).catch((err: unknown) => err);
      expect(isAppError(failure, 'webex_error')).toBe(true);
      expect(fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/settings/')).length).toBeGreaterThan(0); // it asked
      expect(await w.backend.getAutoActivationEmails()).toBe(true);
      expect(await lastAudit('emails.off')).toMatchObject({ result: 'error' });
      expect(await store().settings.history(ORG_ID, AUTO_EMAILS_KEY)).toEqual([]);
    });

    it('records nothing but the failure when Webex refuses', async () => {
      const svc = w.service('instance-a', crashingBackend(w.backend, { method: 'setAutoActivationEmails', when: 'before' }).backend);
      await expect(svc.setAutoEmails(false, ADMIN)).rejects.toThrow(/simulated crash/);
      expect(await store().settings.history(ORG_ID, AUTO_EMAILS_KEY)).toEqual([]);
      expect(await lastAudit('emails.off')).toMatchObject({ result: 'error' });
    });
  });

  describe('customer templates', () => {
    it(kind === 'simulator' ? 'checks each template and says what is wrong in plain words' : 'says they cannot be read, and checks nothing', async () => {
      const { supported, checks } = await w.service().templates();
      if (kind === 'webex') {
        expect({ supported, checks }).toEqual({ supported: false, checks: [] });
        return;
      }
      expect(supported).toBe(true);
      expect(checks).toEqual([
        { provisioningId: PROVISIONING_ID[ACME], name: 'Acme — Webex for BroadWorks', ok: true, problems: [] },
        {
          provisioningId: expect.any(String),
          name: 'Globex — Webex for BroadWorks',
          ok: false,
          problems: [
            'Untrusted Emails is not checked: users cannot self-provision by entering their email. Check "Untrusted Emails".',
            'Share Link points to the download link: users are not sent to the activation portal. Set Share Link to the Activation link.',
          ],
        },
      ]);
    });
  });

  describe('activation emails', () => {
    it('runs the bulk job, polling with a growing back-off until it completes, and reports per-user errors', async () => {
      const sleeps: number[] = [];
      const svc = createProvisioningService({
        backend: w.backend,
        store: store(),
        orgId: ORG_ID,
        instanceId: 'instance-a',
        now: w.now,
        sleep: async (ms) => {
          sleeps.push(ms);
          w.advance(ms);
        },
      });
      const job = await svc.emails.startAll(ADMIN);
      const outcome = await svc.emails.waitForJob(job.id);
      expect(outcome).toMatchObject({ finished: true, job: { latestExecutionStatus: 'COMPLETED', counts: { userResendInviteSent: 2, userResendInviteSkipped: 1 } } });
      expect(outcome.errors).toMatchObject([{ code: SUPPRESSION_CODE, description: expect.stringContaining(FRESH_INVITE.email) }]);
      expect(sleeps.slice(0, 2)).toEqual([1_000, 2_000]);
      expect(await lastAudit('emails.sendAll')).toMatchObject({ actor: ADMIN, result: 'ok', target: job.id });
    });

    if (kind === 'webex') {
      it('one user’s email: reports that Webex cannot send it, and records that', async () => {
        const svc = w.service();
        await svc.sync.people();
        const person = (await store().people.get(NEVER_EMAILED.id))!;
        expect(await svc.emails.sendOne(person, ADMIN)).toMatchObject({ outcome: 'error', description: SINGLE_EMAIL_NOT_SUPPORTED });
        expect(await store().reminders.history(person.id)).toMatchObject([{ outcome: 'error' }]);
        expect(await lastAudit('emails.sendOne')).toMatchObject({ result: 'error', target: person.email });
      });
      return;
    }

    it('one user’s email: not again within 24 hours (without asking Webex), then again after', async () => {
      const svc = w.service();
      await svc.sync.people();
      const person = (await store().people.get(NEVER_EMAILED.id))!;
      expect(await svc.emails.sendOne(person, ADMIN)).toMatchObject({ outcome: 'sent', email: person.email });
      w.advance(23 * HOUR);
      const again = await svc.emails.sendOne(person, ADMIN);
      expect(again).toMatchObject({ outcome: 'suppressed', code: SUPPRESSION_CODE, description: expect.stringMatching(/last 24 hours.*about 1 more hour/) });
      expect(await w.sim!.simulator.emailsTo(person.id)).toHaveLength(1);
      w.advance(HOUR + MINUTE);
      expect(await svc.emails.sendOne(person, ADMIN)).toMatchObject({ outcome: 'sent' });
      expect((await store().reminders.history(person.id)).map((r) => r.outcome)).toEqual(['sent', 'suppressed', 'sent']);
      expect(await store().audit.count({ action: 'emails.sendOne' })).toBe(3);
    });

    it('one user’s email: a free → paid conversion is always notified, even within 24 hours', async () => {
      const free = personId(50);
      await simRepository(w.db.db.prisma).createPerson({
        id: free,
        email: 'ana.tudor@acme.example',
        firstName: 'Ana',
        lastName: 'Tudor',
        displayName: 'Ana Tudor',
        licenses: [],
        created: new Date(T0.getTime() - 10 * 24 * HOUR),
        lastActivity: null,
        invitePending: true,
        loginEnabled: true,
        plan: 'free',
        convertedToPaidAt: null,
      });
      const svc = w.service();
      await svc.sync.people();
      const before = (await store().people.get(free))!;
      expect(await svc.emails.sendOne(before, ADMIN)).toMatchObject({ outcome: 'sent' });
      expect(await svc.emails.sendOne(before, ADMIN)).toMatchObject({ outcome: 'suppressed' });

      w.advance(MINUTE);
      await w.sim!.simulator.convertToPaid(free);
      await svc.sync.people();
      const converted = (await store().people.get(free))!;
      expect(converted).toMatchObject({ plan: 'paid', convertedToPaidAt: expect.any(Date) });
      expect(await svc.emails.sendOne(converted, ADMIN)).toMatchObject({ outcome: 'sent' });
      expect(await svc.emails.sendOne(converted, ADMIN)).toMatchObject({ outcome: 'sent' });
      expect((await w.sim!.simulator.emailsTo(free)).map((e) => e.reason)).toEqual(['resend', 'plan_conversion', 'plan_conversion', 'plan_conversion']);
    });
  });
});

describe('template check wording', () => {
  it('says what is wrong, and what to change, for each setting', () => {
    expect(checkTemplate({ provisioningId: 'p', name: 'T', untrustedEmails: true, shareLinkKind: 'activation' })).toEqual({ provisioningId: 'p', name: 'T', ok: true, problems: [] });
    expect(checkTemplate({ provisioningId: 'p', name: 'T', untrustedEmails: true, shareLinkKind: 'none' }).problems).toEqual([
      'Share Link is empty: users are not sent to the activation portal. Set Share Link to the Activation link.',
    ]);
  });
});
