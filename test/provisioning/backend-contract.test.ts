// One behavioural suite, run twice: the simulator backend directly, and the `webex` backend over
// HTTP against the fake Webex. Both start from the same fixture world (fixture.ts). Where the two
// legitimately differ, each one's documented behaviour is asserted, never skipped.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SINGLE_EMAIL_NOT_SUPPORTED, TEMPLATES_NOT_SUPPORTED } from '../../src/provisioning/webex-backend.js';
import type { ProvisionRequest } from '../../src/provisioning/types.js';
import { expectedPerson, personView, rejectionOf } from './assertions.js';
import {
  ACME,
  ADMIN,
  BULK_ERRORS,
  DAY,
  expectedRemote,
  FRESH_INVITE,
  GLOBEX,
  idsOf,
  JANE,
  JANE_SUB,
  MIGRATING_SUB,
  MIHAI_SUB,
  MINUTE,
  NEVER_EMAILED,
  PEOPLE,
  PENDING_PEOPLE,
  PROVISIONING_ID,
  SECOND,
  SUBSCRIBERS,
  T0,
  TEMPLATES,
  TOMAS_SUB,
  UNKNOWN_JOB,
  UNKNOWN_PERSON,
  UNKNOWN_SUBSCRIBER,
  WAITING_INPUT_SUB,
  WAITING_VALIDATION_SUB,
} from './fixture.js';
import { BACKEND_KINDS, collect, openWorld, type World } from './worlds.js';

const SUPPRESSED_24H = /has already received an invitation email in last 24 hours/;

const newUser: ProvisionRequest = {
  provisioningId: PROVISIONING_ID[ACME]!,
  userId: 'andrei.ionescu@sp.example',
  spEnterpriseId: ACME,
  firstName: 'Andrei',
  lastName: 'Ionescu',
  email: 'andrei.ionescu@acme.example',
  package: 'standard',
  extension: '1401',
};

