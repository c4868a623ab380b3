// Realistic data for every card builder, plus hostile strings (markdown, links, mentions, HTML,
// template syntax, control and bidi characters, very long text) in every user-supplied field.
import { explainError } from '../../src/error-intelligence/explain.js';
import type { SubscriberStatus } from '../../src/provisioning/types.js';
import type { StatsReport } from '../../src/stats/report.js';
import {
  renderAlertsStatus,
  renderAudit,
  renderBulkConfirm,
  renderEmailJob,
  renderEmailsOffChecklist,
  renderEmailsOffConfirm,
  renderEmailsStatus,
  renderErrorsStatus,
  renderErrorsGroups,
  renderErrorsGroup,
  renderBulkPreview,
  renderBulkStatus,
  renderOrgs,
  type OrgLine,
  type CauseGroupView,
  type BulkJobRow,
  renderLateCommand,
  renderFailurePush,
  renderErrorText,
  renderHelp,
  renderInactiveAlert,
  renderRemoveConfirm,
  renderResult,
  renderStats,
  renderTemplatesCheck,
  renderUserDetail,
  renderUsersList,
  followUp,
  type InactivePersonRow,
  type RenderedCard,
  type SubscriberRow,
} from '../../src/cards/index.js';

export const HOSTILE = [
  '**bold** _it_ [click](https://evil.example/x) <@personEmail:boss@example.com> <@all>',
  '<script>alert(1)</script> &lt;@personId:abc&gt; ![img](https://evil.example/i.png)',
  '# Heading\n- item\n1. one\n> quote\n```code``` ~~strike~~ | a | b |',
  '${evil} ${$root.cardId} {{x}} \\*escaped\\*',
  'Ana\u202Egnp.exe\u200B\u0000\u0007 Popescu 👩‍💻 Žluťoučký kůň',
  'x'.repeat(5000),
];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;

export const NOW = new Date('2025-03-10T09:00:00Z');

/** A report over 31 days: growing provisioned, falling errors, a few reconstructed days. */
export function statsReport(): Extract<StatsReport, { kind: 'ok' }> {
  const days = Array.from({ length: 31 }, (_, i) => ({
    day: new Date(NOW.getTime() - (30 - i) * 86_400_000).toISOString().slice(0, 10), scope: '*', reconstructed: i < 5, takenAt: NOW,
    pending: 300 - i, provisioning: 12, provisioned: 992 + i * 7, errored: 49 - Math.floor(i * 0.4), newlyErrored: 1, newlyProvisioned: 7, removed: 0,
    activationHoursMedian: 77, peopleInvited: 2, peoplePending: 80, peopleActivated: 700 + i, remindersSent: 1, remindersSuppressed: 0, remindersFailed: 0,
  }));
  return {
    kind: 'ok', query: { days: 30 }, asOf: NOW, series: { scope: '*', days }, spanDays: 30, reconstructedDays: 5,
    headline: {
      provisioned: { now: 1202, change: 210 }, errored: { now: 37, change: -12 }, pending: { now: 270, change: -30 }, provisioning: { now: 12, change: 0 },
      newlyProvisioned: 210, newlyErrored: 30, removed: 0, activation: { medianDays: 3.2, count: 210 },
      people: { pending: { now: 80, change: 0 }, activated: { now: 730, change: 30 }, invited: 60 }, reminders: { sent: 30, suppressed: 2, failed: 1 },
    },
  };
}
const STATUSES: SubscriberStatus[] = ['error', 'pending_email_input', 'pending_email_validation', 'provisioning', 'provisioned'];

/** Cause groups as `errors` shows them: catalogued, with an org note, and unknown. */
export function causeGroups(hostileText = false): CauseGroupView[] {
  const notes = new Map([['10022', { text: hostileText ? hostile(0) : 'Call Ana in provisioning first.', writtenBy: hostileText ? hostile(1) : 'ana@acme.example', writtenAt: NOW }]]);
  const base = { enterprises: [{ id: hostileText ? hostile(2) : 'acme-ent', n: 30 }, { id: 'globex', n: 10 }, { id: 'initech', n: 1 }, { id: 'umbrella', n: 1 }], oldest: NOW, newest: NOW };
  return [
    { ...base, key: 'code:10031', count: 40, codeLabel: 'Error 10031', explanation: explainError(10031, null, notes), sampleText: hostileText ? hostile(3) : 'Self-activation failed: the customer template does not allow untrusted emails.' },
    { ...base, key: 'code:10022', count: 2, codeLabel: 'Error 10022', explanation: explainError(10022, null, notes), sampleText: null },
    { ...base, key: 'status:pending_user_migration', count: 6, codeLabel: 'pending_user_migration', explanation: explainError('pending_user_migration', null, notes), sampleText: null },
    { ...base, key: 'code:77777', count: 1, codeLabel: 'Error 77777', explanation: explainError(77777, hostileText ? hostile(4) : 'Something odd', notes), sampleText: hostileText ? hostile(5) : 'Something odd' },
  ];
}

