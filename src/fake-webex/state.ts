// A fresh in-memory Webex: one org with its automatic-activation-email setting ON, the bot, one
// full admin, and the tokens that act for them. reset() goes back to exactly this.
import { webexId } from './ids.js';
import type { ResolvedOptions } from './options.js';
import type { FakePerson, FakeState } from './types.js';

export const SETTING_AUTO_ACTIVATION = 'allow-admin-invite-emails';
export const SETTING_NAMES: Record<string, string> = { [SETTING_AUTO_ACTIVATION]: 'Automatic Activation Emails' };
/** The app id stamped on webhooks and deliveries (Webex shows the integration or bot app). */
export const FAKE_APP_ID = webexId('APPLICATION', '00000000-0000-4000-8000-00000000a11e');

/** `ids` keeps the bot's and the admin's ids stable across reset(). */
export function createState(options: ResolvedOptions, ids: { botId: string; adminId: string }): FakeState {
  const now = options.now();
  const orgId = options.orgId;
  const bot: FakePerson = {
    id: ids.botId,
    emails: [options.botEmail],
    displayName: options.botName,
    nickName: options.botName,
    orgId,
    type: 'bot',
    roles: [],
    licenses: [],
    created: now,
    status: 'unknown',
    invitePending: false,
    loginEnabled: true,
  };
  const admin: FakePerson = {
    id: ids.adminId,
    emails: [options.adminEmail],
    displayName: 'Org Admin',
    firstName: 'Org',
    lastName: 'Admin',
    orgId,
    type: 'person',
    roles: [webexId('ROLE', 'id_full_admin')],
    licenses: [],
    created: now,
    lastActivity: now,
    status: 'active',
    invitePending: false,
    loginEnabled: true,
  };
  const state: FakeState = {
    orgId,
    botId: bot.id,
    adminId: admin.id,
    orgSettings: new Map([[orgId, new Map([[SETTING_AUTO_ACTIVATION, true]])]]),
    people: new Map([
      [bot.id, bot],
      [admin.id, admin],
    ]),
    subscribers: new Map(),
    provisioningIds: new Set(),
    templateFaults: new Map(),
    activationJobs: new Map(),
    rooms: new Map(),
    memberships: new Map(),
    messages: new Map(),
    attachmentActions: new Map(),
    webhooks: new Map(),
    files: new Map(),
    tokens: new Map([[options.botToken, { personId: bot.id, kind: 'bot' as const }]]),
    devices: new Map(),
    oauthClients: new Map(),
    managedOrgs: new Map(),
    orgs: new Map([[orgId, { id: orgId, displayName: 'Fake Org', created: now }]]),
    enterprises: new Map(),
    assignedCustomers: new Map(),
  };
  for (const token of options.adminTokens) state.tokens.set(token, { personId: admin.id, kind: 'admin' });
  for (const c of options.oauthClients) {
    const client = state.oauthClients.get(c.clientId) ?? { clientId: c.clientId, clientSecret: c.clientSecret, refreshTokens: new Map() };
    client.refreshTokens.set(c.refreshToken, admin.id);
    state.oauthClients.set(c.clientId, client);
  }
  return state;
}
