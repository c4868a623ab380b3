// A dedicated, throw-away PostgreSQL server for tests that stop and restart it mid-test (the run's
// shared server is never touched). The same npm mechanism as the run's server (npm-postgres.ts),
// so it needs no PostgreSQL on the machine: stop() is a fast shutdown that cuts connections, as a
// real restart does, and start() brings the same data back.
import { startNpmPostgres, type NpmPostgres } from '../../support/npm-postgres.js';

export type PgCluster = NpmPostgres;

export function startPgCluster(): Promise<PgCluster> {
  return startNpmPostgres('pg-cluster');
}
