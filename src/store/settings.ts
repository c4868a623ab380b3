// Org setting values as last seen or set, and the history of every change we made or observed.
import type { OrgSetting, OrgSettingChange, PrismaClient } from '../generated/prisma/client.js';

export type { OrgSetting, OrgSettingChange };

export function settingRepository(prisma: PrismaClient) {
  return {
    get(orgId: string, key: string): Promise<OrgSetting | null> {
      return prisma.orgSetting.findUnique({ where: { orgId_key: { orgId, key } } });
    },

    /** Stores the value; a change (not a repeat of the same value) is added to the history. */
    async record(orgId: string, key: string, value: string, changedBy: string): Promise<{ changed: boolean; oldValue: string | null }> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.orgSetting.findUnique({ where: { orgId_key: { orgId, key } } });
        const oldValue = current?.value ?? null;
        await tx.orgSetting.upsert({
          where: { orgId_key: { orgId, key } },
          create: { orgId, key, value, updatedBy: changedBy },
          update: { value, updatedBy: changedBy },
        });
        const changed = oldValue !== value;
        if (changed) await tx.orgSettingChange.create({ data: { orgId, key, oldValue, newValue: value, changedBy } });
        return { changed, oldValue };
      });
    },

    history(orgId: string, key: string, take = 20): Promise<OrgSettingChange[]> {
      return prisma.orgSettingChange.findMany({ where: { orgId, key }, orderBy: { changedAt: 'desc' }, take });
    },
  };
}
export type SettingRepository = ReturnType<typeof settingRepository>;
