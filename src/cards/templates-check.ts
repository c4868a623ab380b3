// templates: each customer template's User Authentication settings, checked against what the
// untrusted-email self-activation flow needs, and what to change in Partner Hub when it fails.
import { escapeMarkdown } from './escape.js';
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { fallbackText } from './fallback.js';
import { shareLinkOk, untrustedEmailsOk } from '../provisioning/template-check.js';
import { expandTemplate } from './templates.js';
import { offerOf } from './offer.js';
import type { CardBase, RenderedCard } from './types.js';
import { capRows, moreNote } from './view.js';

/** A customer template (RemoteTemplate and the store's CustomerTemplate both fit). */
export interface TemplateRow {
  provisioningId: string;
  name: string;
  spEnterpriseId?: string | null;
  untrustedEmails: boolean;
  shareLinkKind: string;
}

export interface TemplatesCardData extends CardBase {
  templates: readonly TemplateRow[];
}

const MAX_TEMPLATES = 12;

interface Check {
  ok: boolean;
  text: string;
  fix: string;
}

/** The two User Authentication settings the untrusted-email flow needs. */
export function checkTemplate(template: TemplateRow): Check[] {
  const kind = escapeMarkdown(template.shareLinkKind || 'none', 30);
  return [
    {
      ok: untrustedEmailsOk(template),
      text: untrustedEmailsOk(template) ? t('templates.untrustedOk') : t('templates.untrustedNo'),
      fix: t('templates.untrustedFix'),
    },
    {
      ok: shareLinkOk(template),
      text: shareLinkOk(template) ? t('templates.linkOk') : t('templates.linkNo', { kind }),
      fix: t('templates.linkFix'),
    },
  ];
}

export function renderTemplatesCheck(data: TemplatesCardData): RenderedCard<'templates'> {
  // Failing templates first: they are what the admin came for.
  const sorted = [...data.templates].sort((a, b) => Number(passes(a)) - Number(passes(b)) || a.name.localeCompare(b.name));
  const { shown, hidden } = capRows(sorted, MAX_TEMPLATES);
  const failing = data.templates.filter((t) => !passes(t)).length;
  const templates = shown.map((template) => {
    const checks = checkTemplate(template);
    const fixes = checks.filter((c) => !c.ok).map((c) => c.fix);
    const name = escapeMarkdown(template.name, 80);
    const id = escapeMarkdown(template.provisioningId, 80);
    return {
      name,
      icon: fixes.length ? '❌' : '✅',
      color: fixes.length ? 'Attention' : 'Good',
      details: template.spEnterpriseId ? t('templates.detailsEnterprise', { id, enterprise: escapeMarkdown(template.spEnterpriseId, 80) }) : t('templates.details', { id }),
      checks: checks.map((c) => ({ text: `${c.ok ? '✔' : '✘'} ${c.text}`, color: c.ok ? 'Good' : 'Attention' })),
      fix: fixes.length ? t('templates.toFix', { fixes: fixes.join('; ') }) : '',
    };
  });
  const summary = data.templates.length
    ? failing
      ? t('templates.failing', { failing, total: data.templates.length })
      : t('templates.allOk', { n: data.templates.length })
    : t('templates.noneFound');
  // Where to fix it, in Partner Hub's words in the space's language.
  const pathNote = t('templates.where', { path: t('templates.path') });
  const card = expandTemplate('templates-check', {
    summary,
    templates,
    failing,
    pathNote,
    moreNote: moreNote(hidden, 'template'),
    refreshData: submitData('templates.refresh', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('templates', card, {}),
    fallbackText: fallbackText([
      t('templates.fallbackTitle', { summary }),
      ...templates.map((row) => `- ${row.icon} **${row.name}**: ${row.checks.map((c) => c.text).join('; ')}${row.fix ? `. ${row.fix}` : ''}`),
      failing ? pathNote : '',
    ]),
  };
}

function passes(t: TemplateRow): boolean {
  return checkTemplate(t).every((c) => c.ok);
}
