/**
 * The Koa app: one error middleware on top (no stack traces to clients), health and metrics, and whatever
 * routers the composition root mounts (emulator, HTTP robot mode, admin API).
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { Registry } from 'prom-client';
import type { Log } from '../../domain/ports/log.port';
import { catchErrors } from './catch-errors';
import type { HealthRegistry } from './health';

export interface HttpAppOptions {
  health: HealthRegistry;
  metrics: Registry;
  log: Log;
  routers?: Router[];
}

export function createHttpApp(options: HttpAppOptions): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(
    catchErrors((ctx, e) => {
      const err = e as { status?: number; expose?: boolean; message?: string };
      const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
      ctx.status = status;
      ctx.body = { error: status < 500 && err.expose !== false ? err.message : 'internal error' };
      if (status >= 500) options.log.error('http.request_failed', { path: ctx.path, error: (e as Error).message, stack: (e as Error).stack });
    }),
  );

  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const report = await options.health.report();
    ctx.status = report.ok ? 200 : 503;
    const status = report.ok && report.degraded.length === 0 ? 'ok' : 'degraded';
    ctx.body = { status, ...(report.degraded.length ? { degraded: report.degraded } : {}), ...report.checks };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = options.metrics.contentType;
    ctx.body = await options.metrics.metrics();
  });
  app.use(router.routes()).use(router.allowedMethods());
  for (const r of options.routers ?? []) app.use(r.routes()).use(r.allowedMethods());
  return app;
}
