// `tsx bench/<suite>.ts` prints that suite's section alone; imported by bench/run.ts, it does nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function runIfMain(moduleUrl: string, run: () => Promise<string>): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== path.resolve(process.argv[1])) return;
  run().then(
    (md) => console.log(md),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
