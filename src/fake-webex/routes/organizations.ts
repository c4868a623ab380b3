// A partner's view (organizations.yml, official/webex-admin.json `/partner/organizations`,
// broadworks-enterprises.yml): the orgs a token sees, the customers assigned to a partner admin,
// and the service provider's BroadWorks enterprises with the org each belongs to.
import type { FakeApp } from '../app.js';
import { knownOrgId, requireAdmin, visibleOrgIds } from '../auth.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';
import { pageReply } from '../paging.js';
import type { FakeOrg } from '../types.js';

const orgView = (o: FakeOrg) => ({ id: o.id, displayName: o.displayName, created: o.created.toISOString() });

export function organizationRoutes(app: FakeApp): Route[] {
  return [
    // "List all organizations visible by your account. The results will not be paginated."
    route('GET', '/organizations', (ctx) => {
      requireAdmin(ctx);
      const items = visibleOrgIds(app, ctx)
        .map((id) => app.state.orgs.get(id))
        .filter((o): o is FakeOrg => o !== undefined)
        .map(orgView);
      return json(200, { items });
    }),

    route('GET', '/organizations/:orgId', (ctx) => {
      requireAdmin(ctx);
      const id = knownOrgId(app, ctx.params.orgId!);
      const org = app.state.orgs.get(id);
      if (!org) throw notFound('Organization not found.');
      if (!visibleOrgIds(app, ctx).includes(id)) throw forbidden();
      return json(200, orgView(org));
    }),

    // A plain partner admin's assigned customers; a full partner admin is told they see every customer already.
    route('GET', '/partner/organizations', (ctx) => {
      requireAdmin(ctx);
      const managedBy = ctx.query.get('managedBy');
      if (!managedBy) throw badRequest('managedBy is required.');
      const assigned = app.state.assignedCustomers.get(managedBy);
      if (!assigned) throw badRequest('The user already has access to all customers managed by their partner organization.');
      return json(200, { items: [...assigned].map((orgId) => ({ orgId, role: 'YXRsYXMtcG9ydGFsLnBhcnRuZXIuc2FsZXNmdWxsYWRtaW4=' })) });
    }),

    route('GET', '/broadworks/enterprises', (ctx) => {
      requireAdmin(ctx);
      const visible = new Set(visibleOrgIds(app, ctx));
      const exact = ctx.query.get('spEnterpriseId');
      const startsWith = ctx.query.get('startsWith');
      const items = [...app.state.enterprises.values()]
        .filter((e) => visible.has(e.orgId))
        .filter((e) => (!exact || e.spEnterpriseId === exact) && (!startsWith || e.spEnterpriseId.startsWith(startsWith)))
        .sort((a, b) => a.spEnterpriseId.localeCompare(b.spEnterpriseId))
        .map((e) => ({ id: e.id, orgId: e.orgId, spEnterpriseId: e.spEnterpriseId, provisioningId: e.provisioningId }));
      return pageReply(items, ctx.query, `${app.baseUrl}/broadworks/enterprises`, { defaultMax: 100, limit: 1000 });
    }),
  ];
}
