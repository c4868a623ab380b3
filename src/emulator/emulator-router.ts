// The local emulator (local mode only): a page that works like a Webex space, backed by the
// in-process fake Webex. Typing sends a message as the chosen person, a card click becomes an
// attachment action — both through the fake, so the real bot gets real signed webhooks.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import type { LocalWebex } from './local-webex.js';
import { createMessageStream } from './message-stream.js';
import { FILES_PATH, INLINE_IMAGE_TYPES, toMessageView } from './message-view.js';
import { sameOriginOnly, servedHostOnly } from './request-guards.js';

export interface EmulatorOptions {
  local: LocalWebex;
  logger: Logger;
  /** Runs the inactive-user follow-up now; the page shows its button only when given. */
  runFollowUp?: () => Promise<void>;
  /** Makes a user fail in the simulated Webex, as if outside the bot; returns its user id or null. */
  failUser?: () => Promise<string | null>;
  /** Host header values the page answers to (see servedHosts): anything else is refused. */
  servedHosts: readonly string[];
  /** Partner mode: the customer orgs, for the page's org switch (it sends `org use …` to the bot). */
  orgs?: () => Promise<{ id: string; name: string }[]>;
}

export interface Emulator {
  router: Router;
  close(): void;
}

type Persona = 'admin' | 'member';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const ADAPTIVE_CARDS_JS = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');

// Everything is served from here: no CDN, no inline script, no image from elsewhere (a card's
// external image shows as broken rather than telling another site the page is open), nothing the
// page may send elsewhere.
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

class BadRequest extends Error {}

export function createEmulatorRouter(options: EmulatorOptions): Emulator {
  const { local, logger, runFollowUp, failUser, servedHosts, orgs } = options;
  const { fake } = local;
  const people = { admin: local.admin, member: local.member } as const;
  const spaces = [local.directRoom, local.groupRoom];
  const stream = createMessageStream(fake, spaces.map((s) => s.id));
  const router = Router();
  const api = Router();

  const personaOf = (value: unknown): Persona => {
    if (value === 'admin' || value === 'member') return value;
    throw new BadRequest('"as" must be "admin" or "member".');
  };
  const spaceOf = (roomId: unknown) => {
    const space = spaces.find((s) => s.id === roomId);
    if (!space) throw new BadRequest('Unknown space.');
    return space;
  };
  /** Runs a handler; misuse (and the fake's refusals, e.g. a person not in a space) answers 400. */
  const handle = (fn: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (err) {
      const message = err instanceof Error ? err.message.replace(/^fake-webex: /, '') : String(err);
      if (!(err instanceof BadRequest)) logger.warn({ err: message }, 'emulator request refused');
      if (!res.headersSent) res.status(400).json({ error: 'bad_request', message });
    }
  };

  const hostCheck = servedHostOnly(servedHosts);
  router.get('/', hostCheck, (_req, res) => {
    res.set(PAGE_HEADERS).sendFile('index.html', { root: PUBLIC_DIR });
  });
  router.use('/emulator', hostCheck);
  router.get('/emulator/vendor/adaptivecards.min.js', (_req, res) => {
    res.set(PAGE_HEADERS).sendFile(ADAPTIVE_CARDS_JS);
  });
  router.use('/emulator/assets', express.static(PUBLIC_DIR, { index: false, setHeaders: (res) => res.set(PAGE_HEADERS) }));
  router.use('/emulator/api', api);
  api.use(sameOriginOnly);

  api.use(express.json({ limit: '64kb' }));
  api.get('/session', (_req, res) => {
    const bot = fake.state.people.get(fake.state.botId)!;
    const roleOf = (p: Persona) => (p === 'admin' ? 'admin of the bot' : 'not an admin');
    res.json({
      bot: { name: bot.displayName },
      people: (Object.keys(people) as Persona[]).map((p) => ({ as: p, id: people[p].id, name: people[p].displayName, email: people[p].emails[0], role: roleOf(p) })),
      spaces: spaces.map((s) => ({ id: s.id, title: s.type === 'direct' ? bot.displayName : s.title, type: s.type })),
      followUp: Boolean(runFollowUp),
      failUser: Boolean(failUser),
      orgs: Boolean(orgs),
    });
  });
  if (orgs) {
    api.get(
      '/orgs',
      handle(async (_req, res) => {
        res.json({ orgs: await orgs() });
      }),
    );
  }
  api.get('/events', stream.handler);
  api.get(
    '/spaces/:roomId/messages',
    handle((req, res) => {
      const space = spaceOf(req.params.roomId);
      const messages = [...fake.state.messages.values()].filter((m) => m.roomId === space.id);
      messages.sort((a, b) => a.created.getTime() - b.created.getTime());
      res.json({ items: messages.map((m) => toMessageView(fake, m)) });
    }),
  );
  api.post(
    '/spaces/:roomId/messages',
    handle(async (req, res) => {
      const space = spaceOf(req.params.roomId);
      const person = people[personaOf(req.body?.as)];
      const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
      if (!text) throw new BadRequest('Type a message first.');
      // In a group space the fake @mentions the bot, as a Webex client does (bots hear nothing else).
      const { message } = await fake.simulateMessage({ roomId: space.id, personId: person.id, text });
      res.status(201).json({ id: message.id });
    }),
  );
  api.post(
    '/card-actions',
    handle(async (req, res) => {
      const person = people[personaOf(req.body?.as)];
      const messageId = req.body?.messageId;
      const message = typeof messageId === 'string' ? fake.state.messages.get(messageId) : undefined;
      if (!message || !spaces.some((s) => s.id === message.roomId)) throw new BadRequest('Unknown message.');
      const inputs: unknown = req.body?.inputs;
      if (!inputs || typeof inputs !== 'object' || Array.isArray(inputs)) throw new BadRequest('"inputs" must be an object.');
      // `inputs` is the Submit data merged with the card's input values, as Webex clients send it.
      const { action } = await fake.simulateCardAction({ messageId: message.id, personId: person.id, inputs: inputs as Record<string, unknown> });
      res.status(201).json({ id: action.id });
    }),
  );
  api.get(`${FILES_PATH.slice('/emulator/api'.length)}/:contentId`, (req, res) => {
    const file = fake.state.files.get(req.params.contentId);
    if (!file || !spaces.some((s) => s.id === file.roomId)) {
      res.status(404).json({ error: 'not_found', message: 'No such file.' });
      return;
    }
    res.set({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    // A picture may be shown in the page (an <img> from this same server); anything else downloads.
    if (req.query.inline === '1' && INLINE_IMAGE_TYPES.has(file.contentType)) {
      res.set('content-disposition', 'inline').type(file.contentType).send(file.bytes);
      return;
    }
    res.attachment(file.filename).type(file.contentType).send(file.bytes);
  });
  if (runFollowUp) {
    api.post(
      '/follow-up',
      async (_req, res) => {
        try {
          await runFollowUp();
          res.status(204).end();
        } catch (err) {
          logger.error({ err: err instanceof Error ? err.message : String(err) }, 'follow-up run failed');
          res.status(500).json({ error: 'follow_up_failed', message: 'The follow-up run failed: see the log.' });
        }
      },
    );
  }

  if (failUser) {
    api.post('/fail-user', async (_req, res) => {
      try {
        const userId = await failUser();
        res.status(200).json({ userId });
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, 'could not make a user fail');
        res.status(500).json({ error: 'fail_user_failed', message: 'Could not change the simulated Webex: see the log.' });
      }
    });
  }

  return { router, close: () => stream.close() };
}
