// The language each space chose (`language ro|cs|en`); a space without a row follows its org.
import type { PrismaClient, SpaceLanguage } from '../generated/prisma/client.js';

export function spaceLanguageRepository(prisma: PrismaClient) {
  return {
    get(roomId: string): Promise<SpaceLanguage | null> {
      return prisma.spaceLanguage.findUnique({ where: { roomId } });
    },

    async set(roomId: string, language: string, changedBy: string, at: Date): Promise<void> {
      await prisma.spaceLanguage.upsert({
        where: { roomId },
        create: { roomId, language, changedBy, changedAt: at },
        update: { language, changedBy, changedAt: at },
      });
    },

    /** Back to following the org (`language auto`); true if a choice was removed. */
    async clear(roomId: string): Promise<boolean> {
      return (await prisma.spaceLanguage.deleteMany({ where: { roomId } })).count > 0;
    },
  };
}
export type SpaceLanguageRepository = ReturnType<typeof spaceLanguageRepository>;
