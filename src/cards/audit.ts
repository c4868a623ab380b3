// audit: the latest changes (who, what, when, result), newest first.
import { t, type MessageKey } from '../i18n/translate.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { capRows, moreNote } from './view.js';

/** One audit entry (the store's AuditEntry fits). */
export interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  target?: string | null;
  /** "ok", "error" or "refused". */
  result: string;
}

export interface AuditCardData extends CardBase {
  entries: readonly AuditRow[];
  /** How many entries exist in total, when known (to say how many are not shown). */
  total?: number;
}

const MAX_ENTRIES = 15;
const RESULT_LOOK: Record<string, { icon: string; color: string; label: MessageKey }> = {
  ok: { icon: '✅', color: 'Default', label: 'audit.done' },
  error: { icon: '❌', color: 'Attention', label: 'audit.failed' },
  refused: { icon: '⛔', color: 'Warning', label: 'audit.refused' },
};

export function renderAudit(data: AuditCardData): RenderedCard<'audit'> {
  const { shown, hidden } = capRows(data.entries, MAX_ENTRIES);
  const entries = shown.map((e) => {
    const look = RESULT_LOOK[e.result];
    // The action is the bot's own name for it (as the audit stores it), the same in every language.
    const what = `${escapeMarkdown(e.action, 60)}${e.target ? ` ${escapeMarkdown(e.target, 80)}` : ''}`;
    return {
      icon: look?.icon ?? '•',
      color: look?.color ?? 'Default',
      what,
      details: t('audit.details', { at: formatDateTime(e.at), who: escapeMarkdown(e.actor, 120), result: look ? t(look.label) : escapeMarkdown(e.result, 20) }),
    };
  });
  const notShown = Math.max(hidden, (data.total ?? 0) - shown.length);
  const card = expandTemplate('audit', { entries, moreNote: moreNote(notShown, 'entry') });
  return {
    card,
    offer: offerOf('audit', card, {}),
    fallbackText: fallbackText([`**${t('audit.title')}**`, ...entries.map((e) => `- ${e.icon} ${e.what} (${e.details})`)]),
  };
}
