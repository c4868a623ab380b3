// Admins' own explanations of error codes, per org (`explain <code> <text>`).
import type { ErrorNote, PrismaClient } from '../generated/prisma/client.js';

export type { ErrorNote };

export function errorNoteRepository(prisma: PrismaClient) {
  return {
    /** Every note of the org, by code (upper-case). */
    async all(orgId: string): Promise<Map<string, ErrorNote>> {
      const rows = await prisma.errorNote.findMany({ where: { orgId } });
      return new Map(rows.map((r) => [r.code, r]));
    },

    get: (orgId: string, code: string): Promise<ErrorNote | null> => prisma.errorNote.findUnique({ where: { orgId_code: { orgId, code } } }),

    set(orgId: string, code: string, text: string, writtenBy: string, at = new Date()): Promise<ErrorNote> {
      return prisma.errorNote.upsert({
        where: { orgId_code: { orgId, code } },
        create: { orgId, code, text, writtenBy, writtenAt: at },
        update: { text, writtenBy, writtenAt: at },
      });
    },

    /** True if there was a note to remove. */
    async remove(orgId: string, code: string): Promise<boolean> {
      return (await prisma.errorNote.deleteMany({ where: { orgId, code } })).count > 0;
    },
  };
}
export type ErrorNoteRepository = ReturnType<typeof errorNoteRepository>;
