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

/** A cause group's key (see src/error-intelligence/cause.ts): `code:…`, `text:…` or `status:…`. */
const causeKey = z.string().min(6).max(320).regex(/^(code|text|status):/, 'invalid cause');
export const BULK_KINDS = ['retry', 'remove', 'consent'] as const;

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
  /** The consent-move email, to a user waiting to move their Webex account (pending_user_migration). */
  defineAction('user.consent', { subscriberId: entityId }, none),

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

  defineAction('errors.on', none, none),
  defineAction('errors.off', none, none),
  /** From the `errors` card: one cause group, with the actions that fit it. */
  defineAction('errors.group.open', none, { causeKey }),
  /** A cause group's card: its users, its CSV, or a bulk job's preview. */
  defineAction('errors.group.users', { causeKey }, none),
  defineAction('errors.group.export', { causeKey }, none),
  defineAction('errors.group.bulk', { causeKey, kind: z.enum(BULK_KINDS) }, none),
  /** Starts a previewed bulk job (the preview names the number). */
  defineAction('bulk.confirm', { jobId: entityId }, none),
  /** Cancels a bulk job: at its preview, or while it runs (before its next item). */
  defineAction('bulk.cancel', none, { jobId: entityId }),
  defineAction('bulk.refresh', none, none),
  /** Runs a late command the admin confirmed (its text must be the one the card offered). */
  defineAction('command.late', { text: z.string().min(1).max(300) }, none),

  /** `orgs`: one org's pending and errored users (the card's own buttons then act on that org). */
  defineAction('orgs.open', { orgId: entityId }, none),
  defineAction('orgs.page', { page, text: filterText }, none),

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

/** A checked submission of action N, or what is wrong with it. */
export type ParsedAction<N extends ActionName> =
  | { ok: true; submission: ActionSubmission<N> }
  /** `issues` name the field and zod's code (for the audit); `message` is ours, for the admin. */
  | { ok: false; reason: 'invalid'; issues: string[]; message: string };

/** Checks a submission against the schema of action N (what the dispatcher runs, via the action). */
export function parseAction<N extends ActionName>(name: N, inputs: unknown): ParsedAction<N> {
  // Widened: the checker cannot follow one action's schema through the catalogue's union.
  const schema: z.ZodType = actionSchema(name);
  const result = schema.safeParse(inputs);
  if (result.success) return { ok: true, submission: result.data as ActionSubmission<N> };
  return {
    ok: false,
    reason: 'invalid',
    issues: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`),
    message: describeInvalidSubmission(result.error.issues),
  };
}

export type ParsedSubmission =
  | { ok: true; submission: AnySubmission }
  | { ok: false; reason: 'unknown-action' | 'invalid'; issues: string[]; message: string };

const isActionName = (name: unknown): name is ActionName => typeof name === 'string' && BY_NAME.has(name);

/**
 * A forged value named for the audit without touching it: `String(x)` calls the value's own
 * `toString`, which a submitted object may replace (`{"toString": null}` makes it throw).
 */
function describeForAudit(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 60) : value === null ? 'null' : typeof value;
}

/** Checks an attachment action's `inputs` against the schema its `action` names. */
export function parseSubmission(inputs: unknown): ParsedSubmission {
  const fields: Record<string, unknown> = typeof inputs === 'object' && inputs !== null ? { ...inputs } : {};
  const name = fields.action;
  if (!isActionName(name)) {
    return { ok: false, reason: 'unknown-action', issues: [`unknown action: ${describeForAudit(name)}`], message: 'That button is not one I offer.' };
  }
  return parseAction(name, inputs);
}

/** What each submitted field is, as an admin would name it. */
const FIELD_NAMES: Record<string, string> = {
  email: 'The email address',
  personIds: 'The selection',
  snoozeDays: 'The number of days',
  package: 'The package',
  subscriberId: 'The user',
  jobId: 'The job',
  page: 'The page',
  statuses: 'The status filter',
  filterStatuses: 'The status filter',
  enterprise: 'The enterprise',
  filterEnterprise: 'The enterprise',
  text: 'The search text',
  filterText: 'The search text',
  includeProvisioned: 'The "include provisioned" choice',
  filterIncludeProvisioned: 'The "include provisioned" choice',
  cardId: 'The card',
  action: 'The button',
};

const UNITS: Record<string, string> = { string: 'characters', array: 'items' };

/**
 * A refused submission in our own words, one sentence per problem, naming the field and the
 * limit (zod's own wording never reaches an admin).
 */
export function describeInvalidSubmission(issues: readonly z.core.$ZodIssue[]): string {
  const sentences = issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const field = FIELD_NAMES[key] ?? 'A value';
    switch (issue.code) {
      case 'too_big':
        if (key === 'personIds') return `Select at most ${String(issue.maximum)} users at a time.`;
        return issue.origin === 'number' ? `${field} must be at most ${String(issue.maximum)}.` : `${field} is too long (at most ${String(issue.maximum)} ${UNITS[issue.origin] ?? 'characters'}).`;
      case 'too_small':
        if (key === 'personIds') return 'Select at least one user.';
        return issue.origin === 'number' ? `${field} must be at least ${String(issue.minimum)}.` : `${field} is empty.`;
      case 'invalid_format':
        return issue.format === 'email' ? `${field} is not a valid email address.` : `${field} has characters that are not allowed.`;
      case 'invalid_value':
        return `${field} is not one of the choices offered.`;
      case 'invalid_type':
        return issue.input === undefined ? `${field} is missing.` : `${field} is not valid.`;
      default:
        return `${field} is not valid.`;
    }
  });
  return [...new Set(sentences)].join(' ');
}
