// Seeding helpers for tests and the local emulator: people, group and 1:1 spaces with the bot,
// BroadWorks subscribers and extra user tokens — straight into state, no HTTP involved.
import type { FakeApp } from './app.js';
import { ensurePerson } from './broadworks-rules.js';
import { webexId } from './ids.js';
import { addMembership, directRoom, personByEmail } from './messaging.js';
import type { FakeMembership, FakeOrg, FakePerson, FakeRoom, FakeSubscriber } from './types.js';
import { SETTING_AUTO_ACTIVATION } from './state.js';

export interface PersonSeed extends Partial<Omit<FakePerson, 'emails'>> {
  email: string;
}

/** A person given by email, id or object. */
export type PersonRef = string | FakePerson;

export type SubscriberSeed = Partial<FakeSubscriber> & { userId: string };

export interface FakeSeeder {
  person(seed: PersonSeed): FakePerson;
  /** A group space; the bot is a member unless `withBot: false`. */
  groupRoom(seed: { title?: string; members: PersonRef[]; withBot?: boolean; moderators?: PersonRef[] }): FakeRoom;
  /** The 1:1 space between the bot and this person. */
  directRoom(person: PersonRef): FakeRoom;
  membership(roomId: string, person: PersonRef, isModerator?: boolean): FakeMembership;
  subscriber(seed: SubscriberSeed): FakeSubscriber;
  /** A token acting as this (non-admin) person. */
  userToken(person: PersonRef, token?: string): string;
  /**
   * A full admin of a partner org that manages the fake's org (a Webex for BroadWorks partner):
   * its token lists its own org's people by default, and the customer's with `orgId`.
   */
  partnerAdmin(seed?: { email?: string; orgId?: string; token?: string }): { person: FakePerson; orgId: string; token: string };
  /**
   * A customer org of the partner `partnerOrgId`, holding these BroadWorks enterprises (their
   * subscribers and users are its), with its automatic-activation-email setting.
   */
  customerOrg(seed: { name: string; enterprises: string[]; partnerOrgId: string; autoEmails?: boolean; id?: string }): FakeOrg;
  /** Makes this partner admin a plain one, assigned these customers only (GET /partner/organizations lists them). */
  assignCustomers(admin: PersonRef, orgIds: string[]): void;
}

export const DEFAULT_PROVISIONING_ID = 'ZmFrZS1wcm92aXNpb25pbmctaWQ6Y3VzdG9tZXItdGVtcGxhdGUtMQ';

export function createSeeder(app: FakeApp): FakeSeeder {
  const resolve = (ref: PersonRef): FakePerson => {
    if (typeof ref !== 'string') return ref;
    const person = app.state.people.get(ref) ?? personByEmail(app, ref);
    if (!person) throw new Error(`fake-webex: no person "${ref}" — seed it with seed.person() first`);
    return person;
  };

  const person = (seed: PersonSeed): FakePerson => {
    const { email, ...rest } = seed;
    const local = email.split('@')[0] ?? email;
    const p: FakePerson = {
      id: webexId('PEOPLE'),
      displayName: [seed.firstName, seed.lastName].filter(Boolean).join(' ') || local,
      orgId: app.state.orgId,
      type: 'person',
      roles: [],
      licenses: [],
      created: app.now(),
      status: 'inactive',
      invitePending: false,
      loginEnabled: true,
      ...rest,
      emails: [email],
    };
    app.state.people.set(p.id, p);
    return p;
  };

  return {
    person,
    groupRoom({ title = 'Admins', members, withBot = true, moderators = [] }) {
      const people = members.map(resolve);
      const creator = people[0] ?? app.state.people.get(app.state.botId)!;
      const now = app.now();
      const room: FakeRoom = { id: webexId('ROOM'), title, type: 'group', isLocked: false, creatorId: creator.id, created: now, lastActivity: now };
      app.state.rooms.set(room.id, room);
      const mods = new Set(moderators.map((m) => resolve(m).id));
      const ids = new Set(people.map((p) => p.id));
      if (withBot) ids.add(app.state.botId);
      for (const id of ids) addMembership(app, room.id, id, mods.has(id));
      return room;
    },
    directRoom(ref) {
      return directRoom(app, app.state.people.get(app.state.botId)!, resolve(ref));
    },
    membership(roomId, ref, isModerator = false) {
      if (!app.state.rooms.has(roomId)) throw new Error(`fake-webex: no room ${roomId}`);
      return addMembership(app, roomId, resolve(ref).id, isModerator);
    },
    subscriber(seed) {
      const now = app.now();
      const s: FakeSubscriber = {
        id: webexId('SUBSCRIBER'),
        spEnterpriseId: 'SP1+acme',
        package: 'standard',
        status: 'provisioned',
        errors: [],
        created: now,
        lastStatusChange: now,
        provisioningId: DEFAULT_PROVISIONING_ID,
        selfActivated: false,
        ...seed,
      };
      if (s.status === 'provisioned' && !s.personId) s.personId = ensurePerson(app, s).id;
      app.state.subscribers.set(s.id, s);
      return s;
    },
    userToken(ref, token = `fake-user-token-${webexId('PEOPLE').slice(-12)}`) {
      app.state.tokens.set(token, { personId: resolve(ref).id, kind: 'user' });
      return token;
    },
    customerOrg({ name, enterprises, partnerOrgId, autoEmails = true, id = webexId('ORGANIZATION') }) {
      const org: FakeOrg = { id, displayName: name, created: app.now() };
      app.state.orgs.set(id, org);
      app.state.orgSettings.set(id, new Map([[SETTING_AUTO_ACTIVATION, autoEmails]]));
      for (const spEnterpriseId of enterprises) {
        app.state.enterprises.set(spEnterpriseId, { id: webexId('ENTERPRISE'), spEnterpriseId, orgId: id, provisioningId: DEFAULT_PROVISIONING_ID });
      }
      const managed = app.state.managedOrgs.get(partnerOrgId) ?? new Set<string>();
      managed.add(id);
      app.state.managedOrgs.set(partnerOrgId, managed);
      // Users already provisioned in these enterprises belong to the customer.
      for (const s of app.state.subscribers.values()) {
        const person = s.personId ? app.state.people.get(s.personId) : undefined;
        if (person && enterprises.includes(s.spEnterpriseId)) person.orgId = id;
      }
      return org;
    },
    assignCustomers(ref, orgIds) {
      app.state.assignedCustomers.set(resolve(ref).id, new Set(orgIds));
    },
    partnerAdmin({ email = 'partner-admin@partner.example', orgId = webexId('ORGANIZATION'), token = `fake-partner-token-${webexId('PEOPLE').slice(-12)}` } = {}) {
      const admin = person({ email, firstName: 'Partner', lastName: 'Admin', orgId, roles: [webexId('ROLE', 'id_full_admin')], status: 'active' });
      const managed = app.state.managedOrgs.get(orgId) ?? new Set<string>();
      managed.add(app.state.orgId);
      app.state.managedOrgs.set(orgId, managed);
      app.state.tokens.set(token, { personId: admin.id, kind: 'admin' });
      return { person: admin, orgId, token };
    },
  };
}
