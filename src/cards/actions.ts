// Every Action.Submit the cards offer, with the zod schema of what comes back. Webex hands the
// bot one `inputs` object holding the Submit's `data` (action, cardId, ids) merged with the
// values of the card's inputs (keyed by input id), so each schema covers both. Values arrive as
// JSON from data and as strings from inputs (Input.Number "7", Input.Toggle "true", a multi-select
// "a,b"), hence the coercions. Unknown keys are dropped: a ShowCard's Submit also carries the
// parent card's inputs.
import { z } from 'zod';
import { SUBSCRIBER_PACKAGES, SUBSCRIBER_STATUSES } from '../provisioning/types.js';


/** Opaque id of the sent card; the bot looks up which actions that card offered. */
const cardId = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'invalid card id');
/** A Webex / store id (base64-ish); never contains a comma, which separates multi-select values. */
const entityId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:=+/@-]+$/, 'invalid id');
const commaList = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) =>
      s
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );
const idList = commaList(10_000).pipe(z.array(entityId).min(1, 'select at least one user').max(100));
const statusList = commaList(500).pipe(z.array(z.enum(SUBSCRIBER_STATUSES)).max(SUBSCRIBER_STATUSES.length));
const page = z.coerce.number().int().min(0).max(100_000);
const bool = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
const email = z.string().trim().max(254).pipe(z.email('enter a valid email address'));
/** Free text from a filter; empty means "no filter". Cards clip it to 100 code points, which
 * can be up to 200 UTF-16 units (zod's length). */
const filterText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

/** The users-list filter as a card carries it in Submit data (see users-list.ts). */
const usersFilterData = {
  statuses: statusList.default([]),
  enterprise: filterText,
  text: filterText,
  includeProvisioned: bool.default(false),
};

function defineAction<N extends string, D extends z.ZodRawShape, I extends z.ZodRawShape>(name: N, data: D, inputs: I) {
  return {
    name,
    /** What the card puts in the Submit data besides action and cardId. */
    data: z.object(data),
    /** The schemas of the values that come back from the card's inputs (keyed by input id). */
    inputs,
    /** The whole submission: data + inputs. */
    schema: z.object({ action: z.literal(name), cardId, ...data, ...inputs }),
  };
}
const none = {};

/** Every card action, with its schema. Dotted names: <area>.<verb>[.confirm]. */
export const CARD_ACTIONS = [
  defineAction('emails.on', none, none),
  /** Opens the confirmation (what the admin takes on); it does not turn anything off. */
  defineAction('emails.off', none, none),
  defineAction('emails.off.confirm', none, none),
  defineAction('emails.checklist', none, none),
  defineAction('emails.sendOne', none, { email }),
  /** Opens a preview/confirmation of the bulk job. */
  defineAction('emails.sendAll', none, none),
  defineAction('emails.sendAll.confirm', none, none),
  defineAction('emails.job.refresh', { jobId: entityId }, none),

  defineAction('users.page', { page, ...usersFilterData }, none),
  defineAction('users.filter', none, {
    filterStatuses: statusList.default([]),
    filterEnterprise: filterText,
    filterText: filterText,
    filterIncludeProvisioned: bool.default(false),
  }),
  defineAction('users.export', usersFilterData, none),

  /** From the users list the id is the ChoiceSet input; from other cards it is in data. */
  defineAction('user.open', none, { subscriberId: entityId }),
  defineAction('user.retry', { subscriberId: entityId }, { email }),
  /** Opens the remove confirmation. */
  defineAction('user.remove', { subscriberId: entityId }, none),
  defineAction('user.remove.confirm', { subscriberId: entityId }, none),
  defineAction('user.package', { subscriberId: entityId }, { package: z.enum(SUBSCRIBER_PACKAGES) }),
  defineAction('user.copyError', { subscriberId: entityId }, none),

  defineAction('templates.refresh', none, none),

  defineAction('alerts.on', none, none),
  defineAction('alerts.off', none, none),
  defineAction('alerts.page', { page }, none),
  defineAction('alerts.remind', none, { personIds: idList }),
  /** Opens a preview/confirmation of reminding everyone inactive. */
  defineAction('alerts.remindAll', none, none),
  defineAction('alerts.remindAll.confirm', none, none),
  defineAction('alerts.snooze', none, { personIds: idList, snoozeDays: z.coerce.number().int().min(1).max(90) }),
  defineAction('alerts.handled', none, { personIds: idList }),

  /** Cancel on any confirmation card. */
  defineAction('card.cancel', none, none),
] as const;

type CardAction = (typeof CARD_ACTIONS)[number];
export type ActionName = CardAction['name'];
type ActionOf<N extends ActionName> = Extract<CardAction, { name: N }>;

export const ACTION_NAMES: readonly ActionName[] = CARD_ACTIONS.map((a) => a.name);
const BY_NAME = new Map<string, CardAction>(CARD_ACTIONS.map((a) => [a.name, a]));

/** The zod schema of an action's submission (data + inputs). */
export function actionSchema<N extends ActionName>(name: N): ActionOf<N>['schema'] {
  return (BY_NAME.get(name) as ActionOf<N>).schema as ActionOf<N>['schema'];
}

/** A validated submission of action N. */
export type ActionSubmission<N extends ActionName> = z.output<ActionOf<N>['schema']>;
export type AnySubmission = { [N in ActionName]: ActionSubmission<N> }[ActionName];
/**
 * What a card puts in the Submit data of action N, besides action and cardId. An input's value
 * may also be given in data when the card has no such input (e.g. `user.open` with the
 * subscriberId from a result card); an input with the same id would override it.
 */
export type SubmitFields<N extends ActionName> = (keyof ActionOf<N>['data']['shape'] extends never
  ? {} // z.input of an empty object is an index signature of never, which would refuse any key
  : z.input<ActionOf<N>['data']>) & {
  [K in keyof ActionOf<N>['inputs']]?: z.input<ActionOf<N>['inputs'][K]>;
};
export type SubmitData<N extends ActionName = ActionName> = { action: N; cardId: string } & SubmitFields<N>;

/** The `data` of an Action.Submit: always the action name and the card id first. */
export function submitData<N extends ActionName>(action: N, cardId: string, fields: SubmitFields<N>): SubmitData<N> {
  return { action, cardId, ...fields };
}

export type ParsedSubmission =
  | { ok: true; submission: AnySubmission }
  /** `issues` name the field (for the audit); `messages` are the schema's own words, for the admin. */
  | { ok: false; reason: 'unknown-action' | 'invalid'; issues: string[]; messages: string[] };

/** Checks an attachment action's `inputs` against the schema its `action` names. */
export function parseSubmission(inputs: unknown): ParsedSubmission {
  const name = typeof inputs === 'object' && inputs !== null ? (inputs as { action?: unknown }).action : undefined;
  const action = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (!action) {
    return { ok: false, reason: 'unknown-action', issues: [`unknown action: ${String(name).slice(0, 60)}`], messages: ['That button is not one I offer.'] };
  }
  // Widened on purpose: safeParse over the union of every schema is too deep for the checker.
  const schema: z.ZodType = action.schema;
  const result = schema.safeParse(inputs);
  if (!result.success) {
    return {
      ok: false,
      reason: 'invalid',
      issues: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      messages: result.error.issues.map((issue) => issue.message),
    };
  }
  return { ok: true, submission: result.data as AnySubmission };
}