describe.each(BACKEND_KINDS)('%s backend', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(kind);
  });
  afterAll(() => w.close());
  beforeEach(() => w.reset());

  const subscribers = (query = {}) => collect(w.backend.listSubscribers(query));

  describe('automatic activation emails', () => {
    it('reads the org setting (on by default) and sets it', async () => {
      expect(await w.backend.getAutoActivationEmails()).toBe(true);
      expect(await w.backend.setAutoActivationEmails(false)).toBe(false);
      expect(await w.backend.getAutoActivationEmails()).toBe(false);
      expect(await w.backend.setAutoActivationEmails(true)).toBe(true);
      expect(await w.backend.getAutoActivationEmails()).toBe(true);
    });
  });

  describe('bulk activation email job', () => {
    it('moves STARTING → STARTED → COMPLETED as time passes, then lists the 24-hour suppression', async () => {
      const job = await w.backend.startActivationEmailJob();
      expect(job).toMatchObject({ latestExecutionStatus: 'STARTING', allowAdminInviteEmails: true });

      w.advance(1_500);
      const running = await w.backend.getActivationEmailJob(job.id);
      expect(running).toMatchObject({ id: job.id, latestExecutionStatus: 'STARTED', latestExecutionExitCode: 'UNKNOWN' });
      expect(await w.backend.getActivationEmailJobErrors(job.id)).toEqual([]);

      w.advance(2_500);
      const done = await w.backend.getActivationEmailJob(job.id);
      expect(done).toMatchObject({ latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED' });
      // Three pending invitations: two emailed, one emailed two hours ago and so skipped.
      expect(done.counts).toEqual({ userResendInviteSent: 2, userResendInviteFailed: 0, userResendInviteSkipped: 1, totalUsers: PENDING_PEOPLE.length });

      const errors = await w.backend.getActivationEmailJobErrors(job.id);
      expect(errors).toEqual([{ itemNumber: 1, key: '304', code: 'ATLAS-600199', description: expect.stringMatching(SUPPRESSED_24H), trackingId: expect.any(String) }]);
      expect(errors[0]!.description).toContain(FRESH_INVITE.email);
      expect(await w.backend.getActivationEmailJobErrors(job.id, 1)).toHaveLength(1);
    });

    it('runs one job at a time per org, and reports an unknown job as not found', async () => {
      const first = await w.backend.startActivationEmailJob();
      expect((await rejectionOf(w.backend.startActivationEmailJob())).code).toBe('conflict');
      w.advance(10 * SECOND);
      expect((await w.backend.getActivationEmailJob(first.id)).latestExecutionStatus).toBe('COMPLETED');
      const second = await w.backend.startActivationEmailJob();
      expect(second.id).not.toBe(first.id);
      expect((await rejectionOf(w.backend.getActivationEmailJob(UNKNOWN_JOB))).code).toBe('not_found');
    });
  });

  describe('one user’s activation email', () => {
    if (kind === 'simulator') {
      it('sends it, then suppresses a second one within 24 hours, like Webex', async () => {
        expect(await w.backend.sendActivationEmail(NEVER_EMAILED.id)).toEqual({ outcome: 'sent', personId: NEVER_EMAILED.id });
        const again = await w.backend.sendActivationEmail(NEVER_EMAILED.id);
        expect(again).toMatchObject({ outcome: 'suppressed', code: 'ATLAS-600199', description: expect.stringMatching(SUPPRESSED_24H) });
        expect(await w.backend.sendActivationEmail(FRESH_INVITE.id)).toMatchObject({ outcome: 'suppressed', code: 'ATLAS-600199' });
        w.advance(DAY);
        expect(await w.backend.sendActivationEmail(NEVER_EMAILED.id)).toMatchObject({ outcome: 'sent' });
        // An active user has nothing to activate.
        expect(await w.backend.sendActivationEmail(JANE.id)).toMatchObject({ outcome: 'error' });
      });
    } else {
      it('is not offered (Webex has no per-user resend API): not_supported, and nothing is sent', async () => {
        const rejection = await rejectionOf(w.backend.sendActivationEmail(NEVER_EMAILED.id));
        expect(rejection.code).toBe('not_supported');
        expect(rejection.error.message).toBe(SINGLE_EMAIL_NOT_SUPPORTED);
        expect(w.fake!.requests).toEqual([]);
      });
    }
  });

  describe('people', () => {
    it('lists the org’s people with their invitation state and dates', async () => {
      const people = await collect(w.backend.listPeople());
      expect(people.map((p) => p.emails[0]).sort()).toEqual([ADMIN.email, ...PEOPLE.map((p) => p.email)].sort());
      const byId = new Map(people.map((p) => [p.id, personView(p)]));
      for (const p of PEOPLE) expect(byId.get(p.id), p.email).toEqual(expectedPerson(p));
    });

    it('filters on invitePending and email', async () => {
      const pending = await collect(w.backend.listPeople({ invitePending: true }));
      expect(idsOf(pending)).toEqual(idsOf(PENDING_PEOPLE));
      expect(pending.every((p) => p.invitePending && p.lastActivity === undefined)).toBe(true);
      const active = await collect(w.backend.listPeople({ invitePending: false }));
      expect(active.map((p) => p.emails[0]).sort()).toEqual([ADMIN.email, JANE.email, 'tomas.novak@globex.example'].sort());
      expect((await collect(w.backend.listPeople({ email: JANE.email }))).map(personView)).toEqual([expectedPerson(JANE)]);
    });

    it('gets one person, or null when there is none', async () => {
      expect(personView((await w.backend.getPerson(FRESH_INVITE.id))!)).toEqual(expectedPerson(FRESH_INVITE));
      expect(await w.backend.getPerson(UNKNOWN_PERSON)).toBeNull();
    });
  });

  describe('subscribers: list and get', () => {
    it('lists every subscriber across pages (more than 100), each exactly once and as Webex shows it', async () => {
      const all = await subscribers();
      expect(all).toHaveLength(SUBSCRIBERS.length);
      expect(idsOf(all)).toEqual(idsOf(SUBSCRIBERS));
      const byId = new Map(all.map((s) => [s.id, s]));
      for (const s of SUBSCRIBERS) expect(byId.get(s.id), s.userId).toEqual(expectedRemote(s));
      if (kind === 'webex') {
        // Link paging: at most 100 per page.
        const pages = w.fake!.requests.filter((r) => r.method === 'GET' && r.path === '/broadworks/subscribers');
        expect(pages.length).toBe(Math.ceil(SUBSCRIBERS.length / 100));
        expect(pages[1]!.query.cursor).toBeTruthy();
      }
    });

    it('filters by status set', async () => {
      expect(await subscribers({ statuses: ['error'] })).toHaveLength(BULK_ERRORS + 1);
      const pending = await subscribers({ statuses: ['pending_email_input', 'pending_email_validation', 'pending_user_migration'] });
      expect(idsOf(pending)).toEqual(idsOf([WAITING_INPUT_SUB, WAITING_VALIDATION_SUB, MIGRATING_SUB]));
      expect(await subscribers({ statuses: ['updating'] })).toEqual([]);
    });

    it('filters by enterprise, alone and with statuses (still paging past 100)', async () => {
      expect(idsOf(await subscribers({ spEnterpriseId: GLOBEX }))).toEqual(idsOf([TOMAS_SUB, WAITING_INPUT_SUB, MIGRATING_SUB]));
      const acmeErrors = await subscribers({ statuses: ['error', 'pending_email_validation'], spEnterpriseId: ACME });
      expect(acmeErrors).toHaveLength(BULK_ERRORS + 2);
      expect(new Set(acmeErrors.map((s) => s.id)).size).toBe(acmeErrors.length);
      expect(acmeErrors.every((s) => s.spEnterpriseId === ACME)).toBe(true);
    });

    it('filters by user id, by email (any case) and by lastStatusChange', async () => {
      expect(await subscribers({ userId: MIHAI_SUB.userId })).toEqual([expectedRemote(MIHAI_SUB)]);
      expect(await subscribers({ email: JANE.email.toUpperCase() })).toEqual([expectedRemote(JANE_SUB)]);
      expect(await subscribers({ userId: 'nobody@sp.example' })).toEqual([]);
      // Only Mihai changed in the last two days.
      expect(await subscribers({ lastStatusChangeAfter: new Date(T0.getTime() - 2 * DAY) })).toEqual([expectedRemote(MIHAI_SUB)]);
      expect(await subscribers({ lastStatusChangeAfter: MIHAI_SUB.lastStatusChange })).toEqual([]);
    });

    it('gets one subscriber, or null for an unknown id', async () => {
      expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toEqual(expectedRemote(MIHAI_SUB));
      expect(await w.backend.getSubscriber(UNKNOWN_SUBSCRIBER)).toBeNull();
    });
  });

  describe('precheck', () => {
    const check = (email: string, provisioningId = PROVISIONING_ID[ACME]!) =>
      w.backend.precheckEmail({ provisioningId, userId: MIHAI_SUB.userId, spEnterpriseId: ACME, email });

    it('accepts a good, unused email with info code 100', async () => {
      const result = await check('mihai.stan.new@acme.example');
      expect(result).toEqual({ ok: true, info: [{ code: 100, description: expect.stringMatching(/^Provisioning precheck validation successful\.$/i) }] });
    });

    it('rejects a malformed email, an email another user holds, and an unknown template', async () => {
      const malformed = await check('mihai.stan@@acme');
      expect(malformed.ok).toBe(false);
      expect(!malformed.ok && malformed.errors[0]!.description).toMatch(/email address is not valid/i);
      const taken = await check(JANE.email);
      expect(!taken.ok && taken.errors[0]!.description).toMatch(/email address is already associated with an existing user/i);
      const template = await check('mihai.stan.new@acme.example', 'bm8tc3VjaC10ZW1wbGF0ZQ');
      expect(!template.ok && template.errors[0]!.description).toMatch(/provisioning id/i);
    });

    it('changes nothing', async () => {
      await check('mihai.stan.new@acme.example');
      expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toEqual(expectedRemote(MIHAI_SUB));
    });
  });

  describe('provision, change package, remove', () => {
    it('provisions: "provisioning" at once, then "provisioned" with a Webex user about a minute later', async () => {
      const created = await w.backend.provisionSubscriber(newUser);
      expect(created).toMatchObject({ userId: newUser.userId, spEnterpriseId: ACME, email: newUser.email, package: 'standard', status: 'provisioning', errors: [], provisioningId: newUser.provisioningId, extension: '1401' });
      expect(created.personId).toBeUndefined();
      w.advance(10 * SECOND);
      expect((await w.backend.getSubscriber(created.id))!.status).toBe('provisioning');
      w.advance(MINUTE);
      const provisioned = (await w.backend.getSubscriber(created.id))!;
      expect(provisioned).toMatchObject({ status: 'provisioned', firstName: 'Andrei', lastName: 'Ionescu' });
      expect(provisioned.lastStatusChange.getTime()).toBeGreaterThan(T0.getTime());
      const person = await w.backend.getPerson(provisioned.personId!);
      expect(person).toMatchObject({ emails: [newUser.email], invitePending: true });
      expect(await subscribers({ userId: newUser.userId })).toEqual([provisioned]);
    });

    it('refuses a user id that is already provisioned, with Webex error 10022, and creates nothing', async () => {
      const rejection = await rejectionOf(w.backend.provisionSubscriber({ ...newUser, userId: JANE_SUB.userId }));
      expect(rejection.item).toEqual({ errorCode: 10022, description: 'The BroadWorks UserID is already associated with an existing user' });
      // The published API names the error but not the status: the simulator answers 409, the fake 400.
      if (kind === 'simulator') expect([rejection.code, rejection.status]).toEqual(['conflict', 409]);
      else expect([rejection.code, rejection.status]).toEqual(['invalid_input', 400]);
      expect(await subscribers({ userId: JANE_SUB.userId })).toEqual([expectedRemote(JANE_SUB)]);
    });

    it('changes a provisioned user’s package through "updating"; a second change meanwhile is a conflict', async () => {
      const updating = await w.backend.changePackage(JANE_SUB.id, 'premium');
      expect(updating).toMatchObject({ id: JANE_SUB.id, status: 'updating', package: 'standard' });
      expect((await rejectionOf(w.backend.changePackage(JANE_SUB.id, 'basic'))).code).toBe('conflict');
      w.advance(MINUTE + SECOND);
      expect(await w.backend.getSubscriber(JANE_SUB.id)).toMatchObject({ status: 'provisioned', package: 'premium', userId: JANE_SUB.userId });
    });

    it('changes an errored user’s package in place, and says not_found for an unknown id', async () => {
      expect(await w.backend.changePackage(MIHAI_SUB.id, 'basic')).toEqual({ ...expectedRemote(MIHAI_SUB), package: 'basic' });
      expect((await w.backend.getSubscriber(MIHAI_SUB.id))!.package).toBe('basic');
      expect((await rejectionOf(w.backend.changePackage(UNKNOWN_SUBSCRIBER, 'basic'))).code).toBe('not_found');
    });

    it('removes a subscriber', async () => {
      await w.backend.removeSubscriber(MIHAI_SUB.id);
      expect(await w.backend.getSubscriber(MIHAI_SUB.id)).toBeNull();
      expect(await subscribers({ userId: MIHAI_SUB.userId })).toEqual([]);
      expect(await subscribers()).toHaveLength(SUBSCRIBERS.length - 1);
    });

    it('removing an unknown subscriber: the simulator answers 404 like Webex; the webex backend treats it as already removed', async () => {
      if (kind === 'simulator') {
        expect(await rejectionOf(w.backend.removeSubscriber(UNKNOWN_SUBSCRIBER))).toMatchObject({ code: 'not_found', status: 404 });
      } else {
        await expect(w.backend.removeSubscriber(UNKNOWN_SUBSCRIBER)).resolves.toBeUndefined();
        expect(w.fake!.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 404 });
      }
    });
  });

  describe('customer templates', () => {
    if (kind === 'simulator') {
      it('lists the templates with their User Authentication settings', async () => {
        expect(await w.backend.listTemplates()).toEqual(TEMPLATES);
      });
    } else {
      it('are not_supported (no public Webex API), with where to look in Partner Hub, and no request made', async () => {
        const rejection = await rejectionOf(w.backend.listTemplates());
        expect(rejection.code).toBe('not_supported');
        expect(rejection.error.message).toBe(TEMPLATES_NOT_SUPPORTED);
        expect(w.fake!.requests).toEqual([]);
      });
    }
  });
});
