// Entry points print a coded error's message (never a stack trace) and exit non-zero.
import { AppError } from './errors.js';

export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof AppError) console.error(err.message);
    else console.error(`Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
