// The JavaScript `npm start` runs: src/**/*.ts transpiled one file each (no bundling, so every
// module keeps its path and `import.meta.url` finds what sits next to it) into dist/, the other
// files of src/ (messages, catalogues, the card schema, the emulator's page) copied beside them.
// dist/ is src/'s twin at the same depth, so `../../cards` and `../../prisma` resolve the same.
//
// Why a build at all: running the TypeScript through tsx kept its compiler, its per-module source
// maps and a second copy of it in the database's thread resident for the life of the process
// (~120 MB of the bot's ~570 MB idle, bench/results.md). The tests and `npm run dev` still run
// the sources directly.
//
// Safe to run while another build or a bot runs (the test suite starts several at once): every
// file is written to a temporary name and renamed over the old one, and only when it changed.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = path.join(ROOT, 'src');
export const DIST = path.join(ROOT, 'dist');

/** Every file under dir, as absolute paths. */
export async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function writeIfChanged(file, contents) {
  const old = await readFile(file).catch(() => undefined);
  if (old && Buffer.compare(old, contents) === 0) return false;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
  return true;
}

/** Builds dist/ from src/; returns how many files changed. */
export async function buildDist() {
  const sources = await filesUnder(SRC);
  const typescript = sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const assets = sources.filter((f) => !f.endsWith('.ts'));
  const result = await build({
    entryPoints: typescript,
    outdir: DIST,
    outbase: SRC,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    write: false,
    logLevel: 'warning',
  });
  const wanted = new Map(result.outputFiles.map((f) => [f.path, Buffer.from(f.contents)]));
  for (const asset of assets) wanted.set(path.join(DIST, path.relative(SRC, asset)), await readFile(asset));
  let changed = 0;
  for (const [file, contents] of wanted) if (await writeIfChanged(file, contents)) changed++;
  // Whatever src/ no longer has (a module renamed or removed) goes, so nothing stale is imported;
  // so does a temporary file a killed build left (not one another build is writing right now).
  const present = await filesUnder(DIST).catch(() => []);
  for (const file of present) {
    if (wanted.has(file)) continue;
    if (file.endsWith('.tmp') && Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs < 60_000) continue;
    await rm(file, { force: true });
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildDist().catch((err) => {
    console.error(`Building dist/ failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
