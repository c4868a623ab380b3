// Contract checks against the OpenAPI files in spec/webex-openapi (copied from ../shared): every response schema and
// request-body schema is compiled with ajv (strict: false, OpenAPI keywords like `example` ignored).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_DIR = process.env.WEBEX_OPENAPI_DIR ?? fileURLToPath(new URL('../../spec/webex-openapi/', import.meta.url));

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Doc = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, unknown> } };

/**
 * Deliberate deviations from the files, each because the file contradicts its own examples and the
 * live documentation (which SOURCE.md says wins):
 * - messages.yml `Attachment` is `{ content: File }`, but every example (and Webex) sends cards as
 *   `{ contentType: "application/vnd.microsoft.card.adaptive", content: <card> }`.
 * - webhooks.yml resource/event enums lack `all`, the firehose value Webex accepts and the bot
 *   framework registers (`resource: "all", event: "all"`).
 */
function patch(file: string, doc: Doc): void {
  if (file === 'webhooks.yml') addAllToEnums(doc);
  if (file === 'messages.yml' && doc.components?.schemas) {
    doc.components.schemas.Attachment = {
      type: 'object',
      required: ['contentType', 'content'],
      properties: { contentType: { type: 'string' }, content: { type: 'object' } },
    };
  }
}

function addAllToEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(addAllToEnums);
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (Array.isArray(obj.enum) && (obj.enum.includes('attachmentActions') || obj.enum.includes('statusChanged'))) obj.enum.push('all');
  Object.values(obj).forEach(addAllToEnums);
}

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly docs = new Map<string, Doc>();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(dir = OPENAPI_DIR) {
    if (!existsSync(dir)) throw new Error(`OpenAPI files not found in ${dir} (set WEBEX_OPENAPI_DIR)`);
    addFormats(this.ajv);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
      const doc = parse(readFileSync(`${dir}/${file}`, 'utf8')) as Doc;
      patch(file, doc);
      this.docs.set(file, doc);
      this.ajv.addSchema({ ...doc, $id: file } as object);
    }
  }

  private validator(file: string, ref: string): ValidateFunction {
    const key = `${file}#/${ref}`;
    let fn = this.cache.get(key);
    if (!fn) this.cache.set(key, (fn = this.ajv.compile({ $ref: key })));
    return fn;
  }

  private check(fn: ValidateFunction, value: unknown): string[] {
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  private operation(file: string, method: string, path: string) {
    const op = this.docs.get(file)?.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${file} has no ${method} ${path}`);
    return op;
  }

  /** Problems of `body` against the documented response of `status` (empty = valid). */
  response(file: string, method: string, path: string, status: number, body: unknown): string[] {
    const op = this.operation(file, method, path);
    if (!op.responses?.[String(status)]) return [`${file} ${method} ${path} documents no ${status} response`];
    if (!op.responses[String(status)].content?.['application/json']?.schema) return [];
    const ref = pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema');
    return this.check(this.validator(file, ref), body);
  }

  /** Problems of a request body against the documented JSON request body. */
  request(file: string, method: string, path: string, body: unknown): string[] {
    const op = this.operation(file, method, path);
    if (!op.requestBody?.content?.['application/json']?.schema) return [`${file} ${method} ${path} documents no JSON body`];
    const ref = pointer('paths', path, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema');
    return this.check(this.validator(file, ref), body);
  }
}
