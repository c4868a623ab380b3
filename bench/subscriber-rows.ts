// 100,000 mirrored subscribers that look like a service provider's: ~20 enterprises of uneven
// size, the simulator's status mix (mostly provisioned, a real tail of pending and errored), and
// status changes spread over six months. Deterministic: the same rows every run.
import { seededRandom } from '../src/provisioning/simulator/index.js';
import { STATUS_WEIGHTS, weighted } from '../src/provisioning/simulator/seed-data.js';
import type { SubscriberInput } from '../src/store/subscribers.js';
import { SUBSCRIBER_PACKAGES as PACKAGES } from '../src/provisioning/types.js';

export const ENTERPRISE_COUNT = 20;
export const enterpriseId = (i: number) => `SP1+enterprise${String(i + 1).padStart(2, '0')}`;
/** Larger enterprises first: weight 1/√(rank). */
const ENTERPRISE_WEIGHTS: [number, number][] = Array.from({ length: ENTERPRISE_COUNT }, (_, i) => [i, 1 / Math.sqrt(i + 1)]);
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-02T09:00:00.000Z');

/** Errors as a real book has them: a few big causes (one misconfigured template), a long tail, some codeless. */
const ERRORS: { code: number | null; text: (i: number) => string }[] = [
  { code: 10022, text: () => 'The BroadWorks UserID is already associated with an existing user' },
  { code: 10031, text: () => 'Self-activation failed: the customer template does not allow untrusted emails' },
  { code: 10031, text: () => 'Self-activation failed: the customer template does not allow untrusted emails' },
  { code: 10024, text: () => 'The email domain is claimed by another organization and is not allowed for this customer' },
  { code: 10500, text: () => 'Provisioning failed because of a temporary error; retry the activation' },
  { code: 2560, text: () => 'One or more Webex Calling services are unavailable due to maintenance, unable to start provisioning. Consult status.webex.com and retry later.' },
  { code: null, text: (i) => `Provisioning of "User ${i}" <user${i}@example.com> timed out after ${30 + (i % 7)} seconds` },
];
const errorOf = (i: number) => {
  const e = ERRORS[i % ERRORS.length]!;
  return { code: e.code, text: e.text(i) };
};

export function* subscriberBatches(total: number, batchSize: number, seed = 2026): Generator<SubscriberInput[]> {
  const r = seededRandom(seed);
  for (let start = 0; start < total; start += batchSize) {
    const batch: SubscriberInput[] = [];
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      const e = weighted(r(), ENTERPRISE_WEIGHTS);
      const status = weighted(r(), STATUS_WEIGHTS);
      const lastStatusChange = new Date(NOW - Math.floor(r() * 180 * DAY));
      batch.push({
        id: `bench-subscriber-${String(i).padStart(6, '0')}`,
        personId: status === 'provisioned' ? `bench-person-${i}` : null,
        userId: `${40_000_000 + i}@voip.enterprise${e + 1}.example`,
        spEnterpriseId: enterpriseId(e),
        firstName: `First${i % 997}`,
        lastName: `Last${i % 991}`,
        email: status === 'pending_email_input' ? null : `user${i}@enterprise${e + 1}.example`,
        primaryPhoneNumber: null,
        mobilePhoneNumber: null,
        extension: String(1000 + (i % 9000)),
        package: PACKAGES[i % PACKAGES.length]!,
        status,
        errorCode: status === 'error' ? errorOf(i).code : null,
        errorText: status === 'error' ? errorOf(i).text : null,
        created: new Date(lastStatusChange.getTime() - Math.floor(r() * 30 * DAY)),
        lastStatusChange,
        provisioningId: `bench-template-${e + 1}`,
        selfActivated: false,
      });
    }
    yield batch;
  }
}
