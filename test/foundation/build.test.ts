// The build `npm start` runs (scripts/build.mjs): dist/ is src/'s twin, one .js per .ts and every
// other file copied, a second build with nothing changed writes nothing, and a file src/ no longer
// has does not linger in dist/ to be imported. Also what scripts/prisma-generate.mjs does to the
// generated client for memory (its query compiler read from a file).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, SRC, buildDist, filesUnder } from '../../scripts/build.mjs';

/** The files under dir, relative to it (src/ and dist/ compared path for path). */
const relativeFilesUnder = async (dir: string) => (await filesUnder(dir)).map((f) => path.relative(dir, f));

describe('the build (dist/)', () => {
  it('has a module for every source file and a copy of every other file', { timeout: 60_000 }, async () => {
    await buildDist();
    const sources = await relativeFilesUnder(SRC);
    const built = new Set(await relativeFilesUnder(DIST));
    const expected = sources.filter((f) => !f.endsWith('.d.ts')).map((f) => (f.endsWith('.ts') ? f.replace(/\.ts$/, '.js') : f));
    expect(expected.filter((f) => !built.has(f))).toEqual([]);
    expect(built.has('main.js')).toBe(true);
    expect(built.has('db/embedded-worker.js')).toBe(true);
    expect(built.has('i18n/messages/cs.json')).toBe(true);
  });

  it('gives Prisma its query compiler as a .wasm file, not as a 4.4 MB base64 module V8 would keep', async () => {
    const client = await readFile(path.join(SRC, 'generated/prisma/internal/class.ts'), 'utf8');
    expect(client).not.toContain('wasm-base64');
    const wasm = /new URL\('\.\/(query_compiler_[\w.]+\.wasm)', import\.meta\.url\)/.exec(client)?.[1];
    expect(wasm).toBeDefined();
    expect(existsSync(path.join(DIST, 'generated/prisma/internal', wasm!))).toBe(true);
  });

  it('writes nothing when nothing changed, and removes what src/ no longer has', { timeout: 60_000 }, async () => {
    await buildDist();
    const stale = path.join(DIST, 'stale-module-from-an-older-build.js');
    await writeFile(stale, 'export const old = true;\n');
    expect(await buildDist()).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });
});
