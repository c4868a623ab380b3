// The suite needs the local PostgreSQL server (see .ci/run, which starts it when it is down).
import { PG_ADMIN_URL, serverIsUp } from './postgres.js';

export default async function setup(): Promise<void> {
  if (!(await serverIsUp())) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL}. Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_PG_URL.`,
    );
  }
}
