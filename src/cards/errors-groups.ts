// `errors`: failing users grouped by cause, biggest first, each with its short explanation; and one
// cause's card: the full explanation (why, what to do, whether a retry can help, the org's note,
// Webex's own text), who is affected, and the actions that fit that cause.
import { retryCanHelp, type Explanation } from '../error-intelligence/explain.js';
import { formatNumber, t, type MessageKey } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { freshnessLine, type FreshnessView } from './freshness.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, moreNote } from './view.js';

/** A cause group as the cards show it (see src/error-intelligence/groups.ts). */
export interface CauseGroupView {
  key: string;
  count: number;
  codeLabel: string;
  /** The raw error code, for `explain` (null for a status or an error without a code). */
  code?: string | null;
  enterprises: readonly { id: string; n: number }[];
  oldest: Date;
  newest: Date;
  explanation: Explanation;
  sampleText: string | null;
}

export interface CauseFilterView {
  enterprise?: string | null;
  text?: string | null;
}

const SHOWN_GROUPS = 8;

/** What a retry can do for this cause, in a few words. */
const RETRY_KEYS: Record<Explanation['retry'], MessageKey> = {
  yes: 'retry.yes',
  'after-fix': 'retry.after-fix',
  no: 'retry.no',
  later: 'retry.later',
  unknown: 'retry.unknown',
};
export const retryWords = (retry: Explanation['retry']): string => t(RETRY_KEYS[retry]);

/** The consent email fits users waiting to move their account. */
export const consentFits = (g: Pick<CauseGroupView, 'key'>) => g.key === 'status:pending_user_migration';

function enterprisesLine(g: CauseGroupView, max = 3): string {
  const names = g.enterprises.slice(0, max).map((e) => escapeMarkdown(e.id, 60));
  const more = g.enterprises.length - names.length;
  const values = { n: g.enterprises.length, names: names.join(', '), more };
  return more > 0 ? t('errors.enterprisesMore', values) : t('errors.enterprises', values);
}

function titleOf(g: CauseGroupView): string {
  return g.explanation.known ? escapeMarkdown(g.explanation.title, 100) : t('errors.notInCatalogue', { code: escapeMarkdown(g.codeLabel, 40) });
}

function filterWords(filter: CauseFilterView): string {
  const parts = [
    filter.enterprise ? t('errors.filterEnterprise', { enterprise: escapeMarkdown(filter.enterprise, 60) }) : '',
    filter.text ? t('errors.filterText', { text: escapeMarkdown(filter.text, 60) }) : '',
  ].filter(Boolean);
  return parts.length ? t('errors.onlyUsersOf', { parts: parts.join(', ') }) : '';
}

const filterContext = (f: CauseFilterView) => ({ enterprise: f.enterprise ?? null, text: f.text ?? null });

export interface ErrorsGroupsData extends CardBase {
  groups: readonly CauseGroupView[];
  filter: CauseFilterView;
  freshness?: FreshnessView;
  now?: Date;
}

