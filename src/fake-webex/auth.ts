// Who may call what. Webex answers 401 for a missing or unknown token and 403 when a valid token
// lacks the admin role or scope — which is what a bot token gets from every admin API.
import type { FakeApp } from './app.js';
import { forbidden, notFound } from './http/errors.js';
import type { RouteContext } from './http/router.js';
import { decodeWebexId } from './ids.js';

export function resolveToken(app: FakeApp, authorization: string | undefined) {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const token = match[1]!;
  const entry = app.state.tokens.get(token);
  if (!entry) return undefined;
  if (entry.expiresAt && entry.expiresAt.getTime() <= app.now().getTime()) return undefined;
  return { token, ...entry };
}

export function isAdmin(ctx: RouteContext): boolean {
  return ctx.caller.kind === 'admin';
}

export function requireAdmin(ctx: RouteContext): void {
  if (!isAdmin(ctx)) throw forbidden();
}

/** The org of the caller's person. */
export function callerOrgId(app: FakeApp, ctx: RouteContext): string {
  return app.state.people.get(ctx.caller.personId)?.orgId ?? '';
}

/** Whether `orgId` (a Webex id or a Control Hub UUID) names `known`. */
function sameOrg(orgId: string, known: string): boolean {
  return orgId === known || decodeWebexId(known)?.uuid === orgId.toLowerCase();
}

/** People of `orgId` are visible to the caller as to an admin of theirs: its own org, or one its partner org manages. */
export function administers(app: FakeApp, callerOrg: string, orgId: string): boolean {
  return orgId === callerOrg || (app.state.managedOrgs.get(callerOrg)?.has(orgId) ?? false);
}

/**
 * Admin APIs take the org id as a Webex id or as the Control Hub UUID; the caller must be an admin
 * of that org or of a partner org that manages it.
 */
export function requireOrgAdmin(app: FakeApp, ctx: RouteContext, orgId: string): string {
  requireAdmin(ctx);
  const target = knownOrgId(app, orgId);
  if (!app.state.orgs.has(target) || !administers(app, callerOrgId(app, ctx), target)) throw forbidden();
  return target;
}

/** An org id the caller names in a query (Webex id or UUID), as the org's Webex id when the fake knows it. */
export function knownOrgId(app: FakeApp, orgId: string): string {
  const known = [app.state.orgId, ...app.state.orgs.keys(), ...app.state.managedOrgs.keys(), ...[...app.state.managedOrgs.values()].flatMap((s) => [...s])];
  return known.find((k) => sameOrg(orgId, k)) ?? orgId;
}

/** The orgs the caller sees: its own, and those its org manages as a partner. */
export function visibleOrgIds(app: FakeApp, ctx: RouteContext): string[] {
  const own = callerOrgId(app, ctx);
  // A plain partner admin sees the customers assigned to them; a full one, every customer of the partner.
  const assigned = app.state.assignedCustomers.get(ctx.caller.personId);
  return [own, ...(assigned ?? app.state.managedOrgs.get(own) ?? [])];
}

/** The org a BroadWorks enterprise belongs to (an enterprise the fake has no record of: its own org). */
export function orgOfEnterprise(app: FakeApp, spEnterpriseId: string): string {
  return app.state.enterprises.get(spEnterpriseId)?.orgId ?? app.state.orgId;
}

/** The caller must be a member of the room; Webex hides rooms you are not in behind a 404. */
export function requireMember(app: FakeApp, ctx: RouteContext, roomId: string): void {
  const member = [...app.state.memberships.values()].some((m) => m.roomId === roomId && m.personId === ctx.caller.personId);
  if (!member || !app.state.rooms.has(roomId)) throw notFound('Could not find a room with provided ID.');
}
