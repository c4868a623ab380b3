// stats: how activation is going over a period — the headline numbers with their change, as a
// summary line and a fact list (the same facts the chart beside it draws, for people who cannot
// see the image), or "not enough data yet" when there is no history to draw.
import type { StatsReport } from '../stats/report.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime, plural } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';
import { fact, type Fact } from './view.js';

export interface StatsCardData extends CardBase {
  report: StatsReport;
}

const count = new Intl.NumberFormat('en-US');
/** "+212", "−12" (a real minus sign), "no change". */
export const signed = (n: number): string => (n > 0 ? `+${count.format(n)}` : n < 0 ? `−${count.format(-n)}` : 'no change');
const withChange = (c: { now: number; change: number }) => `${count.format(c.now)} (${signed(c.change)})`;
const daysText = (d: number) => `${d.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${d === 1 ? 'day' : 'days'}`;

/** The card's words, shared by its body and its text version. */
export function statsText(report: StatsReport): { title: string; subtitle: string; summary: string; facts: Fact[]; notes: string[] } {
  const where = report.query.enterprise ? `enterprise ${escapeMarkdown(report.query.enterprise, 120)}` : 'all enterprises';
  if (report.kind === 'empty') {
    return {
      title: 'Activation trends: not enough data yet',
      subtitle: `${where}, last ${plural(report.query.days, 'day')}`,
      summary: '',
      facts: [],
      notes: [
        report.query.enterprise
          ? 'There is no history for this enterprise yet: check the id with “users all”, or try again once it has subscribers.'
          : 'There is no history yet: the bot records one point a day, just after midnight UTC, from the subscribers and people it mirrors. Try again tomorrow.',
      ],
    };
  }
  const h = report.headline;
  const span = plural(report.spanDays, 'day');
  const activation = h.activation.medianDays === null ? 'no activations in this period' : `median time to activate ${daysText(h.activation.medianDays)}`;
  const summary = `Provisioned ${count.format(h.provisioned.now)} (${signed(h.provisioned.change)} in ${span}) · Errors ${count.format(h.errored.now)} (${signed(h.errored.change)}) · ${activation}`;
  const facts: Fact[] = [
    fact('Provisioned', withChange(h.provisioned)),
    fact('Error', withChange(h.errored)),
    fact('Pending', withChange(h.pending)),
    fact('Provisioning', withChange(h.provisioning)),
    fact('Newly provisioned', count.format(h.newlyProvisioned)),
    fact('Newly errored', count.format(h.newlyErrored)),
    fact('Removed', count.format(h.removed)),
    fact('Time to activate', h.activation.medianDays === null ? 'no activations in this period' : `median ${daysText(h.activation.medianDays)} (${plural(h.activation.count, 'subscriber')})`),
  ];
  if (h.people) {
    facts.push(fact('People activated', withChange(h.people.activated)), fact('People still pending', withChange(h.people.pending)), fact('People invited', count.format(h.people.invited)));
  }
  if (h.reminders) facts.push(fact('Reminders', `${count.format(h.reminders.sent)} sent · ${count.format(h.reminders.suppressed)} suppressed · ${count.format(h.reminders.failed)} failed`));
  const notes = [`Changes are over ${span}, from ${report.series.days[0]!.day} to today. Counts as of ${formatDateTime(report.asOf)}.`];
  if (report.reconstructedDays > 0) {
    notes.push(`${plural(report.reconstructedDays, 'day')} of this period ${report.reconstructedDays === 1 ? 'was' : 'were'} reconstructed from what the bot mirrors (only each subscriber’s last status change is known), not counted on the day.`);
  }
  return { title: 'Activation trends', subtitle: `${where}, last ${span}`, summary, facts, notes };
}

export function renderStats(data: StatsCardData): RenderedCard<'stats'> {
  const text = statsText(data.report);
  const card = expandTemplate('stats', { ...text, notes: text.notes.map((t) => ({ text: t })) });
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
