// POST <webhook path>: the only door for Webex events. Unsigned or badly signed requests are
// refused before anything is parsed; each event (resource + data id) is claimed once in the
// store, so a redelivery, or the same event at two instances, is handled once.
import express, { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { EventRepository } from '../store/events.js';
import { hasValidSignature } from './webhook-signature.js';

const envelope = z.looseObject({
  id: z.string(),
  name: z.string(),
  resource: z.string(),
  event: z.string(),
  data: z.looseObject({ id: z.string().min(1).max(512) }),
});

export interface WebhookRouteDeps {
  path: string;
  secret: string;
  events: EventRepository;
  instanceId: string;
  logger: Logger;
  /** Processes a verified, first-seen event (after the 200 has been sent). */
  dispatch(body: unknown): Promise<void>;
  /** Observers for metrics and tests. */
  onOutcome?: (outcome: 'accepted' | 'duplicate' | 'bad_signature' | 'malformed', resource?: string) => void;
}

export function webhookRouter(deps: WebhookRouteDeps): Router {
  const router = Router();
  router.post(deps.path, express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!hasValidSignature(raw, req.get('x-spark-signature'), deps.secret)) {
      deps.onOutcome?.('bad_signature');
      req.log.warn('webhook refused: missing or bad signature');
      res.status(401).json({ error: 'bad_signature' });
      return;
    }
    let parsed: z.infer<typeof envelope>;
    try {
      parsed = envelope.parse(JSON.parse(raw.toString('utf8')));
    } catch {
      deps.onOutcome?.('malformed');
      res.status(400).json({ error: 'malformed_event' });
      return;
    }
    const key = `${parsed.resource}:${parsed.event}:${parsed.data.id}`;
    if (!(await deps.events.claim(key, parsed.resource, deps.instanceId))) {
      deps.onOutcome?.('duplicate', parsed.resource);
      req.log.info({ key }, 'duplicate webhook event ignored');
      res.status(200).json({ status: 'duplicate' });
      return;
    }
    deps.onOutcome?.('accepted', parsed.resource);
    res.status(200).json({ status: 'accepted' });
    deps.dispatch(parsed).catch((err: Error) => deps.logger.error({ err: err.message, key }, 'webhook processing failed'));
  });
  return router;
}
