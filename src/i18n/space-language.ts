// Which language a space speaks: its own choice (`language ro|cs|en`, stored and audited); else,
// in a 1:1 space, the admin's own preferred language (SCIM); else the org's preferred language
// (identity API); else DEFAULT_LANGUAGE. What Webex says is kept for an hour (per org, per admin)
// and read within a short bound, so a slow or refusing Webex never holds up an answer.
import type { AuditLog } from '../audit/service.js';
import type { Logger } from '../logger.js';
import type { ProvisioningBackend } from '../provisioning/types.js';
import type { SpaceLanguageRepository } from '../store/space-languages.js';
import { isLanguage, languageOf, type Language } from './languages.js';
import type { Speech } from './translate.js';

export type LanguageSource = 'space' | 'admin' | 'org' | 'default';

/** How long a space's choice read from the store stands on this instance. */
const CHOICE_STANDS_MS = 5_000;

export interface SpaceLanguage {
  speech: Speech;
  source: LanguageSource;
}

export interface SpaceLanguageDeps {
  spaces: SpaceLanguageRepository;
  audit: AuditLog;
  defaultLanguage: Speech;
  /** The backend of a customer org (partner mode), or of the one org (undefined). */
  backendOf(orgId: string | undefined): Pick<ProvisioningBackend, 'getOrgLanguage' | 'getPersonLanguage'>;
  /** Partner mode: the customer org a space is bound to (its org's language applies); else none. */
  orgOfRoom?: (roomId: string) => Promise<string | null>;
  now?: () => Date;
  logger?: Logger;
  /**
   * What kind of space a room is, and in a 1:1 space who the person is (for posts the bot makes on
   * its own, where no message says so). Default: every room is taken as a group space.
   */
  describeRoom?: (roomId: string) => Promise<{ type: 'direct' | 'group'; personId?: string }>;
  /** How long what Webex said stands (default an hour), and how long to wait for it (default 2 s). */
  keepMs?: number;
  waitMs?: number;
}

export function spaceLanguages(deps: SpaceLanguageDeps) {
  const keepMs = deps.keepMs ?? 3_600_000;
  const waitMs = deps.waitMs ?? 2_000;
  const known = new Map<string, { language: Language | null; at: number }>();
  const asking = new Map<string, Promise<Language | null>>();
  const rooms = new Map<string, { room: { type: 'direct' | 'group'; personId?: string }; at: number }>();
  /**
   * Each space's own choice, read from the store at most every few seconds: every message asks,
   * and a choice made on another instance is seen here that much later (on this one, at once).
   */
  const choices = new Map<string, { language: Language | null; at: number }>();
  async function chosenOf(roomId: string): Promise<Language | null> {
    const hit = choices.get(roomId);
    if (hit && Date.now() - hit.at < CHOICE_STANDS_MS) return hit.language;
    const row = await deps.spaces.get(roomId);
    const language = row && isLanguage(row.language) ? row.language : null;
    choices.set(roomId, { language, at: Date.now() });
    return language;
  }
  /** The org a space is bound to (partner mode), read as seldom as its choice. */
  const bound = new Map<string, { orgId: string | undefined; at: number }>();
  async function orgOf(roomId: string): Promise<string | undefined> {
    if (!deps.orgOfRoom) return undefined;
    const hit = bound.get(roomId);
    if (hit && Date.now() - hit.at < CHOICE_STANDS_MS) return hit.orgId;
    const orgId = (await deps.orgOfRoom(roomId)) ?? undefined;
    bound.set(roomId, { orgId, at: Date.now() });
    return orgId;
  }

  /** A room's kind and person, read once an hour; a group space when Webex cannot say in time. */
  async function describe(roomId: string): Promise<{ type: 'direct' | 'group'; personId?: string }> {
    const hit = rooms.get(roomId);
    if (hit && Date.now() - hit.at < keepMs) return hit.room;
    if (!deps.describeRoom) return { type: 'group' };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    try {
      const room = await Promise.race([deps.describeRoom(roomId).catch(() => null), late]);
      if (!room) return { type: 'group' };
      rooms.set(roomId, { room, at: Date.now() });
      return room;
    } finally {
      clearTimeout(timer);
    }
  }

  /** What Webex says for `key`, from the last hour's answer or asked now (bounded; null: nothing usable). */
  async function remote(key: string, read: () => Promise<string | null>): Promise<Language | null> {
    const hit = known.get(key);
    if (hit && Date.now() - hit.at < keepMs) return hit.language;
    let pending = asking.get(key);
    if (!pending) {
      pending = read()
        .then((tag) => languageOf(tag))
        .catch((err: Error) => {
          deps.logger?.warn({ err: err.message, key }, 'could not read a preferred language from Webex');
          return null;
        })
        .then((language) => {
          known.set(key, { language, at: Date.now() });
          return language;
        })
        .finally(() => asking.delete(key));
      asking.set(key, pending);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  const service = {
    async of(room: { id: string; type: 'direct' | 'group' }, personId: string | undefined): Promise<SpaceLanguage> {
      const chosen = await chosenOf(room.id);
      if (chosen) return { speech: chosen, source: 'space' };
      // The pseudo-language is a check that nothing is left in English: it wins over Webex's say.
      if (deps.defaultLanguage === 'pseudo') return { speech: 'pseudo', source: 'default' };
      const orgId = await orgOf(room.id);
      const backend = deps.backendOf(orgId);
      if (room.type === 'direct' && personId) {
        const own = await remote(`person:${orgId ?? ''}:${personId}`, () => backend.getPersonLanguage(personId));
        if (own) return { speech: own, source: 'admin' };
      }
      const ofOrg = await remote(`org:${orgId ?? ''}`, () => backend.getOrgLanguage());
      if (ofOrg) return { speech: ofOrg, source: 'org' };
      return { speech: deps.defaultLanguage, source: 'default' };
    },

    /** A space the bot posts to on its own (an alert, a summary): as `of`, the room described by Webex. */
    async ofRoom(roomId: string): Promise<SpaceLanguage> {
      const chosen = await chosenOf(roomId);
      if (chosen) return { speech: chosen, source: 'space' };
      const room = await describe(roomId);
      return service.of({ id: roomId, type: room.type }, room.personId);
    },

    /** The space's own choice (stored, audited). */
    async choose(roomId: string, language: Language, actor: string, orgId?: string | null): Promise<void> {
      await deps.spaces.set(roomId, language, actor, deps.now?.() ?? new Date());
      choices.set(roomId, { language, at: Date.now() });
      await deps.audit.recordDone({ actor, action: 'language.set', roomId, target: roomId, orgId, result: 'ok', detail: { language } });
    },

    /** The space was bound to another org (`org use`, `org all`): its language is read again. */
    orgChanged(roomId: string): void {
      bound.delete(roomId);
    },

    /** Back to following the admin, the org and DEFAULT_LANGUAGE (audited). */
    async follow(roomId: string, actor: string, orgId?: string | null): Promise<void> {
      await deps.spaces.clear(roomId);
      choices.set(roomId, { language: null, at: Date.now() });
      await deps.audit.recordDone({ actor, action: 'language.auto', roomId, target: roomId, orgId, result: 'ok' });
    },
  };
  return service;
}
export type SpaceLanguages = ReturnType<typeof spaceLanguages>;
