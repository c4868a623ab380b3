// Renders docs/stats-chart.png from the simulator's demo data, the way `stats 90d` would: the
// real application in local mode (embedded database in memory, simulator), its first-start
// backfill of the history, then the stats service's report and chart.
// Usage: node --import tsx scripts/stats-chart.ts [out.png]
import { writeFile } from 'node:fs/promises';
import { startApplication } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createStatsService } from '../src/stats/index.js';

const out = process.argv[2] ?? 'docs/stats-chart.png';
const app = await startApplication(loadConfig({ DATA_DIR: 'memory://', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }));
try {
  await app.statsCatchUp;
  const report = await createStatsService({ stats: app.store.dailyStats, now: () => new Date() }).report({ days: 90 });
  if (report.kind !== 'ok') throw new Error('the simulator produced no history');
  const chart = await createStatsService({ stats: app.store.dailyStats, now: () => report.asOf }).chart(report);
  await writeFile(out, chart.data);
  console.log(`${out}: ${chart.data.length} bytes, ${report.series.days.length} days (${report.reconstructedDays} reconstructed)`);
} finally {
  await app.stop();
}
