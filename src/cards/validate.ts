// validateCard: is this card something Webex will render and the bot can trust? Three layers:
// the Adaptive Cards 1.3 JSON schema (ajv), the adaptivecards parser targeting 1.3 with the types
// Webex lacks removed, and Webex/bot rules neither of those knows. See
// ../shared/adaptive-cards/NOTES.md §2 and §4 for why each piece is set up this way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type * as ACModule from 'adaptivecards';
import { ACTION_NAMES } from './actions.js';

const require = createRequire(import.meta.url);
// adaptivecards 3.0.6's lib/ is extensionless ESM that Node cannot load; the UMD bundle works.
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACModule;
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;

/** Webex's documented button limit per card (developer.webex.com, buttons and cards guide). */
export const MAX_ACTIONS = 5;
/** Card-level properties Webex ignores or rejects; the fallback goes in the message instead. */
const UNSUPPORTED_CARD_PROPERTIES = ['fallbackText', 'fallback', 'requires', 'speak', 'verticalContentAlignment'];
const MAX_ERRORS_FROM_SCHEMA = 5;

const SCHEMA_ID = 'http://adaptivecards.io/schemas/adaptive-card.json';
let schemaAjv: { ajv: Ajv; root: ValidateFunction; definitions: Set<string> } | undefined;

function schemaTools() {
  if (!schemaAjv) {
    const schema = JSON.parse(readFileSync(new URL('./adaptive-card-1.3.schema.json', import.meta.url), 'utf8')) as {
      id?: string;
      definitions: Record<string, unknown>;
    } & Record<string, unknown>;
    // The schema names itself with draft-04 style "id", which ajv 8 refuses; "$id" means the same.
    const { id: _id, ...rest } = schema;
    const ajv = new Ajv({ strict: false });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    addFormats(ajv);
    ajv.addSchema({ ...rest, $id: SCHEMA_ID });
    schemaAjv = { ajv, root: ajv.getSchema(SCHEMA_ID)!, definitions: new Set(Object.keys(schema.definitions)) };
  }
  return schemaAjv;
}

/**
 * Errors from the 1.3 JSON schema. Each element is an anyOf over every element type, so the raw
 * errors list every branch (NOTES.md §4); instead, the deepest failing element is found and
 * checked alone against its own type's definition, which gives the one error that matters.
 */
export function schemaErrors(card: unknown): string[] {
  const { ajv, root, definitions } = schemaTools();
  if (root(card)) return [];
  const paths = (root.errors ?? []).map((e) => e.instancePath);
  const elementPath = deepestTypedPath(card, paths);
  const element = valueAt(card, elementPath) as { type?: unknown } | undefined;
  const type = elementPath === '' ? 'AdaptiveCard' : element?.type;
  if (typeof type !== 'string' || !definitions.has(type)) {
    return [`schema: ${elementPath || '/'} has unknown type ${JSON.stringify(type)}`];
  }
  const validateOne = ajv.getSchema(`${SCHEMA_ID}#/definitions/${type}`)!;
  if (validateOne(element)) return [`schema: ${elementPath || '/'} (${type}) does not fit where it is used`];
  const messages = (validateOne.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'pattern')
    .map((e) => `schema: ${elementPath + e.instancePath || '/'} (${type}) ${e.message ?? e.keyword}${describeParams(e)}`);
  return [...new Set(messages)].slice(0, MAX_ERRORS_FROM_SCHEMA);
}

/** The deepest path, among the error paths and their ancestors, holding an object with a type. */
function deepestTypedPath(card: unknown, paths: string[]): string {
  let best = '';
  for (const path of paths) {
    const parts = path.split('/');
    for (let n = parts.length; n > 1; n--) {
      const candidate = parts.slice(0, n).join('/');
      const value = valueAt(card, candidate);
      if (typeof value === 'object' && value !== null && 'type' in value) {
        if (candidate.split('/').length > best.split('/').length) best = candidate;
        break;
      }
    }
  }
  return best;
}

