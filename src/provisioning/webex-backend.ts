// The `webex` provisioning backend: ProvisioningBackend over the real Webex REST APIs, with the
// admin token (optionally OAuth-refreshed) and the managed org id from the configuration.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AppError, isAppError } from '../errors.js';
import { WebexAdminApi } from '../webex/admin-api.js';
import { BroadWorksApi } from '../webex/broadworks-api.js';
import { PartnerApi } from '../webex/partner-api.js';
import type { WebexErrorDetails } from '../webex/errors.js';
import { WebexClient, type WebexClientOptions } from '../webex/http-client.js';
import { oauthTokenProvider, staticToken } from '../webex/token-provider.js';
import {
  toActivationEmailError,
  toActivationJob,
  toPrecheckFailure,
  toPrecheckOk,
  toRemotePerson,
  toRemoteSubscriber,
} from './webex-mappers.js';
import type { ProvisioningBackend, RemoteEnterprise, RemoteOrg, RemotePerson, RemoteSubscriber, SubscriberQuery } from './types.js';
import { TEMPLATE_PATH } from './template-check.js';

const AUTO_ACTIVATION_SETTING = 'allow-admin-invite-emails';

export const TEMPLATES_NOT_SUPPORTED =
  'Webex has no public API for BroadWorks customer templates, so the bot cannot read them. Check the template in ' +
  `${TEMPLATE_PATH}. "Untrusted Emails" must be checked and "Share Link" must point to the Activation link.`;

export const SINGLE_EMAIL_NOT_SUPPORTED =
  'Webex has no API to send one user\'s activation email: it only offers the org-wide bulk job, which emails every user whose ' +
  'invitation is still pending. Resend this user\'s invitation in Control Hub (Users → the user → Resend invitation), or start ' +
  'the bulk job for everyone.';

export interface WebexBackendOptions {
  apiUrl: string;
  adminToken: string;
  /** The one customer org (single-org mode); unset: a partner's token working across its customers. */
  orgId?: string;
  oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  /** Client tuning (timeouts, attempts, sleep, logger…). */
  client?: Omit<WebexClientOptions, 'baseUrl' | 'token'>;
  /** Where the OAuth warnings go (a rotated refresh token, a failed first refresh). */
  logger?: Pick<Logger, 'warn'>;
}

/** Our words for the operator; never the token itself. */
export const REFRESH_TOKEN_ROTATED =
  'Webex answered the admin token refresh with a new refresh token. The bot uses it until it stops, but does not store it: ' +
  'WEBEX_REFRESH_TOKEN is now out of date. Before the next restart, re-authorise the integration and put its refresh token in WEBEX_REFRESH_TOKEN.';
export const START_REFRESH_FAILED =
  'Could not refresh the admin token at start (to learn when it expires); using WEBEX_ADMIN_TOKEN until Webex refuses it.';

export function webexBackendFromConfig(config: Config, client?: WebexBackendOptions['client'], logger?: WebexBackendOptions['logger']): ProvisioningBackend {
  const { token, orgId, oauth } = config.admin;
  if (!token) {
    throw new AppError('config_invalid', 'The webex provisioning backend needs WEBEX_ADMIN_TOKEN.');
  }
  return createWebexBackend({ apiUrl: config.bot.apiUrl, adminToken: token, orgId, oauth, client, logger });
}

export function createWebexBackend(opts: WebexBackendOptions): ProvisioningBackend {
  const token = opts.oauth
    ? oauthTokenProvider({
        apiUrl: opts.apiUrl,
        accessToken: opts.adminToken,
        ...opts.oauth,
        onRotated: () => opts.logger?.warn(REFRESH_TOKEN_ROTATED),
        onStartRefreshFailed: (err) => opts.logger?.warn({ err: err.message }, START_REFRESH_FAILED),
      })
    : staticToken(opts.adminToken);
  const client = new WebexClient({ ...opts.client, baseUrl: opts.apiUrl, token });
  return webexBackendOver(client, opts.orgId);
}

