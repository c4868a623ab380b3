// Keeps the mirror fresh and finishes interrupted retries: one run at start, then incremental subscriber syncs every few minutes
// and a full one (which also notices removals) every hour; people and templates with the full one.
import type { Logger } from '../logger.js';
import { failureDetail } from './errors.js';
import type { ProvisioningService } from './service.js';

export interface SyncSchedule {
  /** Resolves when the first sync has finished (successfully or not). */
  firstSync: Promise<void>;
  stop(): Promise<void>;
}

export function scheduleSync(service: ProvisioningService, logger: Logger, everyMs = 5 * 60_000, fullEvery = 12): SyncSchedule {
  let runs = 0;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;

  async function run(): Promise<void> {
    const full = runs % fullEvery === 0;
    runs++;
    try {
      // Retries that stopped half way (a failure, or a process that died) are finished first.
      const resumed = await service.retry.resumeOpen();
      if (resumed.length) logger.info({ resumed: resumed.map((r) => r.kind) }, 'resumed unfinished retry activations');
      const subscribers = await service.sync.subscribers({ full });
      const people = full ? await service.sync.people() : undefined;
      if (full) await service.sync.templates();
      logger.info({ full, subscribers, people }, 'mirror synced');
    } catch (err) {
      logger.warn({ err: failureDetail(err) }, 'mirror sync failed; the next one will try again');
    }
  }

  current = run();
  const firstSync = current;
  const timer = setInterval(() => {
    if (!stopped) current = current.then(run);
  }, everyMs);
  timer.unref();

  return {
    firstSync,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
