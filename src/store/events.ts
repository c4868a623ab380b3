// De-duplication of webhook events and card actions across redeliveries and instances: the
// first instance to insert an id handles it; the insert is the atomic claim.
import type { PrismaClient } from '../generated/prisma/client.js';

export function eventRepository(prisma: PrismaClient) {
  return {
    /** True if this call claimed the event (first time seen), false for a duplicate. */
    async claim(id: string, kind: string, instanceId: string): Promise<boolean> {
      const inserted = await prisma.$executeRaw`
        INSERT INTO "ProcessedEvent" ("id", "kind", "instanceId", "receivedAt")
        VALUES (${id}, ${kind}, ${instanceId}, now())
        ON CONFLICT ("id") DO NOTHING`;
      return inserted === 1;
    },

    /** Gives a claimed event back, so a redelivery can try again (handling failed before any change). */
    async release(id: string): Promise<void> {
      await prisma.processedEvent.deleteMany({ where: { id } });
    },

    async prune(olderThan: Date): Promise<number> {
      return (await prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } })).count;
    },

    count(): Promise<number> {
      return prisma.processedEvent.count();
    },
  };
}
export type EventRepository = ReturnType<typeof eventRepository>;
