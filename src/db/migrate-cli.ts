// `npm run db:migrate`: applies pending migrations to the configured database and exits.
import { loadEnvFile } from './../env-file.js';
import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { runCli } from '../cli.js';

runCli(async () => {
  loadEnvFile();
  const config = loadConfig();
  const db = await openDatabase(config.database, { logger: { info: console.log, warn: console.warn, error: console.error } as never });
  console.log(db.applied.length ? `Applied ${db.applied.length} migration(s).` : 'Database is up to date.');
  await db.close();
});