export function bulkJobs(): BulkJobRow[] {
  const counts = { pending: 10, running: 2, done: 25, failed: 2, skipped: 1 };
  return [
    { id: 'job-1', kind: 'retry', state: 'running', label: 'The customer template does not allow untrusted emails', requestedBy: 'admin@acme.example', createdAt: NOW, counts },
    { id: 'job-2', kind: 'remove', state: 'done', label: hostile(0), requestedBy: hostile(1), createdAt: NOW, counts: { ...counts, pending: 0, running: 0 } },
    { id: 'job-3', kind: 'consent', state: 'cancelled', label: 'Waiting for consent', requestedBy: 'admin@acme.example', createdAt: NOW, counts: { ...counts, pending: 0, running: 0, skipped: 12 } },
  ];
}

export function subscriber(i: number, hostileText = false): SubscriberRow {
  const status = STATUSES[i % STATUSES.length]!;
  return {
    id: `sub-${i}`,
    userId: hostileText ? hostile(i) : `bw-${1000 + i}`,
    firstName: hostileText ? hostile(i + 1) : ['Ana', 'Jiří', 'Mihai', 'Eva'][i % 4],
    lastName: hostileText ? hostile(i + 2) : ['Popescu', 'Novák', 'Ionescu', 'Dvořáková'][i % 4],
    email: hostileText ? hostile(i + 3) : `user${i}@acme.example`,
    spEnterpriseId: hostileText ? hostile(i + 4) : 'acme-ent',
    package: (['softphone', 'basic', 'standard', 'premium'] as const)[i % 4]!,
    status,
    errorCode: status === 'error' ? 7012 : null,
    errorText: status === 'error' ? (hostileText ? hostile(i + 5) : 'Email address is already in use by another user.') : null,
  };
}

