// GET /metrics: the instance's registry in the Prometheus text format.
import { Router } from 'express';
import type { Metrics } from './registry.js';

export function metricsRouter(metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const body = await metrics.text();
    res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(body);
  });
  return router;
}
