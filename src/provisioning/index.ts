// Chooses the provisioning backend from the configuration and builds the service over it.
import type { Config } from '../config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/index.js';
import type { Store } from '../store/index.js';
import type { RetryDeps } from './retry-activation.js';
import { createProvisioningService, type ProvisioningService } from './service.js';
import { createSimulatorBackend, seedSimulator } from './simulator/index.js';
import type { ProvisioningBackend } from './types.js';
import { webexBackendFromConfig } from './webex-backend.js';

/** The org id single-org mode records under (WEBEX_ORG_ID; the simulator's is "simulator"); partner mode: "partner". */
export const singleOrgId = (config: Config): string => (config.orgMode === 'partner' ? 'partner' : (config.admin.orgId ?? 'simulator'));

export async function createBackend(config: Config, prisma: PrismaClient, logger: Logger, metrics?: Metrics): Promise<ProvisioningBackend> {
  if (config.provisioningBackend === 'webex') return webexBackendFromConfig(config, metrics?.webexClientHooks(), logger.child({ component: 'webex-oauth' }));
  const seeded = await seedSimulator(prisma, { partner: config.orgMode === 'partner' });
  if (seeded.seeded) logger.info({ subscribers: seeded.subscribers, people: seeded.people }, 'simulator seeded with demo data');
  return createSimulatorBackend({ prisma });
}

export async function createProvisioning(
  config: Config,
  prisma: PrismaClient,
  store: Store,
  logger: Logger,
  instanceId: string,
  metrics?: Metrics,
  onRetryAbandoned?: RetryDeps['onAbandoned'],
): Promise<ProvisioningService> {
  const backend = await createBackend(config, prisma, logger, metrics);
  return createProvisioningService({
    backend,
    store,
    orgId: singleOrgId(config),
    instanceId,
    onEmail: (outcome) => metrics?.remindersSent.inc({ outcome }),
    onRetryAbandoned,
    freshness: { freshForMs: config.freshnessSeconds * 1000, waitMs: config.freshnessWaitMs },
    logger: logger.child({ component: 'provisioning' }),
  });
}
