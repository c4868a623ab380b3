// `npm run bench`: benchmarks, each reported as a ratio against a baseline measured in the same
// run. Every run appends a dated section, with the machine it ran on, to bench/results.md.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as alertsDetection } from './alerts-detection.js';
import { run as errors } from './errors.js';
import { run as freshness } from './freshness.js';
import { run as partner } from './partner.js';
import { run as provisioningList } from './provisioning-list.js';
import { run as startup } from './startup.js';
import { run as stats } from './stats.js';
import { run as webhookThroughput } from './webhook-throughput.js';
import { run as websocket } from './websocket.js';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');
const TITLE = '# Benchmark results\n\nAppended by `npm run bench`, newest last. Figures depend on the machine and its load at the time: compare ratios, not milliseconds, across machines.\n';

function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; load average at start ${load} (1 / 5 / 15 min)`
  );
}

async function main(): Promise<void> {
  const started = new Date();
  const header = [`## ${started.toISOString()}`, '', `Machine: ${machine()}`, ''].join('\n');
  console.log(header);
  const sections: string[] = [];
  for (const suite of [startup, provisioningList, alertsDetection, freshness, errors, partner, stats, websocket, webhookThroughput]) {
    const section = await suite();
    console.log(section);
    sections.push(section);
  }
  const took = `_Whole run: ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s._\n`;
  console.log(took);
  const existing = await readFile(RESULTS, 'utf8').catch(() => null);
  if (existing === null) await writeFile(RESULTS, TITLE);
  await appendFile(RESULTS, `\n${header}\n${sections.join('\n')}\n${took}`);
  console.log(`Appended to ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
