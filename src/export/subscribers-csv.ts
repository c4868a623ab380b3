// The subscriber list as CSV, produced from the store in batches through csv-stringify, so a
// 100,000-row export holds one batch of rows at a time (plus the CSV text itself).
import { once } from 'node:events';
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
  const csv = stringify({ header: true, columns: CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })), cast: { date: (d) => d.toISOString() } });
  const chunks: Buffer[] = [];
  csv.on('data', (chunk: Buffer | string) => chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
  let count = 0;
  for await (const row of rows) {
    const record = Object.fromEntries(CSV_COLUMNS.map((c) => [c.key, safeCell(row[c.key])]));
    if (!csv.write(record)) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(csv, 'end');
  return { data: Buffer.concat(chunks), count };
}
