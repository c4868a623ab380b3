// The subscriber list as CSV, produced from the store in batches through csv-stringify, so a
// 100,000-row export holds one batch of rows at a time (plus the CSV text itself, once).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Subscriber } from '../store/subscribers.js';

export const CSV_COLUMNS = [
  { key: 'userId', header: 'BroadWorks user ID' },
  { key: 'firstName', header: 'First name' },
  { key: 'lastName', header: 'Last name' },
  { key: 'email', header: 'Email' },
  { key: 'spEnterpriseId', header: 'Enterprise' },
  { key: 'package', header: 'Package' },
  { key: 'status', header: 'Status' },
  { key: 'errorCode', header: 'Error code' },
  { key: 'errorText', header: 'Error' },
  { key: 'lastStatusChange', header: 'Last status change' },
  { key: 'id', header: 'Webex subscriber ID' },
] as const;

/** Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection). */
function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function subscribersCsv(rows: AsyncIterable<Subscriber>): Promise<{ data: Buffer; count: number }> {
  // The CSV goes to a temporary file and is read back once: collecting chunks and concatenating
  // them would hold the whole text twice (the upload needs one Buffer).
  const dir = await mkdtemp(path.join(tmpdir(), 'activation-bot-export-'));
  const file = path.join(dir, 'export.csv');
  try {
    const csv = stringify({ header: true, columns: CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })) });
    const written = pipeline(csv, createWriteStream(file));
    let count = 0;
    try {
      for await (const row of rows) {
        const record = Object.fromEntries(CSV_COLUMNS.map((c) => [c.key, safeCell(row[c.key])]));
        if (!csv.write(record)) await once(csv, 'drain');
        count++;
      }
      csv.end();
    } catch (err) {
      csv.destroy(err as Error);
      throw err;
    } finally {
      await written.catch(() => {});
    }
    await written;
    return { data: await readFile(file), count };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