export function renderErrorsGroups(data: ErrorsGroupsData): RenderedCard<'errors.groups'> {
  const shown = data.groups.slice(0, SHOWN_GROUPS);
  const total = data.groups.reduce((n, g) => n + g.count, 0);
  const title = total === 0 ? t('errors.noneTitle') : t('errors.title', { n: total, causes: data.groups.length });
  const summary = total === 0 ? t('errors.noneSummary') : t('errors.summary');
  const freshness = data.freshness ? freshnessLine(data.freshness, data.now ?? new Date()) : '';
  const groups = shown.map((g) => ({
    count: t('errors.users', { n: g.count }),
    title: `${escapeMarkdown(g.codeLabel, 40)} · ${titleOf(g)}`,
    color: g.explanation.retry === 'later' ? 'Warning' : 'Attention',
    meta: t('errors.meta', { enterprises: enterprisesLine(g), oldest: formatDateTime(g.oldest), newest: formatDateTime(g.newest) }),
    hint: retryWords(g.explanation.retry) + (g.explanation.note ? t('errors.orgNoteHint', { text: escapeMarkdown(g.explanation.note.text, 200) }) : ''),
  }));
  const choices = shown.map((g) => ({ title: plainText(`${g.count} · ${g.codeLabel} · ${g.explanation.known ? g.explanation.title : t('errors.notInCatalogueShort')}`, 90), value: g.key }));
  const card = expandTemplate('errors-groups', {
    title,
    summary,
    filters: filterWords(data.filter),
    freshness,
    groups,
    moreNote: moreNote(data.groups.length - shown.length, 'smallerCause'),
    hasGroups: shown.length > 0,
    firstKey: shown[0]?.key ?? '',
    choices,
    openData: submitData('errors.group.open', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('errors.groups', card, { causeKeys: shown.map((g) => g.key), filter: filterContext(data.filter) }),
    fallbackText: fallbackText([`**${title}**`, freshness, ...groups.map((g) => `- **${g.count}** · ${g.title} (${g.meta})`), t('errors.fallbackOpen')]),
  };
}

export interface ErrorsGroupData extends CardBase {
  group: CauseGroupView;
  filter: CauseFilterView;
  freshness?: FreshnessView;
  now?: Date;
}

export function renderErrorsGroup(data: ErrorsGroupData): RenderedCard<'errors.group'> {
  const { group: g, cardId } = data;
  const e = g.explanation;
  const freshness = data.freshness ? freshnessLine(data.freshness, data.now ?? new Date()) : '';
  const canRetry = retryCanHelp(e);
  const canConsent = consentFits(g);
  const facts = [
    fact(t('errors.fact.code'), g.codeLabel, 60),
    fact(t('errors.fact.users'), formatNumber(g.count)),
    fact(t('errors.fact.enterprises'), g.enterprises.map((x) => `${x.id} (${x.n})`).join(', '), 300),
    fact(t('errors.fact.oldest'), formatDateTime(g.oldest)),
    fact(t('errors.fact.newest'), formatDateTime(g.newest)),
  ];
  const note = e.note ? t('errors.orgNote', { who: escapeMarkdown(e.note.writtenBy, 80), at: formatDateTime(e.note.writtenAt), text: escapeMarkdown(e.note.text, 500) }) : '';
  const source = e.source === 'cisco' ? t('errors.sourceCisco') : e.source === 'ours' ? t('errors.sourceOurs') : '';
  const unknown = e.known ? '' : t('errors.unknownExplain', { code: escapeMarkdown(g.code ?? g.codeLabel, 40) });
  const key = { causeKey: g.key };
  const card = expandTemplate('errors-group', {
    title: titleOf(g),
    countLine: `${t('errors.countLine', { n: g.count })} ${filterWords(data.filter)}`.trim(),
    freshness,
    facts,
    cause: e.cause ? escapeMarkdown(e.cause, 600) : unknown,
    fix: e.fix ? escapeMarkdown(e.fix, 600) : '',
    retryLine: retryWords(e.retry),
    note,
    help: e.help ? t('errors.more', { help: escapeMarkdown(e.help, 200) }) : '',
    raw: g.sampleText ? t('errors.webexSaid', { text: escapeMarkdown(g.sampleText, 400) }) : '',
    source,
    canRetry,
    canConsent,
    retryTitle: t('errors.retryAll', { n: formatNumber(g.count) }),
    consentTitle: t('errors.consentAll', { n: formatNumber(g.count) }),
    removeTitle: t('errors.removeAll', { n: formatNumber(g.count) }),
    retryData: submitData('errors.group.bulk', cardId, { ...key, kind: 'retry' }),
    consentData: submitData('errors.group.bulk', cardId, { ...key, kind: 'consent' }),
    removeData: submitData('errors.group.bulk', cardId, { ...key, kind: 'remove' }),
    exportData: submitData('errors.group.export', cardId, key),
    usersData: submitData('errors.group.users', cardId, key),
  });
  return {
    card,
    offer: offerOf('errors.group', card, { causeKeys: [g.key], filter: filterContext(data.filter) }),
    fallbackText: fallbackText([
      `**${titleOf(g)}** (${t('errors.users', { n: g.count })})`,
      freshness,
      ...facts.map((f) => `- ${f.title}: ${f.value}`),
      e.cause ? t('errors.why', { cause: escapeMarkdown(e.cause, 600) }) : unknown,
      e.fix ? t('errors.whatToDo', { fix: escapeMarkdown(e.fix, 600) }) : '',
      retryWords(e.retry),
      note,
    ]),
  };
}
