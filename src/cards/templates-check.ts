// templates: each customer template's User Authentication settings, checked against what the
// untrusted-email self-activation flow needs, and what to change in Partner Hub when it fails.
import { escapeMarkdown } from './escape.js';
import { submitData } from './actions.js';
import { fallbackText } from './fallback.js';
import { plural } from './format.js';
import { shareLinkOk, untrustedEmailsOk } from '../provisioning/template-check.js';
import { PARTNER_HUB_TEMPLATE_PATH } from './product-text.js';
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
export function checkTemplate(t: TemplateRow): Check[] {
  const linkKind = escapeMarkdown(t.shareLinkKind || 'none', 30);
  return [
    {
      ok: untrustedEmailsOk(t),
      text: untrustedEmailsOk(t) ? 'Untrusted Emails: checked' : 'Untrusted Emails: not checked',
      fix: 'check **Untrusted Emails**',
    },
    {
      ok: shareLinkOk(t),
      text: shareLinkOk(t) ? 'Share Link: Activation link' : `Share Link: ${linkKind} (must be the Activation link)`,
      fix: 'set **Share Link** to the **Activation** link',
    },
  ];
}

export function renderTemplatesCheck(data: TemplatesCardData): RenderedCard<'templates'> {
  // Failing templates first: they are what the admin came for.
  const sorted = [...data.templates].sort((a, b) => Number(passes(a)) - Number(passes(b)) || a.name.localeCompare(b.name));
  const { shown, hidden } = capRows(sorted, MAX_TEMPLATES);
  const failing = data.templates.filter((t) => !passes(t)).length;
  const templates = shown.map((t) => {
    const checks = checkTemplate(t);
    const fixes = checks.filter((c) => !c.ok).map((c) => c.fix);
    const name = escapeMarkdown(t.name, 80);
    return {
      name,
      icon: fixes.length ? '❌' : '✅',
      color: fixes.length ? 'Attention' : 'Good',
      details: `Provisioning ID ${escapeMarkdown(t.provisioningId, 80)}${t.spEnterpriseId ? ` · Enterprise ${escapeMarkdown(t.spEnterpriseId, 80)}` : ''}`,
      checks: checks.map((c) => ({ text: `${c.ok ? '✔' : '✘'} ${c.text}`, color: c.ok ? 'Good' : 'Attention' })),
      fix: fixes.length ? `To fix, in User Authentication: ${fixes.join('; ')}.` : '',
    };
  });
  const summary = data.templates.length
    ? failing
      ? `${plural(failing, 'template')} of ${data.templates.length} need${failing === 1 ? 's' : ''} changes for users to self-activate with their email.`
      : `All ${plural(data.templates.length, 'template')} are set up for email self-activation.`
    : 'No customer templates were found for this partner.';
  const pathNote = `Where: ${PARTNER_HUB_TEMPLATE_PATH}.`;
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
      `**Customer templates**: ${summary}`,
      ...templates.map((t) => `- ${t.icon} **${t.name}**: ${t.checks.map((c) => c.text).join('; ')}${t.fix ? `. ${t.fix}` : ''}`),
      failing ? pathNote : '',
    ]),
  };
}

function passes(t: TemplateRow): boolean {
  return checkTemplate(t).every((c) => c.ok);
}
