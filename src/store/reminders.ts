// Activation-email reminders: who asked, when, for whom, and what Webex answered.
import type { PrismaClient, Reminder } from '../generated/prisma/client.js';

export type { Reminder };
export type ReminderOutcome = 'sent' | 'suppressed' | 'error';
export type ReminderInput = Omit<Reminder, 'id' | 'requestedAt' | 'orgId'> & { requestedAt?: Date; outcome: ReminderOutcome; orgId?: string | null };

export function reminderRepository(prisma: PrismaClient) {
  return {
    record(input: ReminderInput): Promise<Reminder> {
      return prisma.reminder.create({ data: input });
    },

    /** The latest reminder per person, for the given people. */
    async latestFor(personIds: string[]): Promise<Map<string, Reminder>> {
      if (personIds.length === 0) return new Map();
      const rows = await prisma.reminder.findMany({
        where: { personId: { in: personIds } },
        orderBy: [{ personId: 'asc' }, { requestedAt: 'desc' }],
        distinct: ['personId'],
      });
      return new Map(rows.map((r) => [r.personId, r]));
    },

    /** The latest successful reminder after `since` (the 24-hour rule). */
    lastSentSince(personId: string, since: Date): Promise<Reminder | null> {
      return prisma.reminder.findFirst({
        where: { personId, outcome: 'sent', requestedAt: { gte: since } },
        orderBy: { requestedAt: 'desc' },
      });
    },

    history(personId: string, take = 10): Promise<Reminder[]> {
      return prisma.reminder.findMany({ where: { personId }, orderBy: { requestedAt: 'desc' }, take });
    },
  };
}
export type ReminderRepository = ReturnType<typeof reminderRepository>;