function valueAt(root: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), root);
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (typeof p.additionalProperty === 'string') return ` (${p.additionalProperty})`;
  if (Array.isArray(p.allowedValues)) return ` (${p.allowedValues.join(', ')})`;
  return '';
}

let webexRegistries: { elements: ACModule.CardObjectRegistry<ACModule.CardElement>; actions: ACModule.CardObjectRegistry<ACModule.Action> } | undefined;

function registries() {
  if (!webexRegistries) {
    const elements = new AC.CardObjectRegistry<ACModule.CardElement>();
    AC.GlobalRegistry.populateWithDefaultElements(elements);
    elements.unregister('Media'); // "All card elements are available for use except Media"
    const actions = new AC.CardObjectRegistry<ACModule.Action>();
    AC.GlobalRegistry.populateWithDefaultActions(actions);
    actions.unregister('Action.ToggleVisibility'); // not supported by Webex
    webexRegistries = { elements, actions };
  }
  return webexRegistries;
}

/** Problems the adaptivecards parser reports when it reads the card as a 1.3 card. */
export function parserErrors(card: unknown): string[] {
  const { elements, actions } = registries();
  const context = new AC.SerializationContext(AC.Versions.v1_3);
  context.setElementRegistry(elements);
  context.setActionRegistry(actions);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const out: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (event.event !== AC.ValidationEvent.Hint) out.push(`parser: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    if (event.event !== AC.ValidationEvent.Hint) out.push(`parser: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Webex and bot rules: version, button count, card-level attributes, Submit data shape. */
export function webexRuleErrors(card: unknown): string[] {
  if (!isObject(card)) return ['card: not an object'];
  const out: string[] = [];
  if (card.type !== 'AdaptiveCard') out.push('card: type must be "AdaptiveCard"');
  const version = typeof card.version === 'string' ? /^(\d+)\.(\d+)$/.exec(card.version) : null;
  if (!version) out.push('card: version is missing or malformed (Webex needs "1.3" or lower)');
  else if (Number(version[1]) > 1 || (Number(version[1]) === 1 && Number(version[2]) > 3)) {
    out.push(`card: version ${String(card.version)} is above 1.3, the highest Webex renders`);
  }
  checkCardLevel(card, '', out);
  walk(card, '', (node, path) => {
    if (node.type === 'Action.ShowCard' && isObject(node.card)) checkCardLevel(node.card, `${path}/card`, out);
    if (node.type === 'Action.Submit') checkSubmitData(node.data, path, out);
  });
  return out;
}

function checkCardLevel(card: Json, path: string, out: string[]): void {
  for (const key of UNSUPPORTED_CARD_PROPERTIES) {
    if (key in card) out.push(`card${path}: "${key}" is not supported by Webex at card level`);
  }
  const actions = Array.isArray(card.actions) ? card.actions : [];
  if (actions.length > MAX_ACTIONS) {
    out.push(`card${path}: ${actions.length} actions; Webex allows at most ${MAX_ACTIONS}`);
  }
}

function checkSubmitData(data: unknown, path: string, out: string[]): void {
  if (!isObject(data)) {
    out.push(`${path}: Action.Submit needs data { action, cardId }`);
    return;
  }
  if (typeof data.action !== 'string' || !(ACTION_NAMES as readonly string[]).includes(data.action)) {
    out.push(`${path}: Action.Submit data.action ${JSON.stringify(data.action)} is not a known action`);
  }
  if (typeof data.cardId !== 'string' || data.cardId.length === 0) out.push(`${path}: Action.Submit data.cardId is missing`);
}

function walk(node: unknown, path: string, visit: (node: Json, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${path}/${i}`, visit));
  } else if (isObject(node)) {
    visit(node, path);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'data') walk(child, `${path}/${key}`, visit); // Submit data is payload, not card
    }
  }
}

/** Every problem found; an empty list means the card is fine to send to Webex. */
export function validateCard(card: unknown): string[] {
  return [...schemaErrors(card), ...parserErrors(card), ...webexRuleErrors(card)];
}
