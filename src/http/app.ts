// The Express app: health and readiness, a request id and a child logger per request, JSON
// 404s and one error handler that never leaks a stack trace. Feature routers are mounted by
// the composition root (src/app.ts).
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

export interface AppDeps {
  logger: Logger;
  /** Database reachable and migrations applied. */
  isReady: () => Promise<boolean>;
  routers?: Router[];
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  (req.log ?? console).error?.({ err: err instanceof Error ? { message: err.message, name: err.name } : String(err) }, 'request failed');
  if (res.headersSent) return;
  res
    .status(clientError ? status : 500)
    .json({ error: clientError ? 'bad_request' : 'internal_error', message: clientError ? 'The request could not be read.' : 'Something went wrong.', requestId: req.id });
};

export function createHttpApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(deps.logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await deps.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });

  for (const router of deps.routers ?? []) app.use(router);

  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}`, requestId: req.id });
  });
  app.use(errorHandler);
  return app;
}