function person(i: number, hostileText = false): InactivePersonRow {
  return {
    id: `person-${i}`,
    email: hostileText ? hostile(i) : `invitee${i}@acme.example`,
    displayName: hostileText ? hostile(i + 1) : `Invitee ${i}`,
    invitedAt: new Date(NOW.getTime() - (30 + i) * 86_400_000),
    lastRemindedAt: i % 2 ? new Date(NOW.getTime() - 3 * 86_400_000) : null,
    lastReminderOutcome: i % 2 ? (hostileText ? hostile(i) : 'sent') : null,
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const SIZES = { zero: 0, one: 1, many: 25 } as const;

const cardId = 'card_0123456789abcdef';
const pick = <T>(hostileText: boolean, i: number, normal: T): T | string => (hostileText ? hostile(i) : normal);

/** The builders that take a list, with 0, 1 and many rows, normal and hostile. */
function listCards(n: number, hostileText: boolean): Array<[string, () => RenderedCard]> {
  const h = hostileText;
  const subs = range(n).map((i) => subscriber(i, h));
  const people = range(n).map((i) => person(i, h));
  const commands = range(n).map((i) => ({
    command: pick(h, i, 'users'),
    description: pick(h, i + 1, 'Pending and errored users'),
    example: i % 2 ? '' : pick(h, i + 2, 'users'),
  }));
  const jobErrors = range(n).map((i) => ({
    itemNumber: i + 1,
    key: '304',
    code: pick(h, i, 'ATLAS-600199'),
    description: pick(h, i + 1, 'Already received an invitation email in last 24 hours'),
    user: i % 2 ? pick(h, i + 2, `user${i}@acme.example`) : null,
  }));
  const templates = range(n).map((i) => ({
    provisioningId: `prov-${i}`,
    name: pick(h, i, `Template ${i}`),
    spEnterpriseId: i % 2 ? 'acme-ent' : null,
    untrustedEmails: i % 3 !== 0,
    shareLinkKind: (['activation', 'download', 'none'] as const)[i % 3]!,
  }));
  const audit = range(n).map((i) => ({
    at: NOW,
    actor: pick(h, i, 'admin@acme.example'),
    action: pick(h, i + 1, 'user.retry'),
    target: pick(h, i + 2, `sub-${i}`),
    result: (['ok', 'error', 'refused', 'weird'] as const)[i % 4]!,
  }));
  return [
    ['help', () => renderHelp({ cardId, commands })],
    [
      'users list',
      () =>
        renderUsersList({
          cardId,
          rows: subs,
          page: n > 10 ? 1 : 0,
          pageSize: 10,
          total: n * 3,
          countsByStatus: { error: n, pending_email_input: n * 2 },
          filter: h
            ? { statuses: ['error'], enterprise: hostile(1), text: hostile(0), includeProvisioned: true }
            : { statuses: [], includeProvisioned: false },
        }),
    ],
    [
      'email job',
      () =>
        renderEmailJob({
          cardId,
          job: {
            id: 'job-1',
            latestExecutionStatus: 'COMPLETED',
            latestExecutionExitCode: n ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED',
            counts: { userResendInviteSent: 10, userResendInviteFailed: n, userResendInviteSkipped: 1, totalUsers: 11 + n },
            allowAdminInviteEmails: !h,
          },
          errors: jobErrors,
          startedBy: pick(h, 0, 'admin@acme.example'),
          startedAt: NOW,
        }),
    ],
    ['templates', () => renderTemplatesCheck({ cardId, templates })],
    ['audit', () => renderAudit({ cardId, entries: audit, total: n + 5 })],
    [
      'inactive alert',
      () =>
        renderInactiveAlert({
          cardId,
          people,
          total: n ? n + 40 : 0,
          page: 0,
          pageSize: 10,
          inactiveAfterDays: 7,
          bands: n ? [{ fromDays: 7, toDays: 13, count: n }, { fromDays: 14, toDays: 29, count: 40 }] : [],
          autoEmailsEnabled: n % 2 === 0,
          now: NOW,
        }),
    ],
  ];
}

/** Every builder, every variant: [name, render]. */
/** `n` customer orgs, worst first, one of them failing to refresh and one with automatic emails off. */
function orgLines(n: number): OrgLine[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `org-${i}`,
    name: `Customer ${i} s.r.o.`,
    pending: 100 - i,
    errored: 40 - i * 3,
    stuck: i % 3,
    inactive: i * 2,
    autoEmails: i === 2 ? false : i === 5 ? null : true,
    syncError: i === 1 ? 'Webex did not answer (HTTP 503).' : null,
    failingSince: i === 1 ? NOW : null,
  }));
}

