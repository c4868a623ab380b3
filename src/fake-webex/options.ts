// Options of startFakeWebex, and their defaults in one place.
import type { SubscriberError } from '../provisioning/types.js';
import { webexId } from './ids.js';
import type { FakeSubscriber } from './types.js';

export interface FakeWebexOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  botToken?: string;
  botName?: string;
  botEmail?: string;
  /** Tokens of a full administrator of `orgId` (they all act as the same admin person). */
  adminTokens?: string[];
  adminEmail?: string;
  orgId?: string;
  now?: () => Date;
  /** Source of randomness for fault probabilities. */
  random?: () => number;
  /** OAuth integrations whose refresh tokens `POST /access_token` accepts (they act as the admin). */
  oauthClients?: { clientId: string; clientSecret: string; refreshToken: string }[];
  /** Lifetime of access tokens minted by `/access_token` (Webex: 14 days). */
  accessTokenTtlSeconds?: number;
  /** `/access_token` answers with a new refresh token (the old one keeps working), as Webex may. */
  rotateRefreshTokens?: boolean;
  /** An activation-email job completes after this many status polls… */
  jobPollsToComplete?: number;
  /** …or once this much time has passed, whichever comes first. */
  jobDurationMs?: number;
  /** `provisioning` / `updating` subscribers settle when read this long after their last change. */
  provisioningMs?: number;
  /** How a settling subscriber ends; default: provisioned. */
  provisioningOutcome?: (subscriber: FakeSubscriber) => { status: 'provisioned' } | { status: 'error'; errors: SubscriberError[] };
  /** Timeout of one webhook delivery POST. */
  deliveryTimeoutMs?: number;
}

export type ResolvedOptions = Required<Omit<FakeWebexOptions, 'provisioningOutcome'>> &
  Pick<FakeWebexOptions, 'provisioningOutcome'>;

export function resolveOptions(options: FakeWebexOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    botToken: options.botToken ?? 'fake-bot-token',
    botName: options.botName ?? 'Activation Bot',
    botEmail: options.botEmail ?? 'activation-bot@webex.bot',
    adminTokens: options.adminTokens ?? ['fake-admin-token'],
    adminEmail: options.adminEmail ?? 'admin@example.com',
    orgId: options.orgId ?? webexId('ORGANIZATION'),
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    oauthClients: options.oauthClients ?? [],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 14 * 24 * 3600,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    jobPollsToComplete: options.jobPollsToComplete ?? 2,
    jobDurationMs: options.jobDurationMs ?? 5_000,
    provisioningMs: options.provisioningMs ?? 3_000,
    provisioningOutcome: options.provisioningOutcome,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 5_000,
  };
}
