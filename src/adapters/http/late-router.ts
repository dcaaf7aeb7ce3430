/**
 * Routes mounted before what serves them exists (the admin API while the database has not opened yet): requests
 * under `prefix` are answered 503 with a sentence until `bind` hands over the real router, then go to it.
 */
import Router, { type RouterMiddleware } from '@koa/router';

export class LateRouter {
  readonly router = new Router();
  private serve: RouterMiddleware | null = null;

  constructor(prefix: string, unavailable: string) {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.router.all(new RegExp(`^${escaped}(?:/.*)?$`), async (ctx, next) => {
      if (!this.serve) {
        ctx.status = 503;
        ctx.body = { error: unavailable };
        return;
      }
      await this.serve(ctx, next);
    });
  }

  bind(real: Router): void {
    const routes = real.routes();
    const allowed = real.allowedMethods();
    this.serve = (ctx, next) => routes(ctx, () => allowed(ctx, next)) as Promise<void>;
  }
}
