// Routes a message to its command and a card submission to its action, after checking who acted.
// Every refusal is answered and audited; every failure is answered in plain words, never with a
// stack trace, and a failed one-shot action can be tried again.
import type { Logger } from '../logger.js';
import { currentLanguage, t, withLanguage, type Speech } from '../i18n/translate.js';
import { describeFailure, failureDetail } from '../provisioning/errors.js';
import { AppError, isAppError } from '../errors.js';
import { commandName } from './command-aliases.js';
import { commandWords } from './command-text.js';
import { escapeMarkdown, lateBy, readOffer, renderLateCommand, withOrgHeader } from '../cards/index.js';
import type { Store } from '../store/index.js';
import { newCardId } from '../store/sent-cards.js';
import type { Sender } from './sender.js';
import { mayActOn, orgOfScope, type Access, type OrgScope } from '../orgs/service.js';
import { PRESS_AGAIN, type ActionResult, type Actor, type BotContext, type BotServices, type CardAction, type Command, type Room } from './types.js';

const DEFAULT_CARD_TTL_MS = 7 * 86_400_000;

export interface MessageEvent {
  messageId: string;
  room: Room;
  actor: Actor;
  text: string;
  /** When Webex took the message: one answered much later (after a gap) is a late command. */
  created?: Date;
}

/** A command this much older than its handling was written while the bot was not listening. */
export const LATE_AFTER_MS = 60_000;

export interface ActionEvent {
  actionId: string;
  messageId: string;
  room: Room;
  actor: Actor;
  inputs: Record<string, unknown>;
}

export interface DispatcherDeps {
  services: BotServices;
  /** Sent cards, one-shot claims and refusals are the dispatcher's own records. */
  store: Store;
  commands: Command[];
  actions: CardAction[];
  sender: Sender;
  logger: Logger;
  /** The bot's own names, stripped from the start of group-space messages. */
  botNames: () => string[];
  /** The reply for unknown input. */
  shortHelp: () => string;
}

