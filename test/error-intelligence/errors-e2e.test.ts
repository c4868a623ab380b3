// Error intelligence end to end: the real app, framework and Prisma against the fake Webex over
// HTTP. A misconfigured customer template makes 40 users fail with one cause; `errors` shows one
// group of 40 with the fix; the template is corrected in the (fake) Partner Hub; Retry all 40
// provisions every one of them, with one result card and 40 audited retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../src/cards/validate.js';
import { BW_ERRORS } from '../../src/fake-webex/broadworks-rules.js';
import type { FakeWebex } from '../../src/fake-webex/index.js';
import type { FakeMessage } from '../../src/fake-webex/types.js';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { cardOf, cardText, submit } from '../support/cards.js';

const MISCONFIGURED = 'cHJvdi11bnRydXN0ZWQtZW1haWxzLW9mZg';
const HOUR = 3_600_000;

function seedCluster(fake: FakeWebex): void {
  fake.state.templateFaults.set(MISCONFIGURED, BW_ERRORS.untrustedEmailsOff);
  const started = new Date(Date.now() - 2 * HOUR);
  for (let i = 0; i < 40; i++) {
    // Self-activations under the misconfigured template: they settle into error when Webex is read.
    fake.seed.subscriber({ userId: `self${i}@sp.example`, firstName: 'Self', lastName: `Activated${i}`, email: `self${i}@acme.example`, spEnterpriseId: i % 4 === 0 ? 'SP1+globex' : 'SP1+acme', provisioningId: MISCONFIGURED, status: 'provisioning', selfActivated: true, created: started, lastStatusChange: started });
  }
  fake.seed.subscriber({ userId: 'dup@sp.example', firstName: 'Dee', lastName: 'Duplicate', email: 'dee@acme.example', status: 'error', errors: [BW_ERRORS.userIdInUse] });
  fake.seed.subscriber({ userId: 'ok@sp.example', firstName: 'Olga', lastName: 'Okay', email: 'olga@acme.example', status: 'provisioned' });
}

const isCard = (m: FakeMessage) => (m.attachments?.length ?? 0) > 0;

describe('errors end to end: a template misconfiguration fixed in bulk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: seedCluster, fake: { provisioningMs: 0 } });
  }, 60_000);
  afterAll(() => h?.close());

  it('40 users failing with one cause → one group of 40 with the fix → fixed → Retry all 40 → all provisioned', async () => {
    const [groups] = await h.say('errors');
    expect(validateCard(cardOf(groups))).toEqual([]);
    const text = cardText(groups!);
    expect(text).toMatch(/41 failing users, 2 causes/);
    expect(text).toContain('**40 users** · Error 10031 · The customer template does not allow untrusted emails');
    expect(text).toMatch(/2 enterprises: SP1\+acme, SP1\+globex/);

    const [group] = await h.click(groups!, submit(groups!, 'errors.group.open'), { inputs: { causeKey: 'code:10031' } });
    const groupText = cardText(group!);
    expect(groupText).toContain('View Templates');
    expect(groupText).toContain('Untrusted Emails');
    expect(groupText).toContain('A retry works once the cause is fixed.');
    const retryAll = submit(group!, 'errors.group.bulk');
    expect(retryAll).toMatchObject({ causeKey: 'code:10031', kind: 'retry' });

    const [preview] = await h.click(group!, retryAll);
    expect(cardText(preview!)).toContain('Retry the activation of 40 users?');
    expect(cardText(preview!)).toContain('Retry all 40');
    expect(cardText(preview!)).toContain('30 more users not shown.');

    // The partner admin fixes the template in Partner Hub (the fake's template stops failing users).
    h.fake.state.templateFaults.delete(MISCONFIGURED);
    const confirm = submit(preview!, 'bulk.confirm');
    const [started] = await h.click(preview!, confirm);
    expect(cardText(started!)).toContain('Started');
    // A second click (or a second instance) does not start it again.
    const [again] = await h.click(preview!, confirm);
    expect(again!.markdown).toContain('already done from this card');
    await h.app.bulk.idle();

    const results = h.botMessages().filter((m) => isCard(m) && cardText(m).includes('Retry all: '));
    expect(results).toHaveLength(1);
    expect(cardText(results[0]!)).toContain('40 of 40 handled: 40 done, 0 failed, 0 skipped');
    const subscribers = [...h.fake.state.subscribers.values()].filter((s) => s.userId.startsWith('self'));
    expect(subscribers).toHaveLength(40);
    // Read back through the API (the fake settles provisioning on read): every one provisioned.
    await h.app.provisioning.sync.subscribers({ full: true });
    expect(subscribers.map((s) => s.status)).toEqual(Array(40).fill('provisioned'));
    const audit = await h.app.store.audit.latest(500, { action: 'bulk.retry' });
    expect(audit).toHaveLength(40);
    expect(new Set(audit.map((a) => a.target)).size).toBe(40);
    expect(await h.app.store.audit.count({ action: 'user.retry', result: 'ok' })).toBe(40);

    const [after] = await h.say('errors');
    expect(cardText(after!)).toMatch(/1 failing user, 1 cause/);
  });

  it('a cause a retry cannot fix offers no Retry all, and a forged retry of it is refused', async () => {
    const [groups] = await h.say('errors');
    const [group] = await h.click(groups!, submit(groups!, 'errors.group.open'), { inputs: { causeKey: 'code:10022' } });
    expect(cardText(group!)).toContain('A retry alone cannot fix this.');
    const remove = submit(group!, 'errors.group.bulk');
    expect(remove.kind).toBe('remove');
    const [refused] = await h.click(group!, { ...remove, kind: 'retry' });
    expect(cardText(refused!)).toContain('That does not fit this cause');
  });
});
