import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorBackend, seededRandom } from '../../src/provisioning/simulator/index.js';
import type { ProvisionRequest, RemoteSubscriber, RemoteTemplate } from '../../src/provisioning/types.js';
import { DB_KINDS } from '../support/databases.js';
import { HOUR, MINUTE, T0, collect, openSimWorld, webexFailure, type SimWorld } from './helpers.js';

describe.each(DB_KINDS)('simulator subscribers on the %s database', (kind) => {
  let w: SimWorld;
  let all: RemoteSubscriber[];
  let acme: RemoteTemplate;
  beforeAll(async () => {
    w = await openSimWorld(kind);
    all = await collect(w.backend.listSubscribers());
    acme = (await w.backend.listTemplates()).find((t) => t.spEnterpriseId === 'SP1+acme')!;
  });
  afterAll(() => w?.t.dispose());

  let n = 0;
  /** A fresh, valid request (new user id and email each time). */
  const request = (over: Partial<ProvisionRequest> = {}): ProvisionRequest => ({
    provisioningId: acme.provisioningId,
    userId: `${90_000_000 + ++n}@voip.acme.com`,
    spEnterpriseId: 'SP1+acme',
    firstName: 'Nora',
    lastName: 'Fischer',
    email: `nora.fischer${n}@acme.com`,
    package: 'standard',
    ...over,
  });

  it('lists in a stable order and filters like the API', async () => {
    const order = [...all].sort((a, b) => a.created.getTime() - b.created.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(all.map((s) => s.id)).toEqual(order.map((s) => s.id));
    expect((await collect(w.backend.listSubscribers())).map((s) => s.id)).toEqual(all.map((s) => s.id));

    const errorsAndPending = await collect(w.backend.listSubscribers({ statuses: ['error', 'pending_email_input'] }));
    expect(errorsAndPending.length).toBe(all.filter((s) => s.status === 'error' || s.status === 'pending_email_input').length);
    const globex = await collect(w.backend.listSubscribers({ spEnterpriseId: 'SP1+globex' }));
    expect(globex.length).toBeGreaterThan(0);
    expect(globex.every((s) => s.spEnterpriseId === 'SP1+globex')).toBe(true);

    const sample = all.find((s) => s.email)!;
    expect((await collect(w.backend.listSubscribers({ userId: sample.userId }))).map((s) => s.id)).toEqual([sample.id]);
    expect((await collect(w.backend.listSubscribers({ email: sample.email!.toUpperCase() }))).map((s) => s.id)).toEqual([sample.id]);
    const byTemplate = await collect(w.backend.listSubscribers({ provisioningId: acme.provisioningId }));
    expect(byTemplate.length).toBe(all.filter((s) => s.provisioningId === acme.provisioningId).length);

    const since = new Date(T0.getTime() - 30 * 24 * HOUR);
    const recent = await collect(w.backend.listSubscribers({ lastStatusChangeAfter: since }));
    expect(recent.length).toBe(all.filter((s) => s.lastStatusChange > since).length);
    expect(await w.backend.getSubscriber(sample.id)).toEqual(sample);
    expect(await w.backend.getSubscriber('nope')).toBeNull();
  });

  it('prechecks emails: malformed, in use, claimed domain, unknown template, or fine', async () => {
    const other = all.find((s) => s.email && s.email.endsWith('@acme.com'))!;
    const check = (email: string, over = {}) => w.backend.precheckEmail({ provisioningId: acme.provisioningId, userId: 'x@voip.acme.com', email, ...over });
    expect(await check('fresh.person@acme.com')).toEqual({ ok: true, info: [{ code: 100, description: 'Provisioning preCheck validation successful.' }] });
    expect(await check('not an email')).toMatchObject({ ok: false, errors: [{ code: 10004 }] });
    expect(await check('a@b@acme.com')).toMatchObject({ ok: false, errors: [{ code: 10004 }] });
    expect(await check(other.email!.toUpperCase())).toMatchObject({ ok: false, errors: [{ code: 10023 }] });
    expect(await check('someone@contoso.com')).toMatchObject({ ok: false, errors: [{ code: 10024 }] });
    expect(await check('fresh.person@acme.com', { provisioningId: 'unknown' })).toMatchObject({ ok: false, errors: [{ code: 10001 }] });
    // A subscriber's own email is fine for its own user id (that is what a retry sends).
    expect(await check(other.email!, { userId: other.userId })).toMatchObject({ ok: true });
  });

  it('provisions in the background: provisioning, then provisioned with a Webex user', async () => {
    const req = request();
    const created = await w.backend.provisionSubscriber(req);
    expect(created).toMatchObject({ status: 'provisioning', email: req.email, userId: req.userId, errors: [] });
    expect(created.personId).toBeUndefined();
    w.backend.simulator.advance(61_000);
    const done = (await w.backend.getSubscriber(created.id))!;
    expect(done.status).toBe('provisioned');
    expect(done.lastStatusChange.getTime()).toBeGreaterThan(created.lastStatusChange.getTime());
    const person = (await w.backend.getPerson(done.personId!))!;
    expect(person).toMatchObject({ emails: [req.email], invitePending: true });
    // Automatic activation emails are on: Webex emailed the newly licensed user.
    expect((await w.backend.simulator.emailsTo(person.id)).map((e) => e.reason)).toEqual(['license_assigned']);
    // Incremental sync sees the change.
    const changed = await collect(w.backend.listSubscribers({ lastStatusChangeAfter: created.lastStatusChange }));
    expect(changed.map((s) => s.id)).toContain(created.id);
  });

  it('refuses in-use user ids and emails, bad emails and packages, like Webex', async () => {
    const taken = all.find((s) => s.email?.endsWith('@acme.com'))!;
    expect(await webexFailure(w.backend.provisionSubscriber(request({ userId: taken.userId })))).toEqual({ code: 'conflict', status: 409, errorCode: 10022 });
    expect(await webexFailure(w.backend.provisionSubscriber(request({ email: taken.email! })))).toEqual({ code: 'conflict', status: 409, errorCode: 10023 });
    expect(await webexFailure(w.backend.provisionSubscriber(request({ email: 'nope' })))).toEqual({ code: 'invalid_input', status: 400, errorCode: 10004 });
    expect(await webexFailure(w.backend.provisionSubscriber(request({ provisioningId: 'x' })))).toMatchObject({ status: 400, errorCode: 10001 });
    const vltava = (await w.backend.listTemplates()).find((t) => t.spEnterpriseId === 'SP1+vltava')!;
    expect(await webexFailure(w.backend.provisionSubscriber(request({ provisioningId: vltava.provisioningId, package: 'premium' })))).toMatchObject({ status: 400, errorCode: 10017 });
  });

  it('fails in the background for a claimed domain or a transient error', async () => {
    const claimed = await w.backend.provisionSubscriber(request({ email: 'x.y@fabrikam.com' }));
    const flaky = createSimulatorBackend({ prisma: w.t.db.prisma, now: w.backend.simulator.now, random: seededRandom(1), failureRate: 1 });
    const transient = await flaky.provisionSubscriber(request());
    w.backend.simulator.advance(61_000);
    expect(await w.backend.getSubscriber(claimed.id)).toMatchObject({ status: 'error', errors: [{ errorCode: 10024 }] });
    expect(await w.backend.getSubscriber(transient.id)).toMatchObject({ status: 'error', errors: [{ errorCode: 10500 }] });
  });

  it('removes a subscriber but keeps its Webex user, and a removed user id can be provisioned again', async () => {
    const victim = all.find((s) => s.status === 'provisioned' && s.spEnterpriseId === 'SP1+acme')!;
    await w.backend.removeSubscriber(victim.id);
    expect(await w.backend.getSubscriber(victim.id)).toBeNull();
    expect(await w.backend.getPerson(victim.personId!)).not.toBeNull();
    expect(await webexFailure(w.backend.removeSubscriber(victim.id))).toMatchObject({ code: 'not_found', status: 404 });
    // Re-provisioned with its old email: mapped to the same Webex user.
    const again = await w.backend.provisionSubscriber(request({ userId: victim.userId, email: victim.email!, package: victim.package }));
    w.backend.simulator.advance(61_000);
    expect(await w.backend.getSubscriber(again.id)).toMatchObject({ status: 'provisioned', personId: victim.personId });
  });

  it('changes a package: provisioned goes through updating; pending changes in place', async () => {
    // The last one: the removal test took the first.
    const target = all.findLast((s) => s.status === 'provisioned' && s.spEnterpriseId === 'SP1+acme' && s.package !== 'premium')!;
    const updating = await w.backend.changePackage(target.id, 'premium');
    expect(updating).toMatchObject({ status: 'updating', package: target.package });
    expect(await webexFailure(w.backend.changePackage(target.id, 'basic'))).toMatchObject({ code: 'conflict', errorCode: 10040 });
    w.backend.simulator.advance(31_000);
    expect(await w.backend.getSubscriber(target.id)).toMatchObject({ status: 'provisioned', package: 'premium' });

    const pending = all.find((s) => s.status === 'pending_email_input' && s.spEnterpriseId !== 'SP1+initech' && s.package !== 'basic')!;
    expect(await w.backend.changePackage(pending.id, 'basic')).toMatchObject({ status: 'pending_email_input', package: 'basic' });
    const initech = all.find((s) => s.spEnterpriseId === 'SP1+initech')!;
    expect(await webexFailure(w.backend.changePackage(initech.id, 'premium'))).toMatchObject({ code: 'invalid_input', errorCode: 10017 });
    expect(await webexFailure(w.backend.changePackage('missing', 'basic'))).toMatchObject({ code: 'not_found' });
  });

  it('moves seeded in-flight requests on as the clock advances', async () => {
    const inFlight = all.filter((s) => s.status === 'provisioning' || s.status === 'updating');
    expect(inFlight.length).toBeGreaterThan(0);
    w.backend.simulator.advance(3 * HOUR);
    const now = await collect(w.backend.listSubscribers({ statuses: ['provisioning', 'updating'] }));
    const stillSeeded = now.filter((s) => inFlight.some((f) => f.id === s.id));
    expect(stillSeeded).toEqual([]);
    for (const before of inFlight) {
      const after = (await w.backend.getSubscriber(before.id))!;
      expect(after.status === 'provisioned' || after.status === 'error').toBe(true);
      if (before.status === 'updating') expect(after.status).toBe('provisioned');
      if (after.status === 'provisioned') expect(await w.backend.getPerson(after.personId!)).not.toBeNull();
      expect(after.lastStatusChange.getTime()).toBeGreaterThan(T0.getTime());
      expect(after.lastStatusChange.getTime()).toBeLessThanOrEqual(T0.getTime() + 3 * HOUR + 10 * MINUTE);
    }
  });
});
