// `npm start`: reads .env and the environment, starts the bot, stops cleanly on SIGTERM/SIGINT
// (also when the signal arrives while it is still starting). package.json's scripts `exec` node, so
// this process is npm's own child and receives the SIGTERM/SIGINT npm forwards; without `exec`,
// Debian's sh (dash) sits in between, dies of the forwarded signal and leaves the bot running.
import { startApplication, type Application } from './app.js';
import { runCli } from './cli.js';
import { loadConfig } from './config.js';
import { loadEnvFile } from './env-file.js';

runCli(async () => {
  loadEnvFile();
  const config = loadConfig();
  let app: Application | undefined;
  let signalled: string | undefined;
  let stopping = false;
  // A signal can arrive twice: a terminal's Ctrl-C reaches the whole process group and npm (or
  // node --watch) forwards its own copy too. The first starts the shutdown (with its per-step
  // deadlines); a repeat must not fall back to Node's default action and kill the bot mid-way.
  const shutdown = (signal: string) => {
    signalled ??= signal;
    if (!app) return; // handled once start-up finishes
    if (stopping) {
      app.logger.info({ signal }, 'signal received while stopping; still stopping');
      return;
    }
    stopping = true;
    app.logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (err: Error) => {
        app?.logger.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    const err = reason instanceof Error ? reason.message : String(reason);
    if (app) app.logger.error({ err }, 'unhandled rejection');
    else console.error(`Unhandled rejection: ${err}`);
  });
  app = await startApplication(config);
  if (signalled) shutdown(signalled);
});
