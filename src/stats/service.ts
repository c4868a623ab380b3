// The stats service the handlers use: the report of a period, its chart and its CSV.
import { t } from '../i18n/translate.js';
import { type DailyStatRepository } from '../store/daily-stats.js';
import { chartData, renderChartPng } from './chart.js';
import { seriesCsv } from './csv.js';
import { buildReport, type StatsQuery, type StatsReport } from './report.js';

export interface StatsFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface StatsService {
  report(query: StatsQuery): Promise<StatsReport>;
  /** The chart of a report that has data. */
  chart(report: Extract<StatsReport, { kind: 'ok' }>): Promise<StatsFile>;
  /** The report's series as CSV (null when there is no history yet). */
  csv(query: StatsQuery): Promise<{ report: StatsReport; file: StatsFile | null }>;
}

/** The chart's title in the current language (plain text: the chart is a picture, not markdown). */
export function chartTitle(report: Extract<StatsReport, { kind: 'ok' }>): string {
  const where = report.query.enterprise ? t('stats.where.enterprise', { enterprise: report.query.enterprise }) : t('stats.where.all');
  return t('stats.chartTitle', { n: report.spanDays, where });
}

export function createStatsService(o: { stats: DailyStatRepository; now: () => Date }): StatsService {
  const stamp = (at: Date) => at.toISOString().slice(0, 10);
  return {
    report: (query) => buildReport(o.stats, query, o.now()),
    async chart(report) {
      const data = await renderChartPng(chartData(report.series), chartTitle(report));
      return { filename: `activation-trends-${stamp(report.asOf)}.png`, contentType: 'image/png', data };
    },
    async csv(query) {
      const report = await buildReport(o.stats, query, o.now());
      if (report.kind === 'empty') return { report, file: null };
      return { report, file: { filename: `activation-history-${stamp(report.asOf)}.csv`, contentType: 'text/csv', data: Buffer.from(seriesCsv(report.series.days), 'utf8') } };
    },
  };
}
