// Small readers for what a backend call rejected with, and a neutral view of a person.
import { expect } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { RemotePerson } from '../../src/provisioning/types.js';
import type { FixturePerson } from './fixture.js';
import { ORG_ID } from './fixture.js';

export interface Rejection {
  error: AppError;
  code: string;
  status?: number;
  /** The first Webex error item (BroadWorks calls carry errorCode + description). */
  item?: { errorCode?: number; description?: string };
}

export async function rejectionOf(call: Promise<unknown>): Promise<Rejection> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the call should have failed').toBeInstanceOf(AppError);
  const error = err as AppError;
  const details = (error.details ?? {}) as { status?: number; errors?: { errorCode?: number; description?: string }[] };
  return { error, code: error.code, status: details.status, item: details.errors?.[0] };
}

/** The fields of a person both backends must agree on (the simulator adds its plan). */
export function personView(p: RemotePerson) {
  return {
    id: p.id,
    emails: p.emails,
    displayName: p.displayName,
    firstName: p.firstName,
    lastName: p.lastName,
    orgId: p.orgId,
    licenses: p.licenses,
    created: p.created,
    lastActivity: p.lastActivity,
    invitePending: p.invitePending,
    loginEnabled: p.loginEnabled,
  };
}

export function expectedPerson(p: FixturePerson & { id: string }) {
  return {
    id: p.id,
    emails: [p.email],
    displayName: p.displayName,
    firstName: p.firstName,
    lastName: p.lastName,
    orgId: ORG_ID,
    licenses: p.licenses,
    created: p.created,
    lastActivity: p.lastActivity,
    invitePending: p.invitePending,
    loginEnabled: true,
  };
}
