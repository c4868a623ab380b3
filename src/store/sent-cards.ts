// Cards the bot sent and what each offered. A submission is trusted only for what its card
// offered, in the room the card was sent to, while the card is fresh.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { retryTransient } from './transient.js';
import type { PrismaClient, SentCard } from '../generated/prisma/client.js';

export type { SentCard };

/** A new card's id: opaque and unguessable (it is all a click names). */
export const newCardId = (): string => randomBytes(16).toString('base64url');

export interface IssueInput {
  /** From newCardId() when the card is drawn with its id before it is recorded. */
  id?: string;
  roomId: string;
  threadId?: string;
  kind: string;
  actions: string[];
  /** What a click is checked against (stored as JSON). */
  context?: object;
  expiresAt: Date;
  /** The customer org the card is about (partner mode); a click acts on this org only. */
  orgId?: string | null;
}

export function sentCardRepository(prisma: PrismaClient, pool: pg.Pool) {
  return {
    /**
     * Records a card about to be sent; its id goes into the card. Most replies are cards: this and
     * attachMessage are one plain statement each on the pool, outside Prisma's query building.
     * Dates go as UTC ISO text, as Prisma stores them.
     */
    async issue(input: IssueInput): Promise<{ id: string }> {
      const id = input.id ?? newCardId();
      await pool.query(
        `INSERT INTO "SentCard" ("id", "roomId", "threadId", "kind", "actions", "context", "issuedAt", "expiresAt", "orgId")
         VALUES ($1, $2, $3, $4, $5::text[], $6::jsonb, $7::timestamp(3), $8::timestamp(3), $9)`,
        [id, input.roomId, input.threadId ?? null, input.kind, input.actions, JSON.stringify(input.context ?? {}), new Date().toISOString(), input.expiresAt.toISOString(), input.orgId ?? null],
      );
      return { id };
    },

    async attachMessage(id: string, messageId: string): Promise<void> {
      await pool.query('UPDATE "SentCard" SET "messageId" = $1 WHERE "id" = $2', [messageId, id]);
    },

    /**
     * Records a card, sends it (`send` puts the card id in it), then notes the message it became.
     * Both records wait out a short database outage. Once the card is out, failing to note its
     * message only loosens one check (a card without one is matched by id and room): that is
     * reported in `attached`, not thrown, so an answer that arrived is never called a failure.
     */
    async issueAndSend<M extends { id: string }>(input: IssueInput, send: () => Promise<M>): Promise<{ message: M; attached: boolean }> {
      const { id } = await retryTransient(() => this.issue(input));
      const message = await send();
      const attached = await retryTransient(() => this.attachMessage(id, message.id)).then(
        () => true,
        () => false,
      );
      return { message, attached };
    },

    get(id: string): Promise<SentCard | null> {
      return prisma.sentCard.findUnique({ where: { id } });
    },

    async prune(before: Date): Promise<number> {
      return (await prisma.sentCard.deleteMany({ where: { expiresAt: { lt: before } } })).count;
    },
  };
}
export type SentCardRepository = ReturnType<typeof sentCardRepository>;
