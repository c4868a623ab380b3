// The audit log: every change the bot makes, and every refusal, with who, what, when, result.
import type { AuditEntry, Prisma, PrismaClient } from '../generated/prisma/client.js';

export type { AuditEntry };
export type AuditResult = 'ok' | 'error' | 'refused';

export interface AuditInput {
  actor: string;
  action: string;
  result: AuditResult;
  roomId?: string;
  target?: string;
  detail?: Prisma.InputJsonValue;
  at?: Date;
  /** The customer org the change was made in. */
  orgId?: string | null;
}

export function auditRepository(prisma: PrismaClient) {
  return {
    async record(entry: AuditInput): Promise<AuditEntry> {
      return prisma.auditEntry.create({ data: entry });
    },

    /** `orgIds`: only what was done in these orgs (a customer's admin sees their org's only). */
    latest(take = 20, filter: { actor?: string; action?: string; orgIds?: readonly string[] } = {}): Promise<AuditEntry[]> {
      return prisma.auditEntry.findMany({
        where: {
          ...(filter.actor ? { actor: filter.actor } : {}),
          ...(filter.action ? { action: filter.action } : {}),
          ...(filter.orgIds ? { orgId: { in: [...filter.orgIds] } } : {}),
        },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take,
      });
    },

    count(filter: { action?: string; result?: AuditResult } = {}): Promise<number> {
      return prisma.auditEntry.count({ where: filter });
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
