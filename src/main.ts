// `npm start`: reads .env and the environment, starts the bot, stops cleanly on SIGTERM/SIGINT.
import { startApplication } from './app.js';
import { runCli } from './cli.js';
import { loadConfig } from './config.js';
import { loadEnvFile } from './env-file.js';

runCli(async () => {
  loadEnvFile();
  const config = loadConfig();
  const app = await startApplication(config);
  process.on('unhandledRejection', (reason) => {
    app.logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
  });
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (err: Error) => {
        app.logger.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
});
