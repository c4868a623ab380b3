// A partner's view across customers: the orgs its token can see and the BroadWorks enterprises
// (each in a customer org). Shapes per official/webex-admin.json and broadworks-enterprises.yml.
import { z } from 'zod';
import type { WebexClient } from './http-client.js';
import { webexPersonSchema } from './schemas.js';

const organizationSchema = z.looseObject({ id: z.string(), displayName: z.string().optional() });
const managedOrgSchema = z.looseObject({ orgId: z.string(), role: z.string().optional() });
const enterpriseSchema = z.looseObject({ id: z.string(), orgId: z.string(), spEnterpriseId: z.string() });
export type WebexEnterprise = z.infer<typeof enterpriseSchema>;

/** Webex's page size limit for enterprises. */
export const MAX_ENTERPRISES_PAGE = 1000;

export class PartnerApi {
  constructor(private readonly client: WebexClient) {}

  /** The token's own person (its id names a plain partner admin's assigned customers). */
  me(): Promise<{ id: string }> {
    return this.client.get('/people/me', webexPersonSchema);
  }

  /** Every org visible to the token (not paged, per the API). */
  async organizations(): Promise<{ id: string; displayName?: string }[]> {
    return (await this.client.get('/organizations', z.looseObject({ items: z.array(organizationSchema).default([]) }))).items;
  }

  async organization(orgId: string): Promise<{ id: string; displayName?: string }> {
    return this.client.get(`/organizations/${encodeURIComponent(orgId)}`, organizationSchema);
  }

  /** Customers assigned to a plain partner admin (a full partner admin is refused: they see all). */
  async managedBy(personId: string): Promise<string[]> {
    const r = await this.client.get('/partner/organizations', z.looseObject({ items: z.array(managedOrgSchema).default([]) }), { managedBy: personId });
    return r.items.map((i) => i.orgId);
  }

  enterprises(): AsyncGenerator<WebexEnterprise, void, undefined> {
    return this.client.paginate('/broadworks/enterprises', enterpriseSchema, { max: MAX_ENTERPRISES_PAGE });
  }
}
