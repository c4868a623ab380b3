// The demo world the simulator is seeded with: a service provider's enterprises (one of them
// with a misconfigured customer template), and names from the places our two source documents
// come from (Romania, Czechia) as well as English ones.
import type { SubscriberPackage, SubscriberStatus } from '../types.js';
import type { SubscriberErrorKind } from './catalog.js';

export interface DemoEnterprise {
  spEnterpriseId: string;
  name: string;
  domain: string;
  packages: SubscriberPackage[];
  /** Share of subscribers that belong here (weights, need not sum to 1). */
  weight: number;
  /** User Authentication as Partner Hub shows it; only one enterprise gets it wrong. */
  untrustedEmails: boolean;
  shareLinkKind: 'activation' | 'download' | 'none';
}

export const ENTERPRISES: DemoEnterprise[] = [
  { spEnterpriseId: 'SP1+acme', name: 'Acme Corporation', domain: 'acme.com', packages: ['softphone', 'basic', 'standard', 'premium'], weight: 3, untrustedEmails: true, shareLinkKind: 'activation' },
  { spEnterpriseId: 'SP1+globex', name: 'Globex', domain: 'globex.com', packages: ['basic', 'standard', 'premium'], weight: 2, untrustedEmails: true, shareLinkKind: 'activation' },
  { spEnterpriseId: 'SP1+carpatia', name: 'Carpatia Logistics', domain: 'carpatia-logistics.ro', packages: ['softphone', 'basic', 'standard'], weight: 2, untrustedEmails: true, shareLinkKind: 'activation' },
  { spEnterpriseId: 'SP1+vltava', name: 'Vltava Software', domain: 'vltava-software.cz', packages: ['basic', 'standard'], weight: 2, untrustedEmails: true, shareLinkKind: 'activation' },
  // Misconfigured: untrusted emails unchecked and the share link on the download page, so its
  // users cannot self-activate (they pile up in pending_email_input and errors).
  { spEnterpriseId: 'SP1+initech', name: 'Initech', domain: 'initech.com', packages: ['softphone', 'basic', 'standard'], weight: 1, untrustedEmails: false, shareLinkKind: 'download' },
];

export const FIRST_NAMES = [
  'John', 'Emily', 'Michael', 'Sarah', 'David', 'Laura', 'James', 'Olivia', 'Daniel', 'Grace',
  'Andrei', 'Ioana', 'Mihai', 'Elena', 'Alexandru', 'Maria', 'Bogdan', 'Ana', 'Radu', 'Cristina',
  'Jan', 'Tereza', 'Petr', 'Lucie', 'Tomáš', 'Kateřina', 'Jakub', 'Eliška', 'Ondřej', 'Veronika',
];

export const LAST_NAMES = [
  'Andersen', 'Miller', 'Thompson', 'Clarke', 'Bennett', 'Hughes', 'Foster', 'Reed', 'Walsh', 'Porter',
  'Popescu', 'Ionescu', 'Dumitrescu', 'Stan', 'Gheorghe', 'Munteanu', 'Constantinescu', 'Marin', 'Tudor', 'Florea',
  'Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Marek',
];

/** How statuses are spread (weights): most provisioned, a real tail of pending and errored. */
export const STATUS_WEIGHTS: [SubscriberStatus, number][] = [
  ['provisioned', 42],
  ['error', 16],
  ['pending_email_input', 12],
  ['pending_email_validation', 10],
  ['pending_user_migration', 6],
  ['provisioning', 8],
  ['updating', 6],
];

/** Background errors of the seeded failures (weights). */
export const ERROR_WEIGHTS: [SubscriberErrorKind, number][] = [
  ['userIdInUse', 30],
  ['emailInUse', 25],
  ['domainNotAllowed', 15],
  ['invalidPackage', 10],
  ['emailValidationExpired', 10],
  ['internal', 10],
];

/** Ages (days) spread over pending invitations, so follow-up alerts have days-to-months to show. */
export const PENDING_INVITE_AGES_DAYS = [1, 2, 4, 6, 9, 13, 20, 30, 45, 60, 90, 120, 150];

export function weighted<T>(r: number, table: [T, number][]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let x = r * total;
  for (const [value, w] of table) {
    if ((x -= w) < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** "Tomáš Dvořák" → "tomas.dvorak" */
export function emailLocalPart(first: string, last: string): string {
  return `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z.]/g, '');
}
