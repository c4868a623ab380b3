// Progress of the durable retry-activation, one row per attempt, so a retry that stopped half
// way (failure or crash) resumes at the step it reached, with the subscriber's snapshot at hand.
import type { Prisma, PrismaClient, RetryOperation } from '../generated/prisma/client.js';

export type { RetryOperation };
export type RetryStep = 'precheck' | 'remove' | 'provision' | 'done' | 'failed' | 'abandoned';
export const OPEN_STEPS: RetryStep[] = ['precheck', 'remove', 'provision'];

export function retryOperationRepository(prisma: PrismaClient) {
  return {
    create(input: { subscriberId: string; userId: string; newEmail: string; requestedBy: string }): Promise<RetryOperation> {
      return prisma.retryOperation.create({ data: { ...input, step: 'precheck' } });
    },

    get(id: string): Promise<RetryOperation | null> {
      return prisma.retryOperation.findUnique({ where: { id } });
    },

    /** The unfinished operation for this BroadWorks user, if any. */
    openForUser(userId: string): Promise<RetryOperation | null> {
      return prisma.retryOperation.findFirst({
        where: { userId, step: { in: OPEN_STEPS } },
        orderBy: { createdAt: 'desc' },
      });
    },

    /** The newest operation for this subscriber started at or after `since` (a bulk item's own). */
    latestFor(subscriberId: string, since: Date): Promise<RetryOperation | null> {
      return prisma.retryOperation.findFirst({ where: { subscriberId, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' } });
    },

    listOpen(): Promise<RetryOperation[]> {
      return prisma.retryOperation.findMany({ where: { step: { in: OPEN_STEPS } }, orderBy: { createdAt: 'asc' } });
    },

    advance(
      id: string,
      data: { step: RetryStep; snapshot?: Prisma.InputJsonValue; newSubscriberId?: string; lastError?: string | null },
    ): Promise<RetryOperation> {
      return prisma.retryOperation.update({ where: { id }, data });
    },

    /** Records a failed attempt; `counts: false` (Webex's rate limit) keeps it from counting toward giving up. */
    async noteFailure(id: string, error: string, options: { counts?: boolean } = {}): Promise<RetryOperation> {
      const attempts = options.counts === false ? undefined : { increment: 1 };
      return prisma.retryOperation.update({ where: { id }, data: { lastError: error, ...(attempts ? { attempts } : {}) } });
    },
  };
}
export type RetryOperationRepository = ReturnType<typeof retryOperationRepository>;
