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

/** Admin APIs take the org id as a Webex id or as the Control Hub UUID. */
export function requireOrgAdmin(app: FakeApp, ctx: RouteContext, orgId: string): string {
  requireAdmin(ctx);
  const own = app.state.orgId;
  const same = orgId === own || decodeWebexId(own)?.uuid === orgId.toLowerCase();
  if (!same) throw forbidden();
  return own;
}

/** The caller must be a member of the room; Webex hides rooms you are not in behind a 404. */
export function requireMember(app: FakeApp, ctx: RouteContext, roomId: string): void {
  const member = [...app.state.memberships.values()].some((m) => m.roomId === roomId && m.personId === ctx.caller.personId);
  if (!member || !app.state.rooms.has(roomId)) throw notFound('Could not find a room with provided ID.');
}
