// The one definition of which subscribers a list filter selects, as SQL. Pages, counts, the CSV
// export (COPY) and the exact lookup all use it, so `users find`, `export find` and `user` can
// never disagree again (Prisma's `contains` left % and _ live while the export escaped them).
import { Prisma } from '../generated/prisma/client.js';
import type { SubscriberStatus } from '../generated/prisma/enums.js';

export interface SubscriberFilter {
  statuses?: SubscriberStatus[];
  enterpriseId?: string;
  /** Case-insensitive substring of user id, names or email; % and _ are plain characters. */
  text?: string;
  /** Only these customer orgs (partner mode); unset: every subscriber mirrored. */
  orgIds?: readonly string[];
}

/** An org id list for IN (…); an empty list matches nothing (never every org). */
export function orgList(orgIds: readonly string[]): Prisma.Sql {
  return orgIds.length === 0 ? Prisma.sql`NULL` : Prisma.join([...orgIds]);
}

/** Position after the last row of a page. */
export interface SubscriberCursor {
  lastStatusChange: Date;
  id: string;
}

/** A LIKE pattern matching `text` literally anywhere (backslash is PostgreSQL's default escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filter as a WHERE condition. Every value is a string parameter (the export inlines them as
 * literals, since COPY takes no parameters). Status is compared as the enum, not as text, so the
 * (status, spEnterpriseId, lastStatusChange) index still serves filtered pages.
 */
export function subscriberFilterSql(filter: SubscriberFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.statuses?.length) {
    parts.push(Prisma.sql`"status" IN (${Prisma.join(filter.statuses.map((s) => Prisma.sql`${s}::"SubscriberStatus"`))})`);
  }
  if (filter.enterpriseId) parts.push(Prisma.sql`"spEnterpriseId" = ${filter.enterpriseId}`);
  if (filter.orgIds) parts.push(Prisma.sql`"orgId" IN (${orgList(filter.orgIds)})`);
  const text = filter.text?.trim();
  if (text) {
    const like = containsPattern(text);
    parts.push(Prisma.sql`("userId" ILIKE ${like} OR "email" ILIKE ${like} OR "firstName" ILIKE ${like} OR "lastName" ILIKE ${like})`);
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * Rows after `cursor` in list order (lastStatusChange desc, id asc), or before it for 'prev'.
 * The plain range bound lets PostgreSQL start the index scan at the cursor (the OR alone is only
 * a filter, so every page would scan from the top).
 */
export function afterCursorSql(cursor: SubscriberCursor | undefined, direction: 'next' | 'prev'): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const at = cursor.lastStatusChange;
  return direction === 'next'
    ? Prisma.sql`"lastStatusChange" <= ${at} AND ("lastStatusChange" < ${at} OR ("lastStatusChange" = ${at} AND "id" > ${cursor.id}))`
    : Prisma.sql`"lastStatusChange" >= ${at} AND ("lastStatusChange" > ${at} OR ("lastStatusChange" = ${at} AND "id" < ${cursor.id}))`;
}

/** Exactly this user id or email, ignoring case only: no pattern characters. */
export function userIdOrEmailSql(key: string): Prisma.Sql {
  return Prisma.sql`(lower("userId") = lower(${key}) OR lower("email") = lower(${key}))`;
}
