// Prisma's schema engine compiled to Wasm, driven through a driver adapter. The prisma CLI
// wants the native engine (a download we cannot make offline); this is the same engine,
// shipped on npm, so migrations work everywhere and keep the standard _prisma_migrations table.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

const require = createRequire(import.meta.url);
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
let bindings: Promise<Bindings> | undefined;
let lastPanic: string | undefined;

/** The message of the engine's last panic, if any (panics surface as opaque Wasm traps). */
export function lastEnginePanic(): string | undefined {
  return lastPanic;
}

/** Loads the Wasm module once per process (its package entry imports .wasm, which Node rejects). */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    // The engine reports Rust panics through this global; keep the text for the error message.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Bindings & {
      __wbg_set_wasm(exports: unknown): void;
    };
    const wasmBytes = await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': bg as never });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return bindings;
}

export interface EngineHandle {
  engine: SchemaEngine;
  close(): void;
}

export async function openSchemaEngine(
  schemaPath: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: (message: string) => void = () => {},
): Promise<EngineHandle> {
  const bg = await loadBindings();
  const schemaText = await readFile(schemaPath, 'utf8');
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return { engine, close: () => engine.free() };
}

export { NO_FILTERS };
export type { MigrationList };