export function allCards(): Array<[string, () => RenderedCard]> {
  const out: Array<[string, () => RenderedCard]> = [];
  for (const [size, n] of Object.entries(SIZES)) {
    for (const hostileText of [false, true]) {
      for (const [name, render] of listCards(n, hostileText)) out.push([`${name} ${size}${hostileText ? ' hostile' : ''}`, render]);
    }
  }
  const users = [['error', subscriber(0)], ['pending', subscriber(1)], ['provisioned', subscriber(4)], ['hostile', subscriber(0, true)]] as const;
  for (const [tag, user] of users) {
    out.push(
      [`user detail ${tag}`, () => renderUserDetail({ cardId, user: { ...user, lastStatusChange: NOW } })],
      [`remove confirm ${tag}`, () => renderRemoveConfirm({ cardId, user })],
      [`error text ${tag}`, () => renderErrorText({ cardId, user })],
    );
  }
  const zeroCounts = { userResendInviteSent: 0, userResendInviteFailed: 0, userResendInviteSkipped: 0, totalUsers: 0 };
  out.push(
    [
      'inactive alert page 4 of 5',
      () =>
        renderInactiveAlert({
          cardId,
          people: range(10).map((i) => person(i)),
          total: 45,
          page: 3,
          pageSize: 10,
          inactiveAfterDays: 14,
          autoEmailsEnabled: false,
          now: NOW,
        }),
    ],
    [
      'users list last page',
      () =>
        renderUsersList({
          cardId,
          rows: range(2).map((i) => subscriber(i)),
          page: 4,
          pageSize: 10,
          total: 42,
          countsByStatus: { error: 20, provisioning: 22 },
          filter: { statuses: ['error', 'provisioning'], includeProvisioned: false },
        }),
    ],
    [
      'email job running',
      () => renderEmailJob({ cardId, job: { id: 'job-2', latestExecutionStatus: 'STARTED', counts: { ...zeroCounts, userResendInviteSent: 3, totalUsers: 50 } } }),
    ],
    [
      'email job failed',
      () => renderEmailJob({ cardId, job: { id: 'job-3', latestExecutionStatus: 'FAILED', latestExecutionExitCode: 'FAILED', counts: zeroCounts } }),
    ],
    ['emails status on', () => renderEmailsStatus({ cardId, enabled: true })],
    [
      'users list, Webex down (stale)',
      () =>
        renderUsersList({
          cardId,
          rows: range(3).map((i) => subscriber(i)),
          page: 0,
          pageSize: 10,
          total: 3,
          countsByStatus: { error: 3 },
          filter: { statuses: ['error'], includeProvisioned: false },
          freshness: { asOf: new Date(NOW.getTime() - 5 * 60_000), problem: { status: 500, trackingId: HOSTILE[0] } },
          now: NOW,
        }),
    ],
    ['user detail, fresh', () => renderUserDetail({ cardId, user: { ...subscriber(0), lastStatusChange: NOW }, freshness: { asOf: NOW }, now: NOW })],
    ['user detail, explained with a hostile note', () => renderUserDetail({ cardId, user: { ...subscriber(3, true), status: 'error', errorCode: 10022, lastStatusChange: NOW }, explanation: causeGroups(true)[1]!.explanation })],
    ['user detail, waiting for consent', () => renderUserDetail({ cardId, user: { ...subscriber(3), status: 'pending_user_migration', errorCode: null, errorText: null, lastStatusChange: NOW }, explanation: causeGroups()[2]!.explanation })],
    ['user detail, not in the catalogue', () => renderUserDetail({ cardId, user: { ...subscriber(3), status: 'error', errorCode: 77777, lastStatusChange: NOW }, explanation: causeGroups()[3]!.explanation })],
    ['users list explained hostile', () => renderUsersList({ cardId, rows: range(4).map((i) => ({ ...subscriber(i, i === 2), lastStatusChange: NOW, explanation: i === 2 ? hostile(0) : 'The customer template does not allow untrusted emails.' })), page: 0, pageSize: 10, total: 4, countsByStatus: {}, filter: { statuses: [], includeProvisioned: false } })],
    [
      'inactive alert, people not refreshed',
      () => renderInactiveAlert({ cardId, people: range(2).map((i) => person(i)), total: 2, page: 0, pageSize: 10, inactiveAfterDays: 7, autoEmailsEnabled: true, freshness: { asOf: null, problem: { slow: true } }, now: NOW }),
    ],
    ['late command', () => renderLateCommand({ cardId, text: 'emails on', askedAt: NOW, ago: '20 minutes', state: 'automatic activation emails are OFF.' })],
    ['late command hostile', () => renderLateCommand({ cardId, text: HOSTILE[0]!, askedAt: NOW, ago: '2 hours', state: HOSTILE[1]! })],
    ['errors status never', () => renderErrorsStatus({ cardId, subscription: null, stuckAfterHours: 24 })],
    ['errors status on', () => renderErrorsStatus({ cardId, subscription: { active: true, subscribedBy: HOSTILE[0]!, subscribedAt: NOW }, stuckAfterHours: 48 })],
    [
      'failure push hostile',
      () =>
        renderFailurePush({
          cardId,
          users: range(12).map((i) => ({ ...subscriber(i, i % 3 === 0), lastStatusChange: NOW, kind: i % 2 === 0 ? ('error' as const) : ('stuck' as const) })),
          total: 40,
          stuckAfterHours: 24,
        }),
    ],
    ['errors groups', () => renderErrorsGroups({ cardId, groups: causeGroups(), filter: { enterprise: null, text: null }, freshness: { asOf: NOW }, now: NOW })],
    ['errors groups hostile filter, many causes', () => renderErrorsGroups({ cardId, groups: [...causeGroups(), ...causeGroups(true), ...causeGroups(true)].map((g, i) => ({ ...g, key: `text:${i}` })), filter: { enterprise: HOSTILE[0]!, text: HOSTILE[4]! } })],
    ['errors groups none', () => renderErrorsGroups({ cardId, groups: [], filter: {} })],
    ...causeGroups(true).map((group, i) => [`errors group ${i} hostile`, () => renderErrorsGroup({ cardId, group, filter: { enterprise: HOSTILE[1]! }, freshness: { asOf: NOW, problem: { status: 500, trackingId: 'ROUTER_1' } }, now: NOW })] as [string, () => RenderedCard]),
    ['bulk preview retry', () => renderBulkPreview({ cardId, jobId: 'job-1', kind: 'retry', label: 'The customer template does not allow untrusted emails', count: 40, first: range(10).map((i) => ({ userId: `bw-${i}`, email: i % 3 ? `u${i}@acme.example` : null })) })],
    ['bulk preview remove hostile', () => renderBulkPreview({ cardId, jobId: 'job-2', kind: 'remove', label: HOSTILE[0]!, count: 3, first: range(3).map((i) => ({ userId: hostile(i), email: hostile(i + 1) })) })],
    ['bulk preview consent', () => renderBulkPreview({ cardId, jobId: 'job-3', kind: 'consent', label: 'Waiting for consent', count: 1, first: [{ userId: 'bw-1', email: 'a@acme.example' }] })],
    ['bulk status', () => renderBulkStatus({ cardId, jobs: bulkJobs() })],
    ['bulk status none', () => renderBulkStatus({ cardId, jobs: [] })],
    ['orgs first page', () => renderOrgs({ cardId, orgs: orgLines(10), page: 0, pageSize: 10, total: 523, text: null, freshness: { asOf: NOW }, discoveredAt: NOW, now: NOW })],
    ['orgs middle page, hostile names', () => renderOrgs({ cardId, orgs: orgLines(10).map((o, i) => ({ ...o, name: HOSTILE[i % HOSTILE.length]!, syncError: HOSTILE[1]! })), page: 3, pageSize: 10, total: 523, text: HOSTILE[0]!, freshness: { asOf: NOW, problem: { status: 503 } }, discoveredAt: null, now: NOW })],
    ['orgs found nothing', () => renderOrgs({ cardId, orgs: [], page: 0, pageSize: 10, total: 0, text: 'zzz', freshness: { asOf: null }, discoveredAt: NOW, now: NOW })],
    ['emails status on webex (no one-user email)', () => renderEmailsStatus({ cardId, enabled: true, perUserEmails: false })],
    [
      'inactive alert on webex (no one-user email)',
      () => renderInactiveAlert({ cardId, people: range(3).map((i) => person(i)), total: 3, page: 0, pageSize: 10, inactiveAfterDays: 7, autoEmailsEnabled: true, perUserEmails: false, now: NOW }),
    ],
    ['emails status off', () => renderEmailsStatus({ cardId, enabled: false, changedBy: HOSTILE[0], changedAt: NOW })],
    ['emails off confirm', () => renderEmailsOffConfirm({ cardId })],
    ['emails off checklist', () => renderEmailsOffChecklist({ cardId, justTurnedOff: true })],
    ['emails checklist on request', () => renderEmailsOffChecklist({ cardId, justTurnedOff: false, offerTurnOn: false })],
    ['bulk confirm emails', () => renderBulkConfirm({ cardId, kind: 'emails.sendAll' })],
    ['bulk confirm reminders', () => renderBulkConfirm({ cardId, kind: 'alerts.remindAll', count: 42, recentlyEmailed: 3 })],
    ['alerts status never', () => renderAlertsStatus({ cardId, subscription: null, inactiveAfterDays: 7 })],
    [
      'alerts status on',
      () =>
        renderAlertsStatus({
          cardId,
          subscription: { active: true, subscribedBy: HOSTILE[0]!, subscribedAt: NOW },
          nextRun: NOW,
          schedule: '0 9 * * 1-5',
          inactiveAfterDays: 7,
        }),
    ],
    [
      'alerts status off',
      () =>
        renderAlertsStatus({
          cardId,
          subscription: { active: false, subscribedBy: 'a@acme.example', subscribedAt: NOW, unsubscribedBy: 'b@acme.example', unsubscribedAt: NOW },
          inactiveAfterDays: 7,
        }),
    ],
    ['stats empty', () => renderStats({ cardId, report: { kind: 'empty', query: { days: 30, enterprise: HOSTILE[0]! }, asOf: NOW } })],
    ['stats org', () => renderStats({ cardId, report: statsReport() })],
    ['stats enterprise', () => renderStats({ cardId, report: { ...statsReport(), query: { days: 90, enterprise: hostile(5) } } })],
  );
  for (const kind of ['success', 'error', 'refused', 'stale'] as const) {
    const followUps =
      kind === 'success' ? [followUp('Open user', 'user.open', { subscriberId: 'sub-1' }), followUp('Back to list', 'users.page', { page: 0 })] : [];
    out.push([
      `result ${kind}`,
      () =>
        renderResult({
          cardId,
          kind,
          title: `Retry for ${HOSTILE[0]}`,
          message: HOSTILE[2],
          facts: [{ title: HOSTILE[0]!, value: HOSTILE[1] }, { title: 'Count', value: 3 }, { title: 'None', value: null }],
          followUps,
        }),
    ]);
  }
  return out;
}
