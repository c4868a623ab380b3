// Shared pieces of the alerts suites: a clock that only moves when a test moves it, mirrored
// people at a given age, and a provisioning service over the seeded simulator on that clock.
import { createLogger } from '../../src/logger.js';
import { createProvisioningService, type ProvisioningService } from '../../src/provisioning/service.js';
import { createSimulatorBackend, seedSimulator, seededRandom, type SimulatorBackend } from '../../src/provisioning/simulator/index.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Store } from '../../src/store/index.js';
import type { PersonInput } from '../../src/store/people.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const silent = createLogger('silent');

export interface Clock {
  now: () => Date;
  set(at: Date): void;
  advance(ms: number): void;
}

export function testClock(start: Date): Clock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (at) => void (t = at.getTime()),
    advance: (ms) => void (t += ms),
  };
}

/** A mirrored person invited `daysAgo` days before `now`. */
export function personInvited(i: number, daysAgo: number, now: Date, over: Partial<PersonInput> = {}): PersonInput {
  return {
    id: `person-${String(i).padStart(6, '0')}`,
    email: `user${i}@acme.example`,
    displayName: `User ${i}`,
    firstName: null,
    lastName: null,
    invitePending: true,
    loginEnabled: true,
    created: new Date(now.getTime() - daysAgo * DAY),
    lastActivity: null,
    licenses: ['lic-standard'],
    plan: 'paid',
    convertedToPaidAt: null,
    ...over,
  };
}

export interface SimService {
  backend: SimulatorBackend;
  provisioning: ProvisioningService;
}

/** The provisioning service over a (seeded once) simulator, everything on `clock`. */
export async function simService(prisma: PrismaClient, store: Store, clock: Clock, instanceId = 'test'): Promise<SimService> {
  await seedSimulator(prisma, { seed: 5, subscribers: 120, now: clock.now() });
  const backend = createSimulatorBackend({ prisma, now: clock.now, random: seededRandom(11), failureRate: 0 });
  const provisioning = createProvisioningService({ backend, store, orgId: 'simulator', instanceId, now: clock.now, sleep: async () => {} });
  return { backend, provisioning };
}
