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
import { t } from '../i18n/translate.js';

/** The column the explanation goes in (its SQL depends on the org's notes: see withExplanation). */
export const explanationHeader = (): string => t('csv.explanation');

/** The export's columns, headed in the current language. */
export function csvColumns(): CsvColumn[] {
  return [
    { key: 'userId', header: t('csv.userId') },
    { key: 'firstName', header: t('csv.firstName') },
    { key: 'lastName', header: t('csv.lastName') },
    { key: 'email', header: t('csv.email') },
    { key: 'spEnterpriseId', header: t('csv.enterprise') },
    { key: 'package', header: t('csv.package') },
    { key: 'status', header: t('csv.status') },
    { key: 'errorCode', header: t('csv.errorCode') },
    { key: 'errorText', header: t('csv.error') },
    { key: 'errorText', header: explanationHeader() },
    { key: 'lastStatusChange', header: t('csv.lastChange') },
    { key: 'id', header: t('csv.subscriberId') },
  ];
}

/** The customer org's name (partner-wide exports): read beside each row; a formula-like name is quoted (CSV injection). */
const ORG_NAME = `(SELECT o."name" FROM "CustomerOrg" o WHERE o."id" = "Subscriber"."orgId")`;
const orgColumn = (): CsvColumn => ({
  sql: `CASE WHEN left(${ORG_NAME}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${ORG_NAME} ELSE coalesce(${ORG_NAME}, '') END`,
  header: t('csv.customerOrg'),
});

/** The columns with the explanation's SQL in place (the catalogue and these notes). */
export function withExplanation(columns: readonly CsvColumn[], notes: OrgNotes, options: { allStatuses?: boolean } = {}): CsvColumn[] {
  const explanation = explanationHeader();
  return columns.map((c) => (c.header === explanation ? { sql: explanationSql(notes, options), header: c.header } : c));
}

/** Writes the rows, with these columns, as CSV into `out`; returns how many (the store's COPY). */
export type CsvWriter = (columns: readonly CsvColumn[], out: Writable) => Promise<number>;

/**
 * The first row: how current the data is, as a one-cell row a spreadsheet shows above the header
 * (a CSV has no comments). Plain text, quoted for CSV; starts with a letter, so no formula.
 */
export function csvFreshnessRow(view: { asOf: Date | null; problem?: { status?: number; trackingId?: string; slow?: boolean } }, now: Date): string {
  const asOf = view.asOf ? view.asOf.toISOString().slice(0, 19) + 'Z' : t('csv.never');
  const exported = `${now.toISOString().slice(0, 19)}Z`;
  const { problem } = view;
  const text = !problem
    ? t('csv.fresh', { asOf })
    : !problem.status
      ? t('csv.stale', { asOf, now: exported })
      : problem.trackingId
        ? t('csv.staleTracking', { status: problem.status, id: problem.trackingId, asOf, now: exported })
        : t('csv.staleStatus', { status: problem.status, asOf, now: exported });
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
    const all = csvColumns();
    const enterprise = t('csv.enterprise');
    const columns = options.withOrg ? all.flatMap((c) => (c.header === enterprise ? [orgColumn(), c] : [c])) : all;
    const count = await write(withExplanation(columns, notes, { allStatuses: options.explainAllStatuses }), createWriteStream(file));
    return { data: Buffer.concat([Buffer.from(firstRow, 'utf8'), await readFile(file)]), count };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
