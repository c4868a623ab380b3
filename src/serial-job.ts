// One piece of a job's work at a time, in order: its timer's ticks and the runs asked for on demand
// (a refresh, a test's tick) never overlap, and stop() waits for the one under way.
export function serialJob() {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const run = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => {});
    return next;
  };
  return {
    run,
    /** Runs `work` every `everyMs` (a failure waits for the next tick); the timer keeps no process alive. */
    every(everyMs: number, work: () => Promise<unknown>): void {
      timer = setInterval(() => void run(work).catch(() => {}), everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
