// Composition root: opens the store, builds the services and the HTTP app, and starts listening.
// Everything is passed in explicitly so tests can start the real application in-process.
import type { Router } from 'express';
import { redactConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { createHttpApp } from './http/app.js';
import { listen, type RunningServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { createStore, type Store } from './store/index.js';

export interface Application {
  config: Config;
  logger: Logger;
  db: Database;
  store: Store;
  http: RunningServer;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  routers?: Router[];
}

export async function startApplication(config: Config, options: StartOptions = {}): Promise<Application> {
  const logger = options.logger ?? createLogger(config.logLevel);
  logger.info({ config: redactConfig(config) }, 'starting');
  const db = await openDatabase(config.database, { logger });
  const store = createStore(db.prisma);
  let http: RunningServer;
  try {
    const app = createHttpApp({ logger, isReady: () => db.isReady(), routers: options.routers });
    http = await listen(app, config.port, config.host);
  } catch (err) {
    await db.close();
    throw err;
  }
  logger.info({ url: http.url, database: db.kind, migrationsApplied: db.applied }, 'listening');

  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    db,
    store,
    http,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down');
        await http.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
