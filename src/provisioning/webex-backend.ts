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
import { saidError } from './errors.js';
import type { ProvisioningBackend, RemoteEnterprise, RemoteOrg, RemotePerson, RemoteSubscriber, SubscriberQuery } from './types.js';

const AUTO_ACTIVATION_SETTING = 'allow-admin-invite-emails';

/** What the webex backend cannot do, said in the catalogue's words (English in the error's message). */
const templatesNotSupported = () => saidError('not_supported', 'failure.templatesUnsupported');
const singleEmailNotSupported = () => saidError('not_supported', 'failure.singleEmailUnsupported');
export const TEMPLATES_NOT_SUPPORTED = templatesNotSupported().message;
export const SINGLE_EMAIL_NOT_SUPPORTED = singleEmailNotSupported().message;

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


function webexBackendOver(client: WebexClient, orgId: string | undefined): ProvisioningBackend {
  const adminApi = orgId ? new WebexAdminApi(client, orgId) : null;
  const broadworks = new BroadWorksApi(client);
  const partner = new PartnerApi(client);
  const admin = (): WebexAdminApi => {
    // Partner-wide (no org) the org-level calls have nothing to work on: the caller must pick an org.
    if (!adminApi) throw saidError('invalid_input', 'failure.orgRequired');
    return adminApi;
  };
  /** A 403 on a customer's setting or job, said as who must do it. */
  const asCustomerAdminNeeded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      // Webex refuses a partner's token a customer's own setting or job (not documented either way).
      if (isAppError(err, 'webex_forbidden')) throw saidError('webex_forbidden', 'failure.customerAdmin', err.details);
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
        throw saidError('conflict', 'failure.jobRunning', err.details);
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
      throw singleEmailNotSupported();
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
      throw templatesNotSupported();
    },
  };
}
