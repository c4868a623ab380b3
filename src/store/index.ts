// The store: one typed repository per model, over one Prisma client and its pg pool (plain SQL
// where Prisma cannot help: COPY for the export, batched event claims). Only repositories touch
// the database.
import { failurePushRepository } from './failure-pushes.js';
import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.js';
import { alertDeliveryRepository } from './alert-deliveries.js';
import { alertSubscriptionRepository } from './alert-subscriptions.js';
import { auditRepository } from './audit.js';
import { bulkJobRepository } from './bulk-jobs.js';
import { dailyStatRepository } from './daily-stats.js';
import { errorNoteRepository } from './error-notes.js';
import { eventRepository } from './events.js';
import { leaseRepository } from './leases.js';
import { orgRepository } from './orgs.js';
import { personRepository } from './people.js';
import { reminderRepository } from './reminders.js';
import { retryOperationRepository } from './retry-operations.js';
import { sentCardRepository } from './sent-cards.js';
import { spaceLanguageRepository } from './space-languages.js';
import { spaceSubscriptionRepository } from './space-subscriptions.js';
import { settingRepository } from './settings.js';
import { subscriberRepository, type OrgPlacement } from './subscribers.js';
import { templateRepository } from './templates.js';

/** `placement`: in single-org mode, the configured org every mirrored row belongs to. */
export function createStore(prisma: PrismaClient, pool: pg.Pool, placement: OrgPlacement = {}) {
  return {
    subscribers: subscriberRepository(prisma, pool, placement),
    orgs: orgRepository(prisma),
    people: personRepository(prisma),
    templates: templateRepository(prisma),
    settings: settingRepository(prisma),
    audit: auditRepository(prisma),
    events: eventRepository(prisma, pool),
    reminders: reminderRepository(prisma),
    alertSubscriptions: alertSubscriptionRepository(prisma),
    alertDeliveries: alertDeliveryRepository(prisma),
    failurePushes: failurePushRepository(prisma),
    leases: leaseRepository(prisma),
    retryOperations: retryOperationRepository(prisma),
    sentCards: sentCardRepository(prisma, pool),
    dailyStats: dailyStatRepository(prisma),
    errorNotes: errorNoteRepository(prisma),
    bulkJobs: bulkJobRepository(prisma),
    spaceLanguages: spaceLanguageRepository(prisma),
    /** Spaces with `stats weekly on`. */
    weeklyStats: spaceSubscriptionRepository(prisma, WEEKLY_STATS_TOPIC),
  };
}
export type Store = ReturnType<typeof createStore>;
export const WEEKLY_STATS_TOPIC = 'stats.weekly';
