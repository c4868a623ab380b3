// Admin endpoints of one org: the automatic-activation-email setting, the bulk activation-email
// job, and people with their admin fields. Needs a full or user admin token (a bot's gets 403).
import { z } from 'zod';
import type { WebexClient } from './http-client.js';
import {
  activationJobErrorSchema,
  activationJobSchema,
  orgSettingSchema,
  webexPersonSchema,
  type WebexActivationJob,
  type WebexActivationJobError,
  type WebexPerson,
} from './schemas.js';

export interface PeopleQuery {
  email?: string;
  displayName?: string;
  /** Up to 85 ids per request (Webex's limit). */
  ids?: string[];
  /** Page size (Webex default 100). */
  max?: number;
}

export class WebexAdminApi {
  constructor(
    private readonly client: WebexClient,
    readonly orgId: string,
  ) {}

  private get org() {
    return encodeURIComponent(this.orgId);
  }

  async getOrgSetting(key: string): Promise<{ key: string; value: boolean; name?: string }> {
    return this.client.get(`/settings/organizations/${this.org}/settings/${encodeURIComponent(key)}`, orgSettingSchema);
  }

  /** Setting a value is idempotent, so it may be retried after a network error. */
  async setOrgSetting(key: string, value: boolean): Promise<{ key: string; value: boolean; name?: string }> {
    return this.client.post(`/settings/organizations/${this.org}/settings`, { key, value }, orgSettingSchema, { idempotent: true });
  }

  /** The org as the identity API has it: its `preferredLanguage` (ISO 639, e.g. cs_CZ) when set. */
  async getIdentityOrg(): Promise<{ preferredLanguage?: string }> {
    return this.client.get(`/identity/organizations/${this.org}`, z.looseObject({ id: z.string(), preferredLanguage: z.string().optional() }));
  }

  /** One user's SCIM record (by the UUID inside their person id): `preferredLanguage`, `locale`. */
  async getScimUser(userUuid: string): Promise<{ preferredLanguage?: string; locale?: string }> {
    return this.client.get(
      `/identity/scim/${this.org}/v2/Users/${encodeURIComponent(userUuid)}`,
      z.looseObject({ id: z.string(), preferredLanguage: z.string().optional(), locale: z.string().optional() }),
    );
  }

  async startActivationEmailJob(): Promise<WebexActivationJob> {
    return this.client.post(`/identity/organizations/${this.org}/jobs/sendActivationEmails`, undefined, activationJobSchema);
  }

  async getActivationEmailJob(jobId: string): Promise<WebexActivationJob> {
    return this.client.get(`/identity/organizations/${this.org}/jobs/sendActivationEmails/${encodeURIComponent(jobId)}/status`, activationJobSchema);
  }

  /** The job's per-user errors: at most `max` of them, or all pages when `max` is not given. */
  async getActivationEmailJobErrors(jobId: string, max?: number): Promise<WebexActivationJobError[]> {
    const path = `/identity/organizations/${this.org}/jobs/sendActivationEmails/${encodeURIComponent(jobId)}/errors`;
    if (max !== undefined) {
      return this.client.get(path, z.looseObject({ items: z.array(activationJobErrorSchema).default([]) }), { max }).then((r) => r.items);
    }
    const all: WebexActivationJobError[] = [];
    for await (const item of this.client.paginate(path, activationJobErrorSchema, { max: 100 })) all.push(item);
    return all;
  }

  /**
   * People of this admin's configured org. `orgId` is always sent: with a partner admin token
   * (the one the BroadWorks APIs need) GET /people without it lists the partner's own org.
   */
  listPeople(query: PeopleQuery = {}): AsyncGenerator<WebexPerson, void, undefined> {
    return this.client.paginate('/people', webexPersonSchema, {
      orgId: this.orgId,
      email: query.email,
      displayName: query.displayName,
      id: query.ids?.join(','),
      max: query.max ?? 100,
    });
  }

  async getPerson(personId: string): Promise<WebexPerson> {
    return this.client.get(`/people/${encodeURIComponent(personId)}`, webexPersonSchema);
  }

  async getMe(): Promise<WebexPerson> {
    return this.client.get('/people/me', webexPersonSchema);
  }
}
