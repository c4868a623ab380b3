// People (people.yml) as seen by an admin (enriched payload, invitePending/loginEnabled) or by a
// bot / user (basic fields; listing needs a filter; presence only within its own org). A partner
// admin lists a customer org's people with `orgId`, as Webex documents; without it, its own org's.
import type { FakeApp } from '../app.js';
import { administers, isAdmin, knownOrgId } from '../auth.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { json, route, type Route, type RouteContext } from '../http/router.js';
import { pageReply } from '../paging.js';
import type { FakePerson } from '../types.js';
import { personView } from '../views.js';

export function peopleRoutes(app: FakeApp): Route[] {
  const me = (ctx: RouteContext) => app.state.people.get(ctx.caller.personId)!;
  const view = (ctx: RouteContext, p: FakePerson, idLookup = false) => {
    // Its own org, or (for a partner) an org it manages: Webex shows admin fields and presence.
    const ownOrManaged = administers(app, me(ctx).orgId, p.orgId);
    return personView(p, { adminFields: isAdmin(ctx) && ownOrManaged, enriched: !idLookup, presence: ownOrManaged && !idLookup });
  };

  return [
    route('GET', '/people/me', (ctx) => json(200, view(ctx, me(ctx)))),

    route('GET', '/people', (ctx) => {
      const q = ctx.query;
      const email = q.get('email')?.toLowerCase();
      const displayName = q.get('displayName')?.toLowerCase();
      const ids = q.get('id')?.split(',').map((s) => s.trim()).filter(Boolean);
      const orgParam = q.get('orgId');
      if (!isAdmin(ctx) && !email && !displayName && !ids?.length) throw forbidden();
      // "Only admin users of another organization (such as partners) may use this parameter":
      // an org the caller does not administer (own, or managed as a partner) is refused.
      const orgId = orgParam ? knownOrgId(app, orgParam) : me(ctx).orgId;
      if (orgParam && (!isAdmin(ctx) || !administers(app, me(ctx).orgId, orgId))) throw forbidden();
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
          (orgParam || (isAdmin(ctx) && !email && !displayName) ? p.orgId === orgId : true) &&
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
