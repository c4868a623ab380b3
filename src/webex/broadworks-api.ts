// Webex for BroadWorks subscriber endpoints (broadworks-subscribers.yml), for a partner admin token.
import type { SubscriberPackage, SubscriberStatus } from '../provisioning/types.js';
import type { WebexClient } from './http-client.js';
import { precheckSchema, subscriberSchema, type WebexSubscriber } from './schemas.js';

export interface SubscriberListQuery {
  userId?: string;
  personId?: string;
  email?: string;
  provisioningId?: string;
  spEnterpriseId?: string;
  statuses?: SubscriberStatus[];
  /** Only subscribers whose status changed after this instant (sent as epoch ms, as preferred). */
  lastStatusChangeAfter?: Date;
  /** Page size, at most 100 (Webex answers 400 above). */
  max?: number;
}

export interface ProvisionBody {
  provisioningId: string;
  userId: string;
  spEnterpriseId: string;
  firstName: string;
  lastName: string;
  package: SubscriberPackage;
  email?: string;
  primaryPhoneNumber?: string;
  mobilePhoneNumber?: string;
  extension?: string;
  language?: string;
  timezone?: string;
}

export type UpdateBody = Partial<Pick<ProvisionBody, 'userId' | 'firstName' | 'lastName' | 'primaryPhoneNumber' | 'mobilePhoneNumber' | 'extension' | 'timezone' | 'package'>>;

export interface PrecheckBody {
  email: string;
  provisioningId?: string;
  userId?: string;
  spEnterpriseId?: string;
  firstName?: string;
  lastName?: string;
  package?: SubscriberPackage;
}

export const MAX_SUBSCRIBERS_PAGE = 100;

export class BroadWorksApi {
  constructor(private readonly client: WebexClient) {}

  listSubscribers(q: SubscriberListQuery = {}): AsyncGenerator<WebexSubscriber, void, undefined> {
    return this.client.paginate('/broadworks/subscribers', subscriberSchema, {
      userId: q.userId,
      personId: q.personId,
      email: q.email,
      provisioningId: q.provisioningId,
      spEnterpriseId: q.spEnterpriseId,
      status: q.statuses?.length ? q.statuses.join(',') : undefined,
      lastStatusChange: q.lastStatusChangeAfter?.getTime(),
      max: Math.min(q.max ?? MAX_SUBSCRIBERS_PAGE, MAX_SUBSCRIBERS_PAGE),
    });
  }

  getSubscriber(id: string): Promise<WebexSubscriber> {
    return this.client.get(`/broadworks/subscribers/${encodeURIComponent(id)}`, subscriberSchema);
  }

  provision(body: ProvisionBody): Promise<WebexSubscriber> {
    return this.client.post('/broadworks/subscribers', body, subscriberSchema);
  }

  update(id: string, body: UpdateBody): Promise<WebexSubscriber> {
    return this.client.put(`/broadworks/subscribers/${encodeURIComponent(id)}`, body, subscriberSchema);
  }

  remove(id: string): Promise<void> {
    return this.client.delete(`/broadworks/subscribers/${encodeURIComponent(id)}`);
  }

  /**
   * Sends the consent-move email to a subscriber in pending_user_migration (204). Not repeated
   * after a timeout: the email could go out twice.
   */
  async consentMove(id: string): Promise<void> {
    await this.client.request('POST', `/broadworks/subscribers/${encodeURIComponent(id)}/emails/consentMove`, {});
  }

  /** A precheck changes nothing, so it is safe to retry; a failed check is a 400 (AppError invalid_input). */
  precheck(body: PrecheckBody) {
    return this.client.post('/broadworks/subscribers/validate', body, precheckSchema, { idempotent: true });
  }
}
