// Card templates live in cards/*.json (layout only); builders hand them an already-escaped view
// model. Each template is read and parsed once, then reused: Template.expand leaves it untouched.
import { readFileSync } from 'node:fs';
import { GlobalSettings, Template } from 'adaptivecards-templating';
import { currentLanguage, t, type MessageKey } from '../i18n/translate.js';
import type { AdaptiveCardJson } from './types.js';

export const TEMPLATE_NAMES = [
  'help',
  'emails-status',
  'emails-off-checklist',
  'confirm',
  'email-job',
  'users-list',
  'user-detail',
  'error-text',
  'result',
  'templates-check',
  'audit',
  'inactive-alert',
  'alerts-status',
  'errors-status',
  'failure-push',
  'errors-groups',
  'errors-group',
  'bulk-status',
  'late-command',
  'stats',
  'orgs',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const CARDS_DIR = new URL('../../cards/', import.meta.url);

/**
 * An unresolved `${field}` would otherwise stay in the card as literal text (NOTES.md §3), and
 * returning '' is ignored by the library. A visible "(n/a)" keeps a builder bug from leaking
 * template syntax; tests assert no builder relies on it.
 */
export const MISSING_FIELD_TEXT = '(n/a)';
GlobalSettings.getUndefinedFieldValueSubstitutionString = () => MISSING_FIELD_TEXT;

/** `{{key}}` in a template's text: the catalogue's message `key` in the card's language. */
export const TEMPLATE_MESSAGE = /\{\{([\w.-]+)\}\}/g;

const cache = new Map<string, Template>();

/** Every string of `json` with its `{{key}}` replaced by that message (no arguments: builders give those). */
function translated(json: unknown): unknown {
  if (typeof json === 'string') return json.replace(TEMPLATE_MESSAGE, (_, key: string) => t(key as MessageKey));
  if (Array.isArray(json)) return json.map(translated);
  if (json && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, translated(v)]));
  return json;
}

function templateJson(name: TemplateName): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8'));
}

/** The template in the current language, parsed once per language. */
function template(name: TemplateName): Template {
  const key = `${currentLanguage()}:${name}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = new Template(translated(templateJson(name)));
    cache.set(key, loaded);
  }
  return loaded;
}

/** Expands a template with `data` as `$root`. The view model must already be markdown-safe. */
export function expandTemplate(name: TemplateName, data: object): AdaptiveCardJson {
  const card = template(name).expand({ $root: data }) as AdaptiveCardJson;
  // The `$schema` hint helps editors; Webex ignores it, so it is dropped from what we send.
  const { $schema: _schema, ...rest } = card;
  return rest as AdaptiveCardJson;
}
