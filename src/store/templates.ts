// Customer templates and their User Authentication settings.
import type { CustomerTemplate, PrismaClient } from '../generated/prisma/client.js';

export type { CustomerTemplate };
export type TemplateInput = Omit<CustomerTemplate, 'syncedAt'>;

export function templateRepository(prisma: PrismaClient) {
  return {
    async replaceAll(rows: TemplateInput[]): Promise<void> {
      await prisma.$transaction([
        prisma.customerTemplate.deleteMany({ where: { provisioningId: { notIn: rows.map((r) => r.provisioningId) } } }),
        ...rows.map((row) =>
          prisma.customerTemplate.upsert({ where: { provisioningId: row.provisioningId }, create: row, update: row }),
        ),
      ]);
    },

    list(): Promise<CustomerTemplate[]> {
      return prisma.customerTemplate.findMany({ orderBy: { name: 'asc' } });
    },

    get(provisioningId: string): Promise<CustomerTemplate | null> {
      return prisma.customerTemplate.findUnique({ where: { provisioningId } });
    },
  };
}
export type TemplateRepository = ReturnType<typeof templateRepository>;
