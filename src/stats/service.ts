// The stats service the handlers use: the report of a period, its chart and its CSV.
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

export function chartTitle(report: Extract<StatsReport, { kind: 'ok' }>): string {
  const where = report.query.enterprise ? `enterprise ${report.query.enterprise}` : 'all enterprises';
  return `Activation over ${report.spanDays} days — ${where}`;
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
