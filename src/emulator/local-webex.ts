// Local mode (no WEBEX_BOT_TOKEN): an in-process fake Webex — the same one the tests use — with
// an admin, a non-admin member, a 1:1 space and a group space, so the real bot (real framework,
// real signed webhooks) can be used with no account.
import { startFakeWebex, type FakeWebex } from '../fake-webex/index.js';
import type { FakePerson, FakeRoom } from '../fake-webex/types.js';

export const LOCAL_ADMIN_EMAIL = 'admin@example.com';
export const LOCAL_MEMBER_EMAIL = 'member@example.com';

export interface LocalWebex {
  fake: FakeWebex;
  admin: FakePerson;
  member: FakePerson;
  directRoom: FakeRoom;
  groupRoom: FakeRoom;
  close(): Promise<void>;
}

export async function startLocalWebex(): Promise<LocalWebex> {
  // The fake's built-in org admin (owner of its admin token) gets another address, so that
  // `admin@example.com` names exactly one person — the one in the two spaces.
  const fake = await startFakeWebex({ botName: 'Activation Bot', adminEmail: 'org-admin@example.com' });
  const admin = fake.seed.person({ email: LOCAL_ADMIN_EMAIL, firstName: 'Alex', lastName: 'Admin', invitePending: false });
  const member = fake.seed.person({ email: LOCAL_MEMBER_EMAIL, firstName: 'Morgan', lastName: 'Member', invitePending: false });
  const directRoom = fake.seed.directRoom(admin);
  const groupRoom = fake.seed.groupRoom({ title: 'Webex admins', members: [admin, member] });
  return { fake, admin, member, directRoom, groupRoom, close: () => fake.close() };
}
