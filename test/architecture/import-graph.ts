// The import graph of src/: every relative import of every module, value and type-only apart.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const SRC = resolve(import.meta.dirname, '../../src');

export interface ImportEdge {
  /** Paths relative to src/, e.g. "bot/actions/users.ts". */
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

// `import … from '…'`, `export … from '…'` (multi-line clauses too) and `import('…')`.
const STATIC = /^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gms;
const DYNAMIC = /import\(\s*'([^']+)'\s*\)/g;

export function importGraph(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const from = relative(SRC, file);
    const add = (spec: string, typeOnly: boolean) => {
      if (!spec.startsWith('.')) return;
      const to = relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      edges.push({ from, to, typeOnly });
    };
    for (const m of text.matchAll(STATIC)) add(m[3]!, Boolean(m[2]));
    for (const m of text.matchAll(DYNAMIC)) add(m[1]!, false);
  }
  return edges;
}

/**
 * The unit a module belongs to for the cycle check: its folder ("bot/commands", "alerts"), except
 * the modules directly in src/ and src/bot/ and each folder's types.ts, which stand alone (the
 * composition root, config and logger; the bot's transport files and its shared types). The fake
 * Webex is one unit: a test double with its own internal layout, never imported by the bot.
 */
export const folderOf = (path: string): string => {
  if (path.startsWith('fake-webex/')) return 'fake-webex';
  const dir = dirname(path);
  return dir === '.' || dir === 'bot' || path.endsWith('/types.ts') ? path : dir;
};

/** The text of every module under these src/ folders. */
export function importGraphFiles(folders: string[]): { path: string; text: string }[] {
  return folders.flatMap((folder) => sourceFiles(join(SRC, folder)).map((file) => ({ path: relative(SRC, file), text: readFileSync(file, 'utf8') })));
}
