/** The top error middleware of a Koa app: whatever the rest throws goes to `answer`, which sets the response. */
import type { Context, Middleware } from 'koa';

export function catchErrors(answer: (ctx: Context, err: unknown) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      answer(ctx, err);
    }
  };
}
