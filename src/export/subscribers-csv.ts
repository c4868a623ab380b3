// The subscriber list as a CSV file for the admin: the store writes it (PostgreSQL's COPY) to a
// temporary file that is read back once, so an export of 100,000 rows never holds them as objects.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { explanationSql } from '../error-intelligence/sql.js';
import type { OrgNotes } from '../error-intelligence/explain.js';
import type { CsvColumn } from '../store/subscribers.js';

/** The column the explanation goes in (its SQL depends on the org's notes: see withExplanation). */
export const EXPLANATION_HEADER = 'Explanation';

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { key: 'userId', header: 'BroadWorks user ID' },
  { key: 'firstName', header: 'First name' },
  { key: 'lastName', header: 'Last name' },
  { key: 'email', header: 'Email' },
  { key: 'spEnterpriseId', header: 'Enterprise' },
  { key: 'package', header: 'Package' },
  { key: 'status', header: 'Status' },
  { key: 'errorCode', header: 'Error code' },
  { key: 'errorText', header: 'Error' },
  { key: 'errorText', header: EXPLANATION_HEADER },
  { key: 'lastStatusChange', header: 'Last status change' },
  { key: 'id', header: 'Webex subscriber ID' },
];

/** The customer org's name (partner-wide exports): read beside each row; a formula-like name is quoted (CSV injection). */
const ORG_NAME = `(SELECT o."name" FROM "CustomerOrg" o WHERE o."id" = "Subscriber"."orgId")`;
export const ORG_COLUMN: CsvColumn = {
  sql: `CASE WHEN left(${ORG_NAME}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${ORG_NAME} ELSE coalesce(${ORG_NAME}, '') END`,
  header: 'Customer org',
};

/** The columns with the explanation's SQL in place (the catalogue and these notes). */
export function withExplanation(columns: readonly CsvColumn[], notes: OrgNotes, options: { allStatuses?: boolean } = {}): CsvColumn[] {
  return columns.map((c) => (c.header === EXPLANATION_HEADER ? { sql: explanationSql(notes, options), header: c.header } : c));
}

/** Writes the rows, with these columns, as CSV into `out`; returns how many (the store's COPY). */
export type CsvWriter = (columns: readonly CsvColumn[], out: Writable) => Promise<number>;

/**
 * The first row: how current the data is, as a one-cell row a spreadsheet shows above the header
 * (a CSV has no comments). Plain text, quoted for CSV; starts with a letter, so no formula.
 */
export function csvFreshnessRow(view: { asOf: Date | null; problem?: { status?: number; trackingId?: string; slow?: boolean } }, now: Date): string {
  const asOf = view.asOf ? view.asOf.toISOString().slice(0, 19) + 'Z' : 'never';
  const text = view.problem
    ? `Webex did not answer${view.problem.status ? ` (HTTP ${view.problem.status}${view.problem.trackingId ? `, tracking id ${view.problem.trackingId}` : ''})` : ''}: data as of ${asOf}, exported ${now.toISOString().slice(0, 19)}Z`
    : `Data from Webex as of ${asOf}`;
  return `"${text.replace(/"/g, '""')}"\n`;
}

export async function subscribersCsv(
  write: CsvWriter,
  firstRow = '',
  notes: OrgNotes = new Map(),
  options: { explainAllStatuses?: boolean; withOrg?: boolean } = {},
): Promise<{ data: Buffer; count: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'activation-bot-export-'));
  try {
    const file = path.join(dir, 'export.csv');
    const columns = options.withOrg ? CSV_COLUMNS.flatMap((c) => (c.header === 'Enterprise' ? [ORG_COLUMN, c] : [c])) : CSV_COLUMNS;
    const count = await write(withExplanation(columns, notes, { allStatuses: options.explainAllStatuses }), createWriteStream(file));
    return { data: Buffer.concat([Buffer.from(firstRow, 'utf8'), await readFile(file)]), count };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
