// The trends chart as a PNG, rendered on the server: vega-lite → vega → SVG → resvg. No browser,
// no native build, no network. Text is drawn with DejaVu Sans from the dejavu-fonts-ttf package,
// handed to resvg explicitly: slim servers and containers have no system fonts (and a system
// font would make the picture depend on the machine).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { t } from '../i18n/translate.js';
import { chartLocale } from './chart-locale.js';
import type { StatsSeries } from './report.js';

/**
 * vega, vega-lite and resvg load with the first chart: ~10 MB resident that most instances never
 * need (`stats` is asked for now and then; bench/results.md, footprint).
 */
let renderers: Promise<[typeof import('vega'), typeof import('vega-lite'), typeof import('@resvg/resvg-js')]> | undefined;
const loadRenderers = () => (renderers ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]));

const FONT_FAMILY = 'DejaVu Sans';
export const CHART_WIDTH_PX = 1200;

/** The font files, found through the package (not the machine), read once. */
const fontFiles = (() => {
  let files: string[] | undefined;
  return () => {
    if (!files) {
      const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
      files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(dir, f));
      files.forEach((f) => readFileSync(f, { flag: 'r' }).length); // fail here, by name, if missing
    }
    return files;
  };
})();

/** Status groups, bottom to top of the stack, with their colours and legend names (in the current language). */
export const STATUS_GROUPS = [
  { key: 'provisioned', get label() { return t('stats.fact.provisioned'); }, color: '#2e7d32' },
  { key: 'provisioning', get label() { return t('stats.fact.provisioning'); }, color: '#1565c0' },
  { key: 'pending', get label() { return t('stats.fact.pending'); }, color: '#f9a825' },
  { key: 'errored', get label() { return t('stats.fact.error'); }, color: '#c62828' },
] as const;

export interface ChartData {
  /** One row per day and status group (the stacked areas). */
  status: { day: string; group: string; order: number; count: number }[];
  /** Median days from created to provisioned, for the days that had activations. */
  activation: { day: string; days: number }[];
}

/** What the chart draws, straight from the series (tests compare it with the store). */
export function chartData(series: StatsSeries): ChartData {
  return {
    status: series.days.flatMap((d) => STATUS_GROUPS.map((g, order) => ({ day: d.day, group: g.label, order, count: d[g.key] }))),
    activation: series.days
      .filter((d) => d.activationHoursMedian !== null)
      .map((d) => ({ day: d.day, days: Math.round((d.activationHoursMedian! / 24) * 10) / 10 })),
  };
}

export function chartSpec(data: ChartData, title: string): TopLevelSpec {
  const x = { field: 'day', type: 'temporal' as const, title: null, axis: { format: '%d %b', labelAngle: 0, tickCount: 8 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 18 },
    background: 'white',
    config: { font: FONT_FAMILY, view: { stroke: null }, axis: { labelFontSize: 12, titleFontSize: 13 }, legend: { labelFontSize: 13 } },
    vconcat: [
      {
        width: 1080,
        height: 300,
        data: { values: data.status },
        mark: { type: 'area', interpolate: 'monotone' },
        encoding: {
          x,
          y: { field: 'count', type: 'quantitative', stack: 'zero', title: t('stats.chart.subscribers') },
          color: {
            field: 'group',
            type: 'nominal',
            title: null,
            scale: { domain: STATUS_GROUPS.map((g) => g.label), range: STATUS_GROUPS.map((g) => g.color) },
            legend: { orient: 'top', direction: 'horizontal' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      // No activations in the period: no empty axis (the card says so in words).
      ...(data.activation.length
        ? [
            {
              width: 1080,
              height: 140,
              data: { values: data.activation },
              mark: { type: 'line' as const, point: true, color: '#37474f' },
              encoding: { x, y: { field: 'days', type: 'quantitative' as const, title: t('stats.chart.daysToActivate') } },
            },
          ]
        : []),
    ],
  };
}

/** The chart as PNG bytes, CHART_WIDTH_PX wide. */
export async function renderChartPng(data: ChartData, title: string): Promise<Buffer> {
  // The axes' dates and numbers in the space's language (per view: other charts may render meanwhile).
  const locale = chartLocale();
  const [vega, { compile }, { Resvg }] = await loadRenderers();
  const view = new vega.View(vega.parse(compile(chartSpec(data, title)).spec), { renderer: 'none' });
  if (locale) view.locale(vega.locale(locale.number, locale.time));
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'width', value: CHART_WIDTH_PX },
      font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    }).render();
    return png.asPng();
  } finally {
    view.finalize();
  }
}