/** Our words when Webex refuses a partner's token a customer's own setting or job (not documented either way). */
export const CUSTOMER_ADMIN_NEEDED =
  'Webex refused this for the customer org: your partner token may not change its settings or start its jobs. ' +
  "A full admin of that customer must do it in Control Hub (Organization Settings → Email, or Users → Send invitations), or grant your partner admin full rights there.";

/** Partner-wide (no org) the org-level calls have nothing to work on: the caller must pick an org. */
const ORG_REQUIRED = 'This needs a customer org: pick one first.';

function webexBackendOver(client: WebexClient, orgId: string | undefined): ProvisioningBackend {
  const adminApi = orgId ? new WebexAdminApi(client, orgId) : null;
  const broadworks = new BroadWorksApi(client);
  const partner = new PartnerApi(client);
  const admin = (): WebexAdminApi => {
    if (!adminApi) throw new AppError('invalid_input', ORG_REQUIRED, { messageKey: 'failure.orgRequired' });
    return adminApi;
  };
  /** A 403 on a customer's setting or job, said as who must do it. */
  const asCustomerAdminNeeded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (isAppError(err, 'webex_forbidden')) throw new AppError('webex_forbidden', CUSTOMER_ADMIN_NEEDED, { ...err.details, messageKey: 'failure.customerAdmin' });
      throw err;
    }
  };

  /** Runs a lookup and answers null when Webex says 404. */
  const orNull = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      if (isAppError(err, 'not_found')) return null;
      throw err;
    }
  };

  /** A language is a nicety: a token that may not read it (403), or no such record, means none. */
  const languageRead = async (fn: () => Promise<string | null>): Promise<string | null> => {
    try {
      return await fn();
    } catch (err) {
      if (isAppError(err, 'not_found') || isAppError(err, 'webex_forbidden')) return null;
      throw err;
    }
  };

  return {
    name: 'webex',
    perUserActivationEmail: false,
    orgId,
    forOrg: (other) => webexBackendOver(client, other),

    async listOrganizations(): Promise<RemoteOrg[]> {
      // A plain partner admin sees the customers assigned to them; a full partner admin is refused
      // there ("already has access to all customers") and lists every org visible instead.
      const me = await partner.me();
      let assigned: string[] = [];
      try {
        assigned = await partner.managedBy(me.id);
      } catch (err) {
        if (!isAppError(err, 'invalid_input') && !isAppError(err, 'webex_forbidden') && !isAppError(err, 'not_found')) throw err;
      }
      if (assigned.length > 0) {
        const named: RemoteOrg[] = [];
        for (const id of assigned) {
          const org = await orNull(() => partner.organization(id));
          named.push({ id, name: org?.displayName ?? id, source: 'partner' });
        }
        return named;
      }
      return (await partner.organizations()).map((o) => ({ id: o.id, name: o.displayName ?? o.id, source: 'organizations' as const }));
    },

    async *listEnterprises(): AsyncGenerator<RemoteEnterprise> {
      for await (const e of partner.enterprises()) yield { id: e.id, spEnterpriseId: e.spEnterpriseId, orgId: e.orgId };
    },

    async getOrgLanguage() {
      if (!adminApi) return null;
      return languageRead(() => adminApi.getIdentityOrg().then((o) => o.preferredLanguage ?? null));
    },

    async getPersonLanguage(personId) {
      if (!adminApi) return null;
      // SCIM names a user by the UUID inside their People API id (base64 of ciscospark://…/PEOPLE/<uuid>).
      const uuid = Buffer.from(personId, 'base64').toString('utf8').split('/').pop() ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(uuid)) return null;
      return languageRead(() => adminApi.getScimUser(uuid).then((u) => u.preferredLanguage ?? u.locale ?? null));
    },

    async getAutoActivationEmails() {
      // Never set for this org → Webex's default applies, which is ON.
      const setting = await orNull(() => admin().getOrgSetting(AUTO_ACTIVATION_SETTING));
      return setting?.value ?? true;
    },

    async setAutoActivationEmails(enabled) {
      return asCustomerAdminNeeded(async () => (await admin().setOrgSetting(AUTO_ACTIVATION_SETTING, enabled)).value);
    },

    async startActivationEmailJob() {
      try {
        return await asCustomerAdminNeeded(async () => toActivationJob(await admin().startActivationEmailJob()));
      } catch (err) {
        if (!isAppError(err, 'conflict')) throw err;
        throw new AppError('conflict', 'An activation email job is already running for this org; wait for it to finish before starting another.', { ...err.details, messageKey: 'failure.jobRunning' });
      }
    },

    async getActivationEmailJob(jobId) {
      return toActivationJob(await admin().getActivationEmailJob(jobId));
    },

    async getActivationEmailJobErrors(jobId, max) {
      return (await admin().getActivationEmailJobErrors(jobId, max)).map(toActivationEmailError);
    },

    // Deliberately not the bulk job: it would email every pending user of the org. Webex's public
    // API has no per-user resend (checked against the developer docs), so say so; the simulator
    // backend implements it.
    async sendActivationEmail() {
      throw new AppError('not_supported', SINGLE_EMAIL_NOT_SUPPORTED, { messageKey: 'failure.singleEmailUnsupported' });
    },

    async *listPeople(filter = {}): AsyncGenerator<RemotePerson> {
      // GET /people has no invitePending filter: it is applied here, page by page.
      for await (const p of admin().listPeople({ email: filter.email })) {
        const person = toRemotePerson(p);
        if (filter.invitePending === undefined || person.invitePending === filter.invitePending) yield person;
      }
    },

    async getPerson(personId) {
      const p = await orNull(() => admin().getPerson(personId));
      return p && toRemotePerson(p);
    },

    async *listSubscribers(query: SubscriberQuery = {}): AsyncGenerator<RemoteSubscriber> {
      const pages = broadworks.listSubscribers({
        statuses: query.statuses,
        spEnterpriseId: query.spEnterpriseId,
        userId: query.userId,
        email: query.email,
        provisioningId: query.provisioningId,
        lastStatusChangeAfter: query.lastStatusChangeAfter,
      });
      for await (const s of pages) yield toRemoteSubscriber(s);
    },

    async getSubscriber(id) {
      const s = await orNull(() => broadworks.getSubscriber(id));
      return s && toRemoteSubscriber(s);
    },

    async precheckEmail(request) {
      try {
        const answer = await broadworks.precheck({
          email: request.email,
          provisioningId: request.provisioningId,
          userId: request.userId,
          spEnterpriseId: request.spEnterpriseId,
          firstName: request.firstName,
          lastName: request.lastName,
          package: request.package,
        });
        return toPrecheckOk(answer.info);
      } catch (err) {
        if (!isAppError(err, 'invalid_input')) throw err;
        const details = err.details as WebexErrorDetails | undefined;
        return toPrecheckFailure(details?.errors, details?.webexMessage ?? err.message);
      }
    },

    async provisionSubscriber(request) {
      return toRemoteSubscriber(await broadworks.provision({ ...request }));
    },

    async removeSubscriber(id) {
      // Already gone counts as removed: the durable retry queue may repeat a removal.
      await orNull(() => broadworks.remove(id));
    },

    async sendConsentMoveEmail(id) {
      await broadworks.consentMove(id);
    },

    async changePackage(id, pkg) {
      return toRemoteSubscriber(await broadworks.update(id, { package: pkg }));
    },

    async listTemplates() {
      throw new AppError('not_supported', TEMPLATES_NOT_SUPPORTED, { messageKey: 'failure.templatesUnsupported' });
    },
  };
}
