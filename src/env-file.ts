// Reads ./.env when present; real environment variables win over the file.
import { existsSync } from 'node:fs';
import { config as dotenv } from 'dotenv';

export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) dotenv({ path, override: false, quiet: true });
}
