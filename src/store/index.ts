// The store: one typed repository per model, over one Prisma client. Only repositories touch Prisma.
import type { PrismaClient } from '../generated/prisma/client.js';
import { alertSubscriptionRepository } from './alert-subscriptions.js';
import { auditRepository } from './audit.js';
import { eventRepository } from './events.js';
import { leaseRepository } from './leases.js';
import { personRepository } from './people.js';
import { reminderRepository } from './reminders.js';
import { retryOperationRepository } from './retry-operations.js';
import { sentCardRepository } from './sent-cards.js';
import { settingRepository } from './settings.js';
import { subscriberRepository } from './subscribers.js';
import { templateRepository } from './templates.js';

export function createStore(prisma: PrismaClient) {
  return {
    subscribers: subscriberRepository(prisma),
    people: personRepository(prisma),
    templates: templateRepository(prisma),
    settings: settingRepository(prisma),
    audit: auditRepository(prisma),
    events: eventRepository(prisma),
    reminders: reminderRepository(prisma),
    alertSubscriptions: alertSubscriptionRepository(prisma),
    leases: leaseRepository(prisma),
    retryOperations: retryOperationRepository(prisma),
    sentCards: sentCardRepository(prisma),
  };
}
export type Store = ReturnType<typeof createStore>;
