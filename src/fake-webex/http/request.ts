// Reads and parses a request body the way Webex accepts them: JSON, multipart/form-data (file
// uploads, which the bot framework sends for CSV exports) and x-www-form-urlencoded (OAuth).
import type { IncomingMessage } from 'node:http';
import { badRequest, FakeHttpError } from './errors.js';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface UploadedPart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedForm {
  fields: Record<string, string[]>;
  files: UploadedPart[];
}

export interface ParsedBody {
  raw: Buffer;
  /** JSON value, or an object of fields for url-encoded bodies; undefined when empty or multipart. */
  json?: unknown;
  form?: ParsedForm;
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new FakeHttpError(413, 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function parseBody(req: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { raw };
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return { raw, form: await parseMultipart(req.headers['content-type']!, raw) };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { raw, json: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  }
  try {
    return { raw, json: JSON.parse(raw.toString('utf8')) };
  } catch {
    throw badRequest('Unable to parse the request body as JSON.');
  }
}

// Node's fetch implementation already has a correct multipart parser: reuse it via Request.formData().
async function parseMultipart(contentType: string, raw: Buffer): Promise<ParsedForm> {
  let data: FormData;
  try {
    data = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
  } catch {
    throw badRequest('Unable to parse the multipart/form-data request body.');
  }
  const form: ParsedForm = { fields: {}, files: [] };
  for (const [field, value] of data.entries()) {
    if (typeof value === 'string') (form.fields[field] ??= []).push(value);
    else {
      form.files.push({
        field,
        filename: value.name || 'file',
        contentType: value.type || 'application/octet-stream',
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return form;
}
