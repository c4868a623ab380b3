// A simulated activation history and the mirror as it stood at any moment of it: for the daily
// history's replay test, the snapshot job's and the stats report's suites.
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { addDays } from '../../src/store/daily-stats.js';

const DAY = 86_400_000;
export const START = '2026-01-01';
export const DAYS = 30;
const STATUSES = ['provisioned', 'error', 'provisioning', 'pending_email_validation'] as const;
export const endOf = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY - 1);

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface SimSubscriber {
  id: string;
  enterprise: string;
  created: Date;
  /** The one status change the history has, if any (the mirror keeps only the last one). */
  change?: { at: Date; status: (typeof STATUSES)[number] };
}
interface SimPerson {
  id: string;
  created: Date;
  pending: boolean;
}
interface SimReminder {
  personId: string;
  at: Date;
  outcome: 'sent' | 'suppressed' | 'error';
}

/** A history that starts before the first replayed day (so the first day folds in the past). */
export function simulatedHistory(seed: number, subscribers = 160, people = 80) {
  const r = random(seed);
  const first = Date.parse(`${addDays(START, -5)}T00:00:00Z`);
  const span = (DAYS + 5) * DAY;
  const subs: SimSubscriber[] = Array.from({ length: subscribers }, (_, i) => {
    const created = new Date(first + Math.floor(r() * span));
    const change = r() < 0.75 ? { at: new Date(created.getTime() + Math.floor(r() * 12 * DAY)), status: STATUSES[Math.floor(r() * STATUSES.length)]! } : undefined;
    return { id: `sub-${i}`, enterprise: ['SP1+acme', 'SP1+globex', 'SP2+initech'][i % 3]!, created, change };
  });
  const ppl: SimPerson[] = Array.from({ length: people }, (_, i) => ({ id: `p-${i}`, created: new Date(first + Math.floor(r() * span)), pending: r() < 0.4 }));
  const reminders: SimReminder[] = Array.from({ length: ppl.length ? 60 : 0 }, () => {
    const p = ppl[Math.floor(r() * ppl.length)]!;
    return { personId: p.id, at: new Date(p.created.getTime() + Math.floor(r() * 5 * DAY)), outcome: (['sent', 'suppressed', 'error'] as const)[Math.floor(r() * 3)]! };
  });
  return { subs, people: ppl, reminders };
}

/** Makes the mirror what it was at `when`: the history's rows as of then, and nothing else. */
export async function mirrorAsOf(prisma: PrismaClient, h: ReturnType<typeof simulatedHistory>, when: Date): Promise<void> {
  await prisma.subscriber.deleteMany();
  await prisma.person.deleteMany();
  await prisma.reminder.deleteMany();
  const subs = h.subs.filter((s) => s.created <= when);
  await prisma.subscriber.createMany({
    data: subs.map((s) => {
      const changed = s.change && s.change.at <= when ? s.change : undefined;
      return {
        id: s.id, userId: `${s.id}@sp.example`, spEnterpriseId: s.enterprise, package: 'standard' as const,
        status: changed?.status ?? 'pending_email_input', created: s.created, lastStatusChange: changed?.at ?? s.created, provisioningId: 'prov-1',
      };
    }),
  });
  await prisma.person.createMany({
    data: h.people.filter((p) => p.created <= when).map((p) => ({ id: p.id, email: `${p.id}@acme.example`, created: p.created, invitePending: p.pending })),
  });
  await prisma.reminder.createMany({
    data: h.reminders.filter((x) => x.at <= when).map((x) => ({ personId: x.personId, email: `${x.personId}@acme.example`, requestedBy: 'admin@acme.example', requestedAt: x.at, outcome: x.outcome })),
  });
}

