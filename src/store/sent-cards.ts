// Cards the bot sent and what each offered. A submission is trusted only for what its card
// offered, in the room the card was sent to, while the card is fresh.
import { randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient, SentCard } from '../generated/prisma/client.js';

export type { SentCard };

export interface IssueInput {
  roomId: string;
  threadId?: string;
  kind: string;
  actions: string[];
  context?: Prisma.InputJsonValue;
  issuedTo: string;
  expiresAt: Date;
}

export function sentCardRepository(prisma: PrismaClient) {
  return {
    issue(input: IssueInput): Promise<SentCard> {
      return prisma.sentCard.create({ data: { id: randomBytes(16).toString('base64url'), ...input, context: input.context ?? {} } });
    },

    async attachMessage(id: string, messageId: string): Promise<void> {
      await prisma.sentCard.update({ where: { id }, data: { messageId } });
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
