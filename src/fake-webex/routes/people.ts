// People (people.yml) as seen by an admin (enriched payload, invitePending/loginEnabled) or by a
// bot / user (basic fields; listing needs a filter; presence only within its own org).
import type { FakeApp } from '../app.js';
import { isAdmin } from '../auth.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { json, route, type Route, type RouteContext } from '../http/router.js';
import { pageReply } from '../paging.js';
import type { FakePerson } from '../types.js';
import { personView } from '../views.js';

export function peopleRoutes(app: FakeApp): Route[] {
  const me = (ctx: RouteContext) => app.state.people.get(ctx.caller.personId)!;
  const view = (ctx: RouteContext, p: FakePerson, idLookup = false) => {
    const sameOrg = p.orgId === me(ctx).orgId;
    return personView(p, { adminFields: isAdmin(ctx) && sameOrg, enriched: !idLookup, presence: sameOrg && !idLookup });
  };

  return [
    route('GET', '/people/me', (ctx) => json(200, view(ctx, me(ctx)))),

    route('GET', '/people', (ctx) => {
      const q = ctx.query;
      const email = q.get('email')?.toLowerCase();
      const displayName = q.get('displayName')?.toLowerCase();
      const ids = q.get('id')?.split(',').map((s) => s.trim()).filter(Boolean);
      const orgId = q.get('orgId');
      if (!isAdmin(ctx) && !email && !displayName && !ids?.length) throw forbidden();
      if (orgId && orgId !== me(ctx).orgId) throw forbidden();
      const pageUrl = `${app.baseUrl}/people`;
      const paging = { defaultMax: 100, limit: 1000 };

      if (ids) {
        if (ids.length > 85) throw badRequest('The id parameter accepts at most 85 person IDs.');
        const found = ids.map((id) => app.state.people.get(id)).filter((p): p is FakePerson => p !== undefined);
        const notFoundIds = ids.filter((id) => !app.state.people.has(id));
        return pageReply(found.map((p) => view(ctx, p, true)), q, pageUrl, paging, notFoundIds.length ? { notFoundIds } : {});
      }
      const showAllTypes = q.get('showAllTypes') === 'true';
      const people = [...app.state.people.values()].filter(
        (p) =>
          (isAdmin(ctx) && !email && !displayName ? p.orgId === me(ctx).orgId : true) &&
          (showAllTypes || p.type === 'person') &&
          (!email || p.emails.some((e) => e.toLowerCase() === email)) &&
          (!displayName || p.displayName.toLowerCase().startsWith(displayName)),
      );
      return pageReply(people.map((p) => view(ctx, p)), q, pageUrl, paging);
    }),

    route('GET', '/people/:personId', (ctx) => {
      const person = app.state.people.get(ctx.params.personId!);
      if (!person) throw notFound('Could not find a person with provided ID.');
      return json(200, view(ctx, person));
    }),
  ];
}
