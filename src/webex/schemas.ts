// zod schemas of the Webex answers we read, after the OpenAPI files. Loose objects: Webex adds
// fields over time and that must not break us. Booleans are also accepted as "true"/"false"
// strings: the People schema declares them so, and BroadWorks examples send selfActivated that way.
import { z } from 'zod';

const boolish = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

export const webexPersonSchema = z.looseObject({
  id: z.string(),
  emails: z.array(z.string()).default([]),
  displayName: z.string().optional(),
  nickName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  orgId: z.string().optional(),
  type: z.string().optional(),
  roles: z.array(z.string()).optional(),
  licenses: z.array(z.string()).optional(),
  created: z.string().optional(),
  lastActivity: z.string().optional(),
  status: z.string().optional(),
  invitePending: boolish.optional(),
  loginEnabled: boolish.optional(),
});
export type WebexPerson = z.infer<typeof webexPersonSchema>;

export const orgSettingSchema = z.looseObject({ key: z.string(), value: boolish, name: z.string().optional() });

export const activationJobSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  trackingId: z.string().optional(),
  instanceId: z.number().optional(),
  latestExecutionStatus: z.enum(['COMPLETED', 'STARTING', 'STARTED', 'STOPPING', 'FAILED', 'ABANDONED', 'UNKNOWN']),
  latestExecutionExitCode: z.enum(['UNKNOWN', 'COMPLETED', 'FAILED', 'STOPPED', 'COMPLETED_WITH_ERRORS']).optional(),
  counts: z.looseObject({
    userResendInviteSent: z.number(),
    userResendInviteFailed: z.number(),
    userResendInviteSkipped: z.number(),
    totalUsers: z.number(),
  }),
  allowAdminInviteEmails: boolish.optional(),
});
export type WebexActivationJob = z.infer<typeof activationJobSchema>;

export const activationJobErrorSchema = z.looseObject({
  itemNumber: z.number(),
  trackingId: z.string().optional(),
  error: z.looseObject({
    key: z.string(),
    message: z.array(z.looseObject({ description: z.string(), code: z.string().optional() })).default([]),
  }),
});
export type WebexActivationJobError = z.infer<typeof activationJobErrorSchema>;

export const subscriberSchema = z.looseObject({
  id: z.string(),
  personId: z.string().optional(),
  userId: z.string(),
  spEnterpriseId: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  primaryPhoneNumber: z.string().optional(),
  mobilePhoneNumber: z.string().optional(),
  extension: z.string().optional(),
  package: z.enum(['softphone', 'basic', 'standard', 'premium']),
  status: z.enum(['pending_email_input', 'pending_email_validation', 'pending_user_migration', 'provisioning', 'provisioned', 'updating', 'error']),
  errors: z.array(z.looseObject({ errorCode: z.coerce.number(), description: z.string() })).default([]),
  created: z.string(),
  lastStatusChange: z.string(),
  provisioningId: z.string(),
  selfActivated: boolish.default(false),
});
export type WebexSubscriber = z.infer<typeof subscriberSchema>;

const precheckInfo = z.looseObject({ infoCode: z.number(), description: z.string() });
/** The schema says `info` is an object, the example shows an array: accept both. */
export const precheckSchema = z.looseObject({
  message: z.string().optional(),
  info: z.union([precheckInfo, z.array(precheckInfo)]).optional(),
});

export const roomSchema = z.looseObject({ id: z.string(), title: z.string().optional(), type: z.enum(['direct', 'group']) });
export const roomActivitySchema = roomSchema.extend({ lastActivity: z.string().optional() });

export const membershipSchema = z.looseObject({
  id: z.string(),
  roomId: z.string(),
  personId: z.string(),
  personEmail: z.string().optional(),
  isModerator: z.boolean().optional(),
});

export const messageSchema = z.looseObject({
  id: z.string(),
  roomId: z.string(),
  roomType: z.enum(['direct', 'group']).optional(),
  parentId: z.string().optional(),
  text: z.string().optional(),
  markdown: z.string().optional(),
  files: z.array(z.string()).optional(),
  personId: z.string().optional(),
  personEmail: z.string().optional(),
  mentionedPeople: z.array(z.string()).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
  created: z.string().optional(),
});
export type WebexMessage = z.infer<typeof messageSchema>;

export const attachmentActionSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  messageId: z.string(),
  personId: z.string().optional(),
  roomId: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).default({}),
  created: z.string().optional(),
});
export type WebexAttachmentAction = z.infer<typeof attachmentActionSchema>;
