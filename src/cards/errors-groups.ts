// `errors`: failing users grouped by cause, biggest first, each with its short explanation; and one
// cause's card: the full explanation (why, what to do, whether a retry can help, the org's note,
// Webex's own text), who is affected, and the actions that fit that cause.
import { retryCanHelp, type Explanation } from '../error-intelligence/explain.js';
import { submitData } from './actions.js';
import { escapeMarkdown, plainText } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime, plural } from './format.js';
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
export const RETRY_WORDS: Record<Explanation['retry'], string> = {
  yes: 'A retry can fix this now.',
  'after-fix': 'A retry works once the cause is fixed.',
  no: 'A retry alone cannot fix this.',
  later: 'Not a failure: possible again later.',
  unknown: 'Not in the catalogue: whether a retry helps is not known.',
};

/** The consent email fits users waiting to move their account. */
export const consentFits = (g: Pick<CauseGroupView, 'key'>) => g.key === 'status:pending_user_migration';

function enterprisesLine(g: CauseGroupView, max = 3): string {
  const names = g.enterprises.slice(0, max).map((e) => escapeMarkdown(e.id, 60));
  const more = g.enterprises.length - names.length;
  return `${plural(g.enterprises.length, 'enterprise')}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function titleOf(g: CauseGroupView): string {
  return g.explanation.known ? escapeMarkdown(g.explanation.title, 100) : `${escapeMarkdown(g.codeLabel, 40)}: not in the catalogue`;
}

function filterWords(filter: CauseFilterView): string {
  const parts = [filter.enterprise ? `enterprise ${escapeMarkdown(filter.enterprise, 60)}` : '', filter.text ? `matching “${escapeMarkdown(filter.text, 60)}”` : ''].filter(Boolean);
  return parts.length ? `Only users of ${parts.join(', ')}.` : '';
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
  const title = total === 0 ? 'No failing users' : `${plural(total, 'failing user')}, ${plural(data.groups.length, 'cause')}`;
  const summary = total === 0 ? 'Nobody is in error or stuck in a pending state. Type `errors on` to be told when that changes.' : 'Grouped by cause, biggest first. Open a cause to see what to do and act on all its users at once.';
  const freshness = data.freshness ? freshnessLine(data.freshness, data.now ?? new Date()) : '';
  const groups = shown.map((g) => ({
    count: plural(g.count, 'user'),
    title: `${escapeMarkdown(g.codeLabel, 40)} · ${titleOf(g)}`,
    color: g.explanation.retry === 'later' ? 'Warning' : 'Attention',
    meta: `${enterprisesLine(g)} · since ${formatDateTime(g.oldest)}, latest ${formatDateTime(g.newest)}`,
    hint: RETRY_WORDS[g.explanation.retry] + (g.explanation.note ? ` Your org's note: ${escapeMarkdown(g.explanation.note.text, 200)}` : ''),
  }));
  const choices = shown.map((g) => ({ title: plainText(`${g.count} · ${g.codeLabel} · ${g.explanation.known ? g.explanation.title : 'not in the catalogue'}`, 90), value: g.key }));
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
    fallbackText: fallbackText([`**${title}**`, freshness, ...groups.map((g) => `- **${g.count}** · ${g.title} (${g.meta})`), 'Open this message in a Webex app that shows cards to act on a cause.']),
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
    fact('Code', g.codeLabel, 60),
    fact('Users', String(g.count)),
    fact('Enterprises', g.enterprises.map((x) => `${x.id} (${x.n})`).join(', '), 300),
    fact('Oldest', formatDateTime(g.oldest)),
    fact('Newest', formatDateTime(g.newest)),
  ];
  const note = e.note ? `**Your org's note** (${escapeMarkdown(e.note.writtenBy, 80)}, ${formatDateTime(e.note.writtenAt)}): ${escapeMarkdown(e.note.text, 500)}` : '';
  const source = e.source === 'cisco' ? 'Explanation based on Cisco’s published documentation.' : e.source === 'ours' ? 'Explanation written by the bot’s authors.' : '';
  const unknown = e.known ? '' : `Not in the catalogue. Type \`explain ${escapeMarkdown(g.codeLabel.replace(/^Error /, ''), 40)} <what it means>\` to explain it for your org.`;
  const key = { causeKey: g.key };
  const card = expandTemplate('errors-group', {
    title: titleOf(g),
    countLine: `${plural(g.count, 'user')} ${g.count === 1 ? 'has' : 'have'} this cause. ${filterWords(data.filter)}`.trim(),
    freshness,
    facts,
    cause: e.cause ? escapeMarkdown(e.cause, 600) : unknown,
    fix: e.fix ? escapeMarkdown(e.fix, 600) : '',
    retryLine: RETRY_WORDS[e.retry],
    note,
    help: e.help ? `More: ${escapeMarkdown(e.help, 200)}` : '',
    raw: g.sampleText ? `Webex said: ${escapeMarkdown(g.sampleText, 400)}` : '',
    source,
    canRetry,
    canConsent,
    retryTitle: `Retry all ${g.count}`,
    consentTitle: `Send consent emails (${g.count})`,
    removeTitle: `Remove all ${g.count}…`,
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
      `**${titleOf(g)}** (${plural(g.count, 'user')})`,
      freshness,
      ...facts.map((f) => `- ${f.title}: ${f.value}`),
      e.cause ? `Why: ${escapeMarkdown(e.cause, 600)}` : unknown,
      e.fix ? `What to do: ${escapeMarkdown(e.fix, 600)}` : '',
      RETRY_WORDS[e.retry],
      note,
    ]),
  };
}
