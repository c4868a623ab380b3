// `npm start`: reads .env and the environment, starts the bot, stops cleanly on SIGTERM/SIGINT
// (also when the signal arrives while it is still starting).
import { startApplication, type Application } from './app.js';
import { runCli } from './cli.js';
import { loadConfig } from './config.js';
import { loadEnvFile } from './env-file.js';

runCli(async () => {
  loadEnvFile();
  const config = loadConfig();
  let app: Application | undefined;
  let signalled: string | undefined;
  const shutdown = (signal: string) => {
    signalled ??= signal;
    if (!app) return; // handled once start-up finishes
    app.logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (err: Error) => {
        app?.logger.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    const err = reason instanceof Error ? reason.message : String(reason);
    if (app) app.logger.error({ err }, 'unhandled rejection');
    else console.error(`Unhandled rejection: ${err}`);
  });
  app = await startApplication(config);
  if (signalled) shutdown(signalled);
});
