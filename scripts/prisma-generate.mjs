// `prisma generate` without a network: every prisma CLI command first tries to download the
// native schema engine, which generate does not need. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file skips that download. (Migrations use the Wasm engine: src/db/migrations.ts.)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], { stdio: 'inherit', env });
if (result.status !== 0) process.exit(result.status ?? 1);
await queryCompilerFromFile();

/**
 * The generated client imports Prisma's query compiler (WebAssembly) as a JavaScript module that
 * exports it in base64, 4.4 MB: V8 keeps that module's source, and the string, for the life of
 * the process (~9 MB of the bot's heap). The same bytes are written here as a .wasm file next to
 * the client, which reads it instead. If a Prisma release generates other code, nothing is
 * changed and the client works as generated.
 */
async function queryCompilerFromFile() {
  const file = path.join('src', 'generated', 'prisma', 'internal', 'class.ts');
  const source = readFileSync(file, 'utf8');
  const pattern = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/(query_compiler_\w+_bg\.postgresql)\.wasm-base64\.mjs)"\)\s*\n\s*return await decodeBase64AsWasm\(wasm\)/;
  const found = pattern.exec(source);
  if (!found) {
    console.warn('prisma-generate: the query compiler stays in base64 (the generated client is not the expected shape).');
    return;
  }
  const [, specifier, name] = found;
  const { wasm } = await import(specifier);
  writeFileSync(path.join(path.dirname(file), `${name}.wasm`), Buffer.from(wasm, 'base64'));
  const replacement = `const { readFile } = await import('node:fs/promises')\n    return new WebAssembly.Module(await readFile(new URL('./${name}.wasm', import.meta.url)))`;
  writeFileSync(file, source.replace(pattern, replacement));
}
