// The explanation as a SQL expression over a "Subscriber" row, for the CSV export (PostgreSQL
// writes the file itself: no row becomes an object, so the catalogue goes to the database as a
// CASE, in its own order: first match wins, as in lookup()). Every value is an escaped literal.
import pg from 'pg';
import { CATALOGUE, entryWords } from './catalogue.js';
import { t } from '../i18n/translate.js';
import { EXPLAINED_STATUSES, explainError, shortExplanation, type OrgNotes } from './explain.js';

/** JavaScript's \b is PostgreSQL's \y; the rest of the catalogue's patterns read the same. */
const toPostgresRegex = (pattern: string) => pattern.replace(/\\b/g, '\\y');

const CODE = `(CASE WHEN "status" = 'error' THEN upper("errorCode"::text) ELSE upper("status"::text) END)`;
const TEXT = `(CASE WHEN "status" = 'error' THEN coalesce("errorText", '') ELSE '' END)`;

/** `allStatuses`: every row is explained (a cause's export: its stuck pending users too). */
export function explanationSql(notes: OrgNotes, options: { allStatuses?: boolean } = {}): string {
  const lit = (s: string) => pg.escapeLiteral(s);
  const whens: string[] = [];
  for (const code of notes.keys()) whens.push(`WHEN ${CODE} = ${lit(code)} THEN ${lit(shortExplanation(explainError(code, null, notes)))}`);
  for (const e of CATALOGUE) {
    const tests = [
      ...(e.codes?.length ? [`${CODE} IN (${e.codes.map((c) => lit(c.toUpperCase())).join(', ')})`] : []),
      ...(e.pattern ? [`${TEXT} ~* ${lit(toPostgresRegex(e.pattern))}`] : []),
    ];
    whens.push(`WHEN ${tests.join(' OR ')} THEN ${lit(`${entryWords(e).title}.`)}`);
  }
  // Only the states the cards explain (EXPLAINED_STATUSES); an error no entry matches is said to be unknown.
  const explained = [...EXPLAINED_STATUSES].map(lit).join(', ');
  const skip = options.allStatuses ? '' : `WHEN "status"::text NOT IN (${explained}) THEN '' `;
  return `(CASE ${skip}${whens.join(' ')} WHEN "status" = 'error' THEN ${lit(`${t('explain.notInCatalogue')}.`)} ELSE '' END)`;
}
