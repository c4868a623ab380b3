// `prisma generate` without a network: every prisma CLI command first tries to download the
// native schema engine, which generate does not need. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file skips that download. (Migrations use the Wasm engine: src/db/migrations.ts.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
