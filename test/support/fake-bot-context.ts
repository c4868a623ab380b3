// Handlers tested alone: a fake BotContext that records what a command or an action answers
// (replies, cards with their offers, files), over the real services on a real embedded database
// and the seeded simulator. No app, no framework, no HTTP: a handler runs in milliseconds.
import { spaceLanguages } from '../../src/i18n/space-language.js';
import { createFailurePush } from '../../src/alerts/failure-push.js';
import { createFollowUpService } from '../../src/alerts/service.js';
import { createAuditLog } from '../../src/audit/service.js';
import { createActions } from '../../src/bot/actions/index.js';
import { createCommands } from '../../src/bot/commands/index.js';
import type { BotContext, BotServices, OutgoingFile, SentReply } from '../../src/bot/types.js';
import { createStatsService } from '../../src/stats/service.js';
import { createWeeklyDigest } from '../../src/stats/weekly-digest.js';
import { createBulkJobs } from '../../src/bulk/jobs.js';
import { createErrorIntelligence } from '../../src/error-intelligence/service.js';
import type { ActionName, CardKind, CardOffer, OfferedCard, RenderedCard } from '../../src/cards/index.js';
import { loadConfig } from '../../src/config.js';
import { createOrgService, orgOfScope, type Access, type OrgScope } from '../../src/orgs/service.js';
import { createProvisioningService } from '../../src/provisioning/service.js';
import { createSimulatorBackend, seedSimulator, seededRandom, type SimulatorBackend } from '../../src/provisioning/simulator/index.js';
import { silent, testClock, type Clock } from '../alerts/helpers.js';
import { openTestDatabase, type TestDatabase } from './databases.js';

export const ADMIN_EMAIL = 'admin@acme.example';

/** Who and where a context is (default: the partner admin, on the world's default scope). */
export interface ContextAs {
  actor?: Partial<BotContext['actor']>;
  scope?: OrgScope;
  access?: Access;
}

/** A card the handler sent, with the id it was drawn with. */
export type SentTestCard = RenderedCard & { cardId: string; /** The org the card is about (what the dispatcher records). */ orgId: string | null };

export interface FakeContext extends BotContext {
  replies: string[];
  cards: SentTestCard[];
  files: { file: OutgoingFile; markdown: string; beside?: SentReply }[];
}

export interface HandlerWorld {
  db: TestDatabase;
  /** The simulated Webex: change it here for changes made "outside the bot". */
  backend: SimulatorBackend;
  services: BotServices;
  clock: Clock;
  /** A fresh context: what one message or click would get (by default a partner admin, partner-wide or the one org). */
  context(room?: { id: string; type: 'direct' | 'group' }, as?: ContextAs): FakeContext;
  /** Runs a command as typed, e.g. "users error". */
  say(text: string, as?: ContextAs): Promise<FakeContext>;
  /** Runs a card action as a click on `card` would (the submission parsed by the action's schema). */
  press(card: SentTestCard, action: ActionName, fields?: Record<string, unknown>, as?: ContextAs): Promise<FakeContext>;
  dispose(): Promise<void>;
}

/** The card as a click finds it again (what the dispatcher hands an action). */
export function asClicked(card: SentTestCard): OfferedCard {
  const { kind, context } = card.offer;
  // Kind and context come from one offer: the union pairs them (no cast needed in src).
  return { id: card.cardId, kind, context } as OfferedCard;
}

export interface WorldOptions {
  /** A partner with the simulator's three customer orgs (SIMULATOR_PARTNER=true). */
  partner?: boolean;
}

