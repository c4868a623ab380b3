// What handlers see: who acted, where, the services, and ways to answer. Handlers never see
// Express or framework objects, so each one can be tested on its own.
import type { FollowUpService } from '../alerts/service.js';
import type { AuditLog } from '../audit/service.js';
import type { BulkJobs } from '../bulk/jobs.js';
import type { ErrorIntelligence } from '../error-intelligence/service.js';
import type { FailurePush } from '../alerts/failure-push.js';
import type { ActionName, OfferedCard, RenderedCard } from '../cards/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ProvisioningService } from '../provisioning/service.js';
import type { StatsService } from '../stats/service.js';
import type { WeeklyDigest } from '../stats/weekly-digest.js';
import type { Access, OrgScope, OrgService } from '../orgs/service.js';
import type { SpaceLanguages } from '../i18n/space-language.js';
import type { MessageKey } from '../i18n/translate.js';

export interface Actor {
  personId: string;
  email: string;
  displayName?: string;
}

export interface Room {
  id: string;
  type: 'direct' | 'group';
}

export interface OutgoingFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** The domain services handlers work through; they never reach the store or a backend. */
export interface BotServices {
  config: Config;
  provisioning: ProvisioningService;
  followUp: FollowUpService;
  /** `errors on|off`: failing users pushed to the spaces that asked. */
  failures: FailurePush;
  audit: AuditLog;
  stats: StatsService;
  /** `stats weekly on|off`: the weekly summary to the spaces that asked. */
  weeklyStats: WeeklyDigest;
  /** Failures grouped by cause and explained; the org's notes (`explain`). */
  errorIntelligence: ErrorIntelligence;
  /** Durable bulk jobs (retry / remove / consent email for a whole cause). */
  bulk: BulkJobs;
  /** Customer orgs (partner mode): access, scope, bindings, org admins. */
  orgs: OrgService;
  /** Which language each space speaks (`language`), and what it follows when it chose none. */
  languages: SpaceLanguages;
  now: () => Date;
}

/** A message the bot sent, so a follow-up can go in its thread. */
export interface SentReply {
  /** Null when Webex's answer did not say (the follow-up then goes beside it). */
  messageId: string | null;
}

export interface BotContext {
  actor: Actor;
  room: Room;
  /** What this message or click works on: the one org, one customer org, or all (partner-wide). */
  scope: OrgScope;
  /** Which orgs the actor may act on. */
  access: Access;
  services: BotServices;
  log: Logger;
  reply(markdown: string): Promise<void>;
  /**
   * Issues a card id, renders the card with it and sends it; a card with buttons is remembered
   * with exactly the offer its builder stated (the actions it draws, the ids it shows).
   */
  replyCard(render: (cardId: string) => RenderedCard): Promise<SentReply>;
  /**
   * Sends a file (one per message: a Webex rule). With `beside`, in a group space it goes in that
   * message's thread, so a card and its chart stay together; a 1:1 space has no threads to keep.
   */
  replyFile(file: OutgoingFile, markdown: string, options?: { beside?: SentReply }): Promise<void>;
  /** Runs a command as if just typed here by the actor (a late command confirmed from its card). */
  runCommand(text: string): Promise<void>;
  /** The same actor and space working on one customer org (its cards then act on that org only). */
  inOrg(orgId: string, name: string): BotContext;
}

export interface Command {
  name: string;
  /** Usage as shown in help, e.g. "users [all] [error|pending] [enterprise <id>] [find <text>]". */
  usage: string;
  /** What it does, as the help card says it (a catalogue message). */
  description: MessageKey;
  example: string;
  /**
   * Whether these words change something (not just show it). Such a command that arrives late
   * (written while the bot was not listening) is not run blindly: the admin confirms it first.
   */
  changes?(args: string[]): boolean;
  /**
   * Partner mode: "org" needs one customer org (partner-wide, the admin is asked which);
   * "partner" is for the partner's admins only (ADMIN_EMAILS). Unset: works on any scope.
   */
  reach?: 'org' | 'partner';
  /** The current state a late change would act on, in a sentence (shown before confirming). */
  currentState?(ctx: BotContext, args: string[]): Promise<string>;
  run(ctx: BotContext, args: string[]): Promise<void>;
}

/**
 * What a click's handler says when it changed nothing and the same click may do its work if pressed
 * again (Webex was busy, a retry stopped half way): its one-shot claim is released.
 */
export const PRESS_AGAIN = 'press-again';
export type ActionResult = void | typeof PRESS_AGAIN;

/** A checked submission, ready to run; or what is wrong with it (in our words, and for the audit). */
export type PreparedAction =
  | {
      ok: true;
      /** Set for one-shot actions: the target within the card that takes effect once. */
      onceKey?: string;
      /** `card` is the card clicked, its context parsed by its kind's schema. */
      run(ctx: BotContext, card: OfferedCard): Promise<ActionResult>;
    }
  | { ok: false; issues: string[]; message: string };

/** The handler of one action of the card catalogue (see defineAction: typed there, per action). */
export interface CardAction {
  name: ActionName;
  /** Checks a submission (Action.Submit data merged with the card's inputs) against its schema. */
  prepare(inputs: unknown): PreparedAction;
}
