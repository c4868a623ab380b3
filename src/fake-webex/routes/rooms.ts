// Rooms and memberships (rooms.yml, memberships.yml), as the bot framework reads them at start-up:
// GET /memberships?max=1000, then GET /rooms/{id} for each space the bot is in.
import type { FakeApp } from '../app.js';
import { requireMember } from '../auth.js';
import { badRequest, notFound } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';
import { isMember } from '../messaging.js';
import { pageReply } from '../paging.js';
import { membershipView, roomView } from '../views.js';

export function roomRoutes(app: FakeApp): Route[] {
  return [
    route('GET', '/rooms', (ctx) => {
      const type = ctx.query.get('type');
      if (type && type !== 'direct' && type !== 'group') throw badRequest('type must be "direct" or "group".');
      const sortBy = ctx.query.get('sortBy') ?? 'id';
      const rooms = [...app.state.rooms.values()].filter((r) => isMember(app, r.id, ctx.caller.personId) && (!type || r.type === type));
      if (sortBy === 'lastactivity') rooms.sort((a, b) => b.lastActivity.getTime() - a.lastActivity.getTime());
      else if (sortBy === 'created') rooms.sort((a, b) => b.created.getTime() - a.created.getTime());
      return pageReply(rooms.map(roomView), ctx.query, `${app.baseUrl}/rooms`, { defaultMax: 100, limit: 1000, rejectAbove: true });
    }),

    route('GET', '/rooms/:roomId', (ctx) => {
      requireMember(app, ctx, ctx.params.roomId!);
      return json(200, roomView(app.state.rooms.get(ctx.params.roomId!)!));
    }),

    route('GET', '/memberships', (ctx) => {
      const q = ctx.query;
      const roomId = q.get('roomId');
      const personId = q.get('personId');
      const personEmail = q.get('personEmail')?.toLowerCase();
      if ((personId || personEmail) && !roomId) throw badRequest('roomId is required when filtering by personId or personEmail.');
      if (roomId) requireMember(app, ctx, roomId);
      const items = [...app.state.memberships.values()].filter((m) => {
        if (!roomId) return m.personId === ctx.caller.personId;
        if (m.roomId !== roomId || (personId && m.personId !== personId)) return false;
        return !personEmail || (app.state.people.get(m.personId)?.emails ?? []).some((e) => e.toLowerCase() === personEmail);
      });
      return pageReply(items.map((m) => membershipView(app, m)), q, `${app.baseUrl}/memberships`, { defaultMax: 100, limit: 1000 });
    }),

    route('GET', '/memberships/:membershipId', (ctx) => {
      const m = app.state.memberships.get(ctx.params.membershipId!);
      if (!m || !isMember(app, m.roomId, ctx.caller.personId)) throw notFound('Could not find a membership with provided ID.');
      return json(200, membershipView(app, m));
    }),
  ];
}
