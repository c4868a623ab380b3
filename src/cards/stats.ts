// stats: how activation is going over a period — the headline numbers with their change, as a
// summary line and a fact list (the same facts the chart beside it draws, for people who cannot
// see the image), or "not enough data yet" when there is no history to draw.
import type { StatsReport } from '../stats/report.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatNumber, t } from '../i18n/translate.js';
import { formatDate, formatDateTime } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, type Fact } from './view.js';

export interface StatsCardData extends CardBase {
  report: StatsReport;
}

/** "+212", "−12" (a real minus sign), "no change", in the current language's digits. */
export const signed = (n: number): string => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : t('stats.noChange'));
const withChange = (c: { now: number; change: number }) => `${formatNumber(c.now)} (${signed(c.change)})`;
const daysText = (d: number) => t('stats.daysDecimal', { n: Math.round(d * 10) / 10 });

/** The card's words, shared by its body and its text version. */
export function statsText(report: StatsReport): { title: string; subtitle: string; summary: string; facts: Fact[]; notes: string[] } {
  const where = report.query.enterprise ? t('stats.where.enterprise', { enterprise: escapeMarkdown(report.query.enterprise, 120) }) : t('stats.where.all');
  if (report.kind === 'empty') {
    return {
      title: t('stats.emptyTitle'),
      subtitle: t('stats.subtitle', { where, n: report.query.days }),
      summary: '',
      facts: [],
      notes: [report.query.enterprise ? t('stats.emptyEnterprise') : t('stats.emptyAll')],
    };
  }
  const h = report.headline;
  const span = t('stats.days', { n: report.spanDays });
  const activation = h.activation.medianDays === null ? t('stats.noActivations') : t('stats.medianToActivate', { days: daysText(h.activation.medianDays) });
  const summary = t('stats.summary', {
    provisioned: formatNumber(h.provisioned.now),
    change: signed(h.provisioned.change),
    span,
    errored: formatNumber(h.errored.now),
    errorChange: signed(h.errored.change),
    activation,
  });
  const facts: Fact[] = [
    fact(t('stats.fact.provisioned'), withChange(h.provisioned)),
    fact(t('stats.fact.error'), withChange(h.errored)),
    fact(t('stats.fact.pending'), withChange(h.pending)),
    fact(t('stats.fact.provisioning'), withChange(h.provisioning)),
    fact(t('stats.fact.newlyProvisioned'), formatNumber(h.newlyProvisioned)),
    fact(t('stats.fact.newlyErrored'), formatNumber(h.newlyErrored)),
    fact(t('stats.fact.removed'), formatNumber(h.removed)),
    fact(
      t('stats.fact.timeToActivate'),
      h.activation.medianDays === null ? t('stats.noActivations') : t('stats.medianOf', { days: daysText(h.activation.medianDays), n: h.activation.count }),
    ),
  ];
  if (h.people) {
    facts.push(
      fact(t('stats.fact.peopleActivated'), withChange(h.people.activated)),
      fact(t('stats.fact.peoplePending'), withChange(h.people.pending)),
      fact(t('stats.fact.peopleInvited'), formatNumber(h.people.invited)),
    );
  }
  if (h.reminders) {
    facts.push(fact(t('stats.fact.reminders'), t('stats.reminders', { sent: formatNumber(h.reminders.sent), suppressed: formatNumber(h.reminders.suppressed), failed: formatNumber(h.reminders.failed) })));
  }
  const notes = [t('stats.changesOver', { span, from: formatDate(report.series.days[0]!.day), at: formatDateTime(report.asOf) })];
  if (report.reconstructedDays > 0) notes.push(t('stats.reconstructed', { n: report.reconstructedDays }));
  return { title: t('stats.title'), subtitle: t('stats.subtitle', { where, n: report.spanDays }), summary, facts, notes };
}

export function renderStats(data: StatsCardData): RenderedCard<'stats'> {
  const text = statsText(data.report);
  const card = expandTemplate('stats', { ...text, notes: text.notes.map((note) => ({ text: note })) });
  return {
    card,
    offer: offerOf('stats', card, {}),
    fallbackText: fallbackText([
      `**${text.title}** — ${text.subtitle}`,
      text.summary || undefined,
      ...text.facts.map((f) => `- ${f.title}: ${f.value}`),
      ...text.notes,
    ]),
  };
}
