// The stats report over a simulated history (real store, embedded database): the data fed to
// the chart is the store's series; the PNG is a real PNG of the expected width with the
// chart's colours in it; the card states the same numbers; no history → "not enough data yet".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderStats, signed, statsText } from '../../src/cards/index.js';
import { CHART_WIDTH_PX, chartData, createStatsService, STATUS_GROUPS, type StatsReport } from '../../src/stats/index.js';
import { addDays, ORG_SCOPE } from '../../src/store/daily-stats.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { DAYS, endOf, mirrorAsOf, simulatedHistory, START } from '../support/history.js';
import { countColour, decodePng, pixelSummary, PNG_SIGNATURE } from '../support/png.js';

const LAST = addDays(START, DAYS - 1);
const ASOF = new Date(`${addDays(LAST, 1)}T09:30:00Z`);
const fmt = (n: number) => n.toLocaleString('en-US');
type OkReport = Extract<StatsReport, { kind: 'ok' }>;

describe('the stats report', () => {
  let t: TestDatabase;
  let report: OkReport;
  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    const h = simulatedHistory(11, 400, 120);
    // Recorded history up to yesterday (reconstructed), the mirror as it is this morning.
    await mirrorAsOf(t.db.prisma, h, ASOF);
    await t.store.dailyStats.backfill(START, LAST, ASOF);
    const r = await createStatsService({ stats: t.store.dailyStats, now: () => ASOF }).report({ days: 30 });
    if (r.kind !== 'ok') throw new Error('expected a report with data');
    report = r;
  }, 60_000);
  afterAll(() => t?.dispose());

  it('feeds the chart exactly the store’s series, with today counted live', async () => {
    const recorded = await t.store.dailyStats.series(ORG_SCOPE, addDays(LAST, -29), LAST);
    const today = await t.store.dailyStats.live(addDays(LAST, 1), ASOF, ORG_SCOPE);
    const data = chartData(report.series);
    const expected = [...recorded, today!].flatMap((d) => STATUS_GROUPS.map((g) => [d.day, g.label, d[g.key]]));
    expect(data.status.map((r) => [r.day, r.group, r.count])).toEqual(expected);
    expect(data.activation.map((a) => a.day)).toEqual([...recorded, today!].filter((d) => d.activationHoursMedian !== null).map((d) => d.day));
    expect(data.status.at(-1)!.day).toBe(addDays(LAST, 1));
    // Today's point is the mirror now: every subscriber of the history created by now.
    const mirrored = await t.db.prisma.subscriber.count();
    expect(data.status.filter((r) => r.day === addDays(LAST, 1)).reduce((n, r) => n + r.count, 0)).toBe(mirrored);
  });

  it('renders a valid PNG, 1200 px wide, well under 150 KB, with the status colours in it', async () => {
    const service = createStatsService({ stats: t.store.dailyStats, now: () => ASOF });
    const file = await service.chart(report);
    expect(file.contentType).toBe('image/png');
    expect(file.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file.data.length).toBeLessThan(150 * 1024);
    const img = decodePng(file.data);
    expect(img.width).toBe(CHART_WIDTH_PX);
    expect(img.height).toBeGreaterThan(300);
    const { colours, nonWhiteShare } = pixelSummary(img);
    expect(colours).toBeGreaterThan(20);
    expect(nonWhiteShare).toBeGreaterThan(0.15);
    // Each status group that has subscribers today shows as a filled area of its colour.
    const last = report.series.days.at(-1)!;
    for (const g of STATUS_GROUPS) if (last[g.key] > 10) expect(countColour(img, g.color), g.label).toBeGreaterThan(200);
  });

  it('the card states the same numbers as the series: now, change over the period, period totals', () => {
    const days = report.series.days;
    const [first, last] = [days[0]!, days.at(-1)!];
    const text = statsText(report);
    expect(text.summary).toContain(`Provisioned ${fmt(last.provisioned)} (${signed(last.provisioned - first.provisioned)} in ${days.length - 1} days)`);
    expect(text.summary).toContain(`Errors ${fmt(last.errored)} (${signed(last.errored - first.errored)})`);
    const facts = Object.fromEntries(text.facts.map((f) => [f.title, f.value]));
    expect(facts['Pending']).toBe(`${fmt(last.pending)} (${signed(last.pending - first.pending)})`);
    expect(facts['Newly provisioned']).toBe(fmt(days.slice(1).reduce((n, d) => n + d.newlyProvisioned, 0)));
    expect(facts['Newly errored']).toBe(fmt(days.slice(1).reduce((n, d) => n + d.newlyErrored, 0)));
    expect(facts['People activated']).toBe(`${fmt(last.peopleActivated!)} (${signed(last.peopleActivated! - first.peopleActivated!)})`);
    expect(text.summary).toMatch(/median time to activate \d+(\.\d)? days?/);
    // The text version of the card (notifications, screen readers) carries the same line.
    const rendered = renderStats({ cardId: 'c1', report });
    expect(rendered.fallbackText).toContain(`Provisioned ${fmt(last.provisioned)}`);
    expect(JSON.stringify(rendered.card)).toContain(`Errors ${fmt(last.errored)}`);
    expect(text.notes.join(' ')).toContain(`${report.reconstructedDays} days of this period were reconstructed`);
  });

  it('an enterprise gets its own series and no people lines', async () => {
    const r = await createStatsService({ stats: t.store.dailyStats, now: () => ASOF }).report({ days: 7, enterprise: 'SP1+acme' });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const mirrored = await t.db.prisma.subscriber.count({ where: { spEnterpriseId: 'SP1+acme' } });
    const last = r.series.days.at(-1)!;
    expect(last.pending + last.provisioning + last.provisioned + last.errored).toBe(mirrored);
    expect(r.series.days).toHaveLength(8);
    expect(statsText(r).facts.map((f) => f.title)).not.toContain('People activated');
  });

  it('no history (a new org, or an unknown enterprise) is "not enough data yet", not an empty chart', async () => {
    const empty = await openTestDatabase('embedded');
    try {
      const service = createStatsService({ stats: empty.store.dailyStats, now: () => ASOF });
      const r = await service.report({ days: 30 });
      expect(r.kind).toBe('empty');
      expect(statsText(r).title).toBe('Activation trends: not enough data yet');
      expect((await service.csv({ days: 30 })).file).toBeNull();
    } finally {
      await empty.dispose();
    }
    const unknown = await createStatsService({ stats: t.store.dailyStats, now: () => ASOF }).report({ days: 30, enterprise: 'SP9+nobody' });
    expect(unknown.kind).toBe('empty');
  });

  it('exports the same series as CSV, one line per day', async () => {
    const { file } = await createStatsService({ stats: t.store.dailyStats, now: () => ASOF }).csv({ days: 30 });
    const lines = file!.data.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^day,scope,reconstructed,live,pending,provisioning,provisioned,error,/);
    expect(lines).toHaveLength(report.series.days.length + 1);
    const lastCells = lines.at(-1)!.split(',');
    const last = report.series.days.at(-1)!;
    expect(lastCells.slice(0, 8)).toEqual([last.day, '"*"', 'false', 'true', String(last.pending), String(last.provisioning), String(last.provisioned), String(last.errored)]);
  });
});
