// Imports run one way: transport → dispatcher → commands/actions → views → services → store.
// Commands and actions share answers only through bot/views; handlers and views use services,
// never the store or a provisioning backend. Type-only imports (a row's type) are allowed
// downwards as they carry no behaviour. And no two folders import each other, even indirectly.
import { describe, expect, it } from 'vitest';
import { folderOf, importGraph, importGraphFiles, type ImportEdge } from './import-graph.js';

type Layer = 'transport' | 'dispatcher' | 'handlers' | 'views' | 'services' | 'store' | 'shared';

/** First match wins. */
const LAYERS: [RegExp, Layer][] = [
  [/^bot\/dispatcher\.ts$|^bot\/command-text\.ts$/, 'dispatcher'],
  [/^bot\/(commands|actions)\//, 'handlers'],
  [/^bot\/views\//, 'views'],
  [/^bot\/(types|list-filter|command-aliases)\.ts$/, 'shared'],
  // Which language a space speaks: a service (the store and Webex behind it); the catalogue and t() are shared.
  [/^i18n\/space-language\.ts$/, 'services'],
  // The domain's vocabulary (statuses, packages) and the one template rule: plain data and pure functions.
  [/^provisioning\/(types|template-check)\.ts$/, 'shared'],
  // The error catalogue and its explanations: data and pure functions (cards explain with them).
  [/^error-intelligence\/(catalogue|cause|explain)\.ts$/, 'shared'],
  [/^bot\/|^http\/|^emulator\/|^(main|app)\.ts$/, 'transport'],
  [/^(provisioning|alerts|export|audit|stats|error-intelligence|bulk|orgs)\//, 'services'],
  [/^(store|db)\//, 'store'],
  [/^(cards|webex|metrics|fake-webex)\/|^(config|logger|errors)\.ts$/, 'shared'],
];
const layerOf = (path: string): Layer => LAYERS.find(([re]) => re.test(path))?.[1] ?? 'shared';

/** Which layers each layer may import (values). Shared modules are importable from anywhere. */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  transport: ['transport', 'dispatcher', 'handlers', 'views', 'services', 'store', 'shared'],
  dispatcher: ['dispatcher', 'store', 'shared', 'services'],
  handlers: ['handlers', 'views', 'shared', 'services'],
  views: ['views', 'services', 'shared'],
  services: ['services', 'store', 'shared'],
  store: ['store', 'shared'],
  shared: ['shared'],
};

/** What handlers and views may use of the services: the service modules, not backends. */
const BACKEND = /^provisioning\/(webex-backend|webex-mappers|simulator\/)/;

function violations(edges: ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const [from, to] = [layerOf(e.from), layerOf(e.to)];
    const handlerOrView = from === 'handlers' || from === 'views';
    if (handlerOrView && BACKEND.test(e.to)) out.push(`${e.from} → ${e.to}: handlers use services, never a backend`);
    if (from === 'handlers' && to === 'handlers' && folderOf(e.from) !== folderOf(e.to)) {
      out.push(`${e.from} → ${e.to}: commands and actions share answers only through bot/views`);
    }
    if (e.typeOnly) continue;
    if (from === 'shared' && to !== 'shared') out.push(`${e.from} → ${e.to}: a shared module depends on ${to}`);
    else if (from !== 'shared' && !MAY_IMPORT[from].includes(to)) out.push(`${e.from} → ${e.to}: ${from} may not import ${to}`);
  }
  return out;
}

/** Folders that reach each other through value imports (a cycle between folders). */
function folderCycles(edges: ImportEdge[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [folderOf(e.from), folderOf(e.to)];
    if (a === b || e.typeOnly) continue;
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)!.add(b);
  }
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
    for (const n of next.get(from) ?? []) {
      if (n === target) return true;
      if (!seen.has(n)) {
        seen.add(n);
        if (reaches(n, target, seen)) return true;
      }
    }
    return false;
  };
  const cycles: string[] = [];
  for (const [a, targets] of next) for (const b of targets) if (a < b && reaches(b, a)) cycles.push(`${a} ⇄ ${b}`);
  return cycles;
}

describe('import direction', () => {
  const edges = importGraph();

  it('sees the graph (a parser that found nothing would pass everything)', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'bot/actions/users.ts', to: 'bot/views/users.ts', typeOnly: false });
    expect(edges.some((e) => e.typeOnly)).toBe(true);
  });

  it('follows transport → dispatcher → commands/actions → views → services → store', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('catches a command importing an action, a view importing the store, and a cycle', () => {
    const bad: ImportEdge[] = [
      { from: 'bot/commands/alerts.ts', to: 'bot/actions/alerts.ts', typeOnly: false },
      { from: 'bot/views/users.ts', to: 'store/subscribers.ts', typeOnly: false },
      { from: 'bot/actions/emails.ts', to: 'provisioning/webex-backend.ts', typeOnly: false },
      { from: 'store/people.ts', to: 'alerts/detection.ts', typeOnly: false },
    ];
    expect(violations(bad)).toHaveLength(4);
    expect(folderCycles([...bad, { from: 'alerts/detection.ts', to: 'store/people.ts', typeOnly: false }])).toEqual(['alerts ⇄ store']);
  });
});

describe('no casts that defeat the checker in the bot and the cards', () => {
  it('src/bot and src/cards have no `as never` and no `as unknown as`', () => {
    const offenders = importGraphFiles(['bot', 'cards']).filter(({ text }) => /\bas never\b|\bas unknown as\b/.test(text)).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });
});
