// The identity API's org and SCIM user reads (official/webex-admin.json): what the bot reads a
// language from (`preferredLanguage`). An admin of the org, or of its partner, may read them.
import type { FakeApp } from '../app.js';
import { requireOrgAdmin } from '../auth.js';
import { uuidOf } from '../ids.js';
import { notFound } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';

export function identityRoutes(app: FakeApp): Route[] {
  return [
    route('GET', '/identity/organizations/:orgId', (ctx) => {
      const id = requireOrgAdmin(app, ctx, ctx.params.orgId!);
      const org = app.state.orgs.get(id);
      if (!org) throw notFound('Organization not found.');
      return json(200, {
        schemas: ['urn:cisco:codev:identity:organization:core:1.0'],
        id: uuidOf(org.id),
        displayName: org.displayName,
        preferredLanguage: org.preferredLanguage ?? 'en_US',
        meta: { created: org.created.toISOString(), lastModified: org.created.toISOString() },
      });
    }),

    route('GET', '/identity/scim/:orgId/v2/Users/:userId', (ctx) => {
      const orgId = requireOrgAdmin(app, ctx, ctx.params.orgId!);
      const wanted = ctx.params.userId!.toLowerCase();
      const person = [...app.state.people.values()].find((p) => p.orgId === orgId && uuidOf(p.id) === wanted);
      if (!person) throw notFound('User not found.');
      return json(200, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: uuidOf(person.id),
        userName: person.emails[0],
        active: person.loginEnabled,
        displayName: person.displayName,
        name: { givenName: person.firstName, familyName: person.lastName },
        ...(person.preferredLanguage ? { preferredLanguage: person.preferredLanguage } : {}),
        meta: { resourceType: 'User', created: person.created.toISOString() },
      });
    }),
  ];
}