export function createDispatcher(deps: DispatcherDeps) {
  const { services, store, sender, logger } = deps;
  const commands = new Map(deps.commands.map((c) => [c.name, c]));
  const actions = new Map<string, CardAction>(deps.actions.map((a) => [a.name, a]));
  const orgs = services.orgs;
  /** Before access is known: nobody's, and the one org / partner-wide. */
  const NO_ACCESS: Access = { kind: 'none' };

  function context(room: Room, actor: Actor, log: Logger, parentId?: string, scope: OrgScope = orgs.defaultScope(), access: Access = NO_ACCESS): BotContext {
    // Answers to a card click in a group space go in the card's thread (Webex threads are one
    // level deep, so the parent is the thread's first message, never a reply).
    const thread = room.type === 'group' ? parentId : undefined;
    const ctx: BotContext = {
      actor,
      room,
      scope,
      access,
      // An org's answers and changes go through that org's service: its lists, its settings.
      services: { ...services, provisioning: orgs.serviceOf(scope), followUp: orgs.followUpOf(scope) ?? services.followUp },
      log,
      async reply(markdown) {
        await delivered(sender.markdown(room.id, markdown, thread));
      },
      async replyCard(render) {
        const cardId = newCardId();
        const rendered = render(cardId);
        const { card, fallbackText, offer } = orgs.partner ? withOrgHeader(rendered, scope.kind === 'org' ? { kind: 'org', name: scope.name } : { kind: 'partner' }) : rendered;
        const send = () => delivered(sender.card(room.id, card, fallbackText, thread));
        if (offer.actions.length === 0) {
          // Nothing to click: no record to keep (a forged submission naming it is refused anyway).
          return { messageId: (await send()).id ?? null };
        }
        const input = {
          id: cardId,
          roomId: room.id,
          threadId: thread,
          kind: offer.kind,
          actions: offer.actions,
          context: offer.context,
          orgId: orgOfScope(scope),
          expiresAt: new Date(services.now().getTime() + DEFAULT_CARD_TTL_MS),
        };
        const { message, attached } = await store.sentCards.issueAndSend(input, send);
        if (!attached) log.warn({ kind: offer.kind }, 'card sent; its message id could not be recorded');
        return { messageId: message.id ?? null };
      },
      async replyFile(file, markdown, options) {
        // In a thread already (a click's answer): stay there. Else beside a message: its thread.
        const besideThread = room.type === 'group' ? (options?.beside?.messageId ?? undefined) : undefined;
        await delivered(sender.file(room.id, file, markdown, thread ?? besideThread));
      },
      inOrg(orgId, name) {
        return context(room, actor, log, parentId, { kind: 'org', orgId, name }, access);
      },
      async runCommand(text) {
        const words = commandWords(text, []);
        const command = commands.get(commandName(words[0] ?? ''));
        if (!command) return ctx.reply(deps.shortHelp());
        await command.run(ctx, words.slice(1));
      },
    };
    return ctx;
  }

  /** A send Webex refused becomes reply_not_delivered: the work before it may have been done. */
  async function delivered<T>(send: Promise<T>): Promise<T> {
    try {
      return await send;
    } catch (err) {
      throw new AppError('reply_not_delivered', 'Webex did not post my answer.', { cause: failureDetail(err) });
    }
  }

  async function refuse(ctx: BotContext, action: string, reason: string, answer: string, detail: Record<string, string | string[]> = {}) {
    await store.audit.record({ actor: ctx.actor.email, roomId: ctx.room.id, action, orgId: orgOfScope(ctx.scope), result: 'refused', detail: { reason, ...detail } });
    await ctx.reply(answer);
  }

  /** Partner-wide, an org-level command asks which org (with the first few by name). */
  async function whichOrg(name: string): Promise<string> {
    const some = (await services.orgs.firstNames(5)).map((n) => `**${escapeMarkdown(n, 80)}**`);
    return some.length ? t('reply.whichOrgExamples', { name, examples: some.join(', ') }) : t('reply.whichOrg', { name });
  }

  async function safely(ctx: BotContext, what: string, run: () => Promise<void>) {
    try {
      await run();
    } catch (err) {
      ctx.log.error({ err: failureDetail(err), what }, 'handler failed');
      // A change Webex made must not be reported as failed (nor invite a second try), and an answer
      // Webex would not post may have followed one: say what is known, not "nothing changed".
      const answer = isAppError(err, 'applied_not_recorded')
        ? escapeMarkdown(describeFailure(err))
        : isAppError(err, 'reply_not_delivered')
          ? t('reply.notPosted')
          : t('reply.failed', { why: escapeMarkdown(describeFailure(err)) });
      await ctx.reply(answer).catch((e: Error) =>
        ctx.log.error({ err: e.message }, 'could not tell the admin'),
      );
    }
  }

  /** The space's language (its choice, its admin's or org's, DEFAULT_LANGUAGE); the default if the store cannot say. */
  async function speechOf(room: Room, actor: Actor): Promise<Speech> {
    try {
      return (await services.languages.of(room, actor.personId)).speech;
    } catch (err) {
      logger.warn({ err: failureDetail(err), roomId: room.id }, 'could not tell which language this space speaks');
      return currentLanguage();
    }
  }

  return {
    /** Everything said back, however deep, in the space's language. */
    async handleMessage(ev: MessageEvent): Promise<void> {
      const speech = await speechOf(ev.room, ev.actor);
      return withLanguage(speech, () => handleMessage(ev));
    },

    async handleAction(ev: ActionEvent): Promise<void> {
      const speech = await speechOf(ev.room, ev.actor);
      return withLanguage(speech, () => handleAction(ev));
    },
  };

  async function handleMessage(ev: MessageEvent): Promise<void> {
    const log = logger.child({ messageId: ev.messageId, roomId: ev.room.id, actor: ev.actor.email });
    const words = commandWords(ev.text, deps.botNames());
    const name = commandName(words[0] ?? '');
    let ctx = context(ev.room, ev.actor, log);
    await safely(ctx, `command ${name}`, async () => {
      const access = await orgs.access(ev.actor.email);
      if (access.kind === 'none') {
        await refuse(ctx, `command.${name || 'empty'}`, 'not an admin', t('reply.notAdmin'));
        return;
      }
      const command = commands.get(name);
      const resolved = await orgs.scopeFor(ev.room.id, access);
      // `org` and `help` work before a scope is settled: `org use` is how one is chosen.
      const free = name === 'org' || name === 'help';
      if (!resolved.ok && !(free && access.kind === 'orgs' && resolved.reason !== 'outside their org')) {
        await refuse(ctx, `command.${name || 'empty'}`, resolved.ok ? '' : resolved.reason, resolved.ok ? '' : resolved.answer);
        return;
      }
      ctx = context(ev.room, ev.actor, log, undefined, resolved.ok ? resolved.scope : { kind: 'partner' }, access);
      if (!command) {
        await ctx.reply(deps.shortHelp());
        return;
      }
      if (orgs.partner && command.reach === 'partner' && access.kind !== 'all') {
        await refuse(ctx, `command.${name}`, 'partner admins only', t('reply.partnerOnly', { name }));
        return;
      }
      if (command.reach === 'org' && ctx.scope.kind === 'partner') {
        await ctx.reply(await whichOrg(name));
        return;
      }
      const args = words.slice(1);
      const late = ev.created ? services.now().getTime() - ev.created.getTime() : 0;
      if (late > LATE_AFTER_MS && command.changes?.(args)) {
        // Written while we were not listening: what it would change may have moved on since.
        log.info({ command: name, lateMs: late }, 'late command: asking first');
        const state = (await command.currentState?.(ctx, args).catch(() => '')) ?? '';
        const text = words.join(' ');
        const askedAt = ev.created!;
        await ctx.replyCard((cardId) => renderLateCommand({ cardId, text, askedAt, ago: lateBy(late), state }));
        return;
      }
      log.info({ command: name }, 'command');
      await command.run(ctx, args);
    });
  }

  async function handleAction(ev: ActionEvent): Promise<void> {
    const log = logger.child({ actionId: ev.actionId, roomId: ev.room.id, actor: ev.actor.email });
    const name = typeof ev.inputs.action === 'string' ? ev.inputs.action : '';
    const cardId = typeof ev.inputs.cardId === 'string' ? ev.inputs.cardId.slice(0, 128) : '';
    let lookupError: unknown;
    const card = cardId ? await store.sentCards.get(cardId).catch((err: unknown) => ((lookupError = err), null)) : null;
    const inThisRoom = card?.roomId === ev.room.id ? card : null;
    let ctx = context(ev.room, ev.actor, log, inThisRoom?.threadId ?? ev.messageId);
    await safely(ctx, `action ${name}`, async () => {
      if (lookupError) throw lookupError; // e.g. the database is restarting: say so, change nothing
      const action = actions.get(name);
      if (!action || !cardId) {
        await refuse(ctx, `action.${name.slice(0, 40) || 'unknown'}`, 'unknown action', t('reply.unknownButton'));
        return;
      }
      const access = await orgs.access(ev.actor.email);
      if (access.kind === 'none') {
        await refuse(ctx, `action.${name}`, 'not an admin', t('reply.notAdminButtons', { name: escapeMarkdown(ev.actor.displayName ?? ev.actor.email) }));
        return;
      }
      const forged = !card || card.roomId !== ev.room.id || (card.messageId !== null && card.messageId !== ev.messageId) || !card.actions.includes(name);
      if (forged) {
        await refuse(ctx, `action.${name}`, 'forged submission', t('reply.forged'), { cardId });
        return;
      }
      // A card acts on its own org only, whoever clicks: checked against the card's record.
      if (orgs.partner && access.kind !== 'all' && !(card.orgId && mayActOn(access, card.orgId))) {
        await store.audit.record({ actor: ev.actor.email, roomId: ev.room.id, action: `action.${name}`, orgId: card.orgId, result: 'refused', detail: { reason: 'outside their org', cardId } });
        const who = escapeMarkdown(ev.actor.displayName ?? ev.actor.email);
        await ctx.reply(card.orgId ? t('reply.otherOrg', { name: who, org: escapeMarkdown(await orgs.orgName(card.orgId)) }) : t('reply.otherOrgAll', { name: who }));
        return;
      }
      ctx = context(ev.room, ev.actor, log, inThisRoom?.threadId ?? ev.messageId, await orgs.scopeOfCard(card.orgId), access);
      if (card.expiresAt.getTime() <= services.now().getTime()) {
        await refuse(ctx, `action.${name}`, 'stale card', t('reply.stale'), { cardId });
        return;
      }
      const offered = readOffer(card);
      if (!offered) {
        // A record this version cannot read (e.g. written by an older one): never guessed at.
        await refuse(ctx, `action.${name}`, 'stale card', t('reply.stale'), { cardId, kind: card.kind });
        return;
      }
      const parsed = action.prepare(ev.inputs);
      if (!parsed.ok) {
        await refuse(ctx, `action.${name}`, 'invalid input', t('reply.invalid', { problem: escapeMarkdown(parsed.message) }), { problems: parsed.message, issues: parsed.issues });
        return;
      }
      const onceKey = parsed.onceKey === undefined ? undefined : `card:${cardId}:${name}:${parsed.onceKey}`;
      if (onceKey && !(await store.events.claim(onceKey, 'card-action', ev.actionId))) {
        await ctx.reply(t('reply.alreadyDone'));
        return;
      }
      log.info({ action: name }, 'card action');
      let result: ActionResult;
      try {
        result = await parsed.run(ctx, offered);
      } catch (err) {
        // A failed handler changed nothing it could not undo, so the click may be tried again;
        // an answer Webex refused to post may follow a change that was made: keep the claim.
        if (onceKey && !isAppError(err, 'reply_not_delivered')) await store.events.release(onceKey);
        throw err;
      }
      if (onceKey && result === PRESS_AGAIN) await store.events.release(onceKey);
    });
  }
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