export async function handlerWorld(start = new Date('2026-03-02T09:00:00Z'), options: WorldOptions = {}): Promise<HandlerWorld> {
  const partner = options.partner ?? false;
  const db = await openTestDatabase('embedded', partner ? {} : { singleOrgId: 'simulator' });
  const clock = testClock(start);
  await seedSimulator(db.db.prisma, { seed: 5, subscribers: 60, now: clock.now(), partner });
  const backend = createSimulatorBackend({ prisma: db.db.prisma, now: clock.now, random: seededRandom(11), failureRate: 0 });
  const orgId = partner ? 'partner' : 'simulator';
  const provisioning = createProvisioningService({ backend, store: db.store, orgId, instanceId: 'handler-test', now: clock.now, sleep: async (ms) => clock.advance(ms) });
  const config = loadConfig({ ADMIN_EMAILS: ADMIN_EMAIL, LOG_LEVEL: 'silent', SIMULATOR_PARTNER: String(partner) });
  const orgs = createOrgService({
    mode: config.orgMode,
    single: { orgId, name: 'Simulated org' },
    adminEmails: config.adminEmails,
    store: db.store,
    provisioning,
    instanceId: 'handler-test',
    now: clock.now,
    stuckAfterHours: config.stuckAfterHours,
    inactiveAfterDays: config.inactiveAfterDays,
    followUp: { now: clock.now, inactiveAfterDays: config.inactiveAfterDays, peopleFreshForMs: config.freshnessSeconds * 1000, cron: config.alertCron, timeZone: config.alertTimeZone },
  });
  if (partner) await orgs.discover();
  else await orgs.start();
  await provisioning.sync.subscribers({ full: true });
  const followUp = createFollowUpService({
    store: db.store,
    provisioning,
    now: clock.now,
    inactiveAfterDays: config.inactiveAfterDays,
    peopleFreshForMs: config.freshnessSeconds * 1000,
    cron: config.alertCron,
    timeZone: config.alertTimeZone,
  });
  const failures = createFailurePush({ store: db.store, now: clock.now, stuckAfterHours: config.stuckAfterHours, instanceId: 'handler-test' });
  const stats = createStatsService({ stats: db.store.dailyStats, now: clock.now });
  const weeklyStats = createWeeklyDigest({ store: db.store, stats, now: clock.now, day: config.statsWeeklyDay, instanceId: 'handler-test' });
  const errorIntelligence = createErrorIntelligence({ store: db.store, orgId, stuckAfterHours: config.stuckAfterHours, now: clock.now });
  const bulk = createBulkJobs({ store: db.store, provisioning, instanceId: 'handler-test', now: clock.now, logger: silent, poster: () => undefined });
  const languages = spaceLanguages({
    spaces: db.store.spaceLanguages,
    audit: createAuditLog(db.store.audit),
    defaultLanguage: config.defaultLanguage,
    backendOf: (id) => (id ? backend.forOrg(id) : backend),
    orgOfRoom: partner ? (roomId) => db.store.orgs.boundOrg(roomId) : undefined,
    now: clock.now,
  });
  const services: BotServices = { config, provisioning, followUp, failures, audit: createAuditLog(db.store.audit), stats, weeklyStats, errorIntelligence, bulk, orgs, languages, now: clock.now };
  const commands = createCommands();
  const actions = createActions();
  let issued = 0;

  function context(room: { id: string; type: 'direct' | 'group' } = { id: 'room-1', type: 'direct' }, as: ContextAs = {}): FakeContext {
    const scope = as.scope ?? orgs.defaultScope();
    const ctx: FakeContext = {
      actor: { personId: 'admin-person', email: ADMIN_EMAIL, displayName: 'Alex Admin', ...as.actor },
      room,
      scope,
      access: as.access ?? { kind: 'all' },
      // As the dispatcher does: an org's answers go through that org's service.
      services: { ...services, provisioning: orgs.serviceOf(scope), followUp: orgs.followUpOf(scope) ?? services.followUp },
      log: silent,
      replies: [],
      cards: [],
      files: [],
      async reply(markdown) {
        ctx.replies.push(markdown);
      },
      async replyCard(render) {
        const cardId = `card-${++issued}`;
        ctx.cards.push({ ...render(cardId), cardId, orgId: orgOfScope(scope) });
        return { messageId: `message-of-${cardId}` };
      },
      async replyFile(file, markdown, options) {
        ctx.files.push({ file, markdown, beside: options?.beside });
      },
      inOrg(orgId, name) {
        const inner = context(room, { ...as, scope: { kind: 'org', orgId, name } });
        // One record of what was sent, whichever org's context sent it.
        inner.replies = ctx.replies;
        inner.cards = ctx.cards;
        inner.files = ctx.files;
        return inner;
      },
      async runCommand(text) {
        const [name = '', ...args] = text.trim().split(/\s+/);
        const command = commands.find((c) => c.name === name.toLowerCase());
        if (!command) throw new Error(`no command ${name}`);
        await command.run(ctx, args);
      },
    };
    return ctx;
  }

  return {
    db,
    backend,
    services,
    clock,
    context,
    async say(text, as) {
      const [name = '', ...args] = text.trim().split(/\s+/);
      const command = commands.find((c) => c.name === name.toLowerCase());
      if (!command) throw new Error(`no command ${name}`);
      const ctx = context(undefined, as);
      await command.run(ctx, args);
      return ctx;
    },
    async press(card, name, fields = {}, as) {
      const action = actions.find((a) => a.name === name);
      if (!action) throw new Error(`no handler for ${name}`);
      const prepared = action.prepare({ action: name, cardId: card.cardId, ...fields });
      if (!prepared.ok) throw new Error(`${name}: ${prepared.message}`);
      // As the dispatcher does: a click works on the card's org, whatever the space's.
      const scope = as?.scope ?? (await orgs.scopeOfCard(card.orgId));
      const ctx = context(undefined, { ...as, scope });
      await prepared.run(ctx, asClicked(card));
      return ctx;
    },
    dispose: async () => {
      await bulk.stop();
      await db.dispose();
    },
  };
}

/** The card's offer, which must be of `kind` (the test fails here otherwise). */
export function offerAs<K extends CardKind>(card: SentTestCard | undefined, kind: K): CardOffer<K> {
  if (card?.offer.kind !== kind) throw new Error(`expected a ${kind} card, got ${card?.offer.kind ?? 'none'}`);
  return card.offer as CardOffer<K>;
}
