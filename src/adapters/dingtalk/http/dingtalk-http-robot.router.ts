import { createHash } from 'node:crypto';
import { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import type { InboundPipeline } from '../inbound/inbound-pipeline';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';
import { verifyDingTalkSignature } from './dingtalk-signature';
import { BodyTooLargeError, parseJsonOrUndefined, readBodyText } from './read-json-body';

export interface DingTalkHttpRouterOptions {
  /** DINGTALK_CLIENT_SECRET (the app secret keys the signature). */
  appSecret: string;
  pipeline: InboundPipeline;
  logger?: Log;
  now?: () => number;
  /** Accepted clock skew, default 1 hour. */
  toleranceMs?: number;
  bodyLimitBytes?: number;
}

/**
 * HTTP robot mode (DINGTALK_MODE=http): `POST /dingtalk/robot` and `POST /dingtalk/card`. The `timestamp` + `sign`
 * headers are verified before the body is even read: a bad or stale signature answers 401 with no side effect.
 * Then the same store → answer → process path as Stream mode.
 */
export function createDingTalkHttpRouter(options: DingTalkHttpRouterOptions): Router {
  const logger = options.logger ?? silentLog;
  const now = options.now ?? Date.now;
  const router = new Router();

  const verify = async (ctx: Context, next: Next): Promise<void> => {
    const check = verifyDingTalkSignature({
      timestamp: ctx.get('timestamp') || undefined,
      sign: ctx.get('sign') || undefined,
      appSecret: options.appSecret,
      nowMs: now(),
      toleranceMs: options.toleranceMs,
    });
    if (!check.ok) {
      logger.warn('dingtalk.http.signature_rejected', { path: ctx.path, reason: check.error });
      ctx.status = 401;
      ctx.body = { code: 'InvalidSignature', message: `signature ${check.error}` };
      return;
    }
    await next();
  };

  const readBody = async (ctx: Context): Promise<{ text: string; json: unknown } | null> => {
    try {
      const text = await readBodyText(ctx.req, options.bodyLimitBytes ?? 1024 * 1024);
      return { text, json: parseJsonOrUndefined(text) };
    } catch (err) {
      ctx.status = err instanceof BodyTooLargeError ? 413 : 400;
      ctx.body = { code: 'InvalidBody', message: 'unreadable body' };
      logger.warn('dingtalk.http.body_unreadable', { path: ctx.path, error: errorMessage(err) });
      return null;
    }
  };

  router.post('/dingtalk/robot', verify, async (ctx) => {
    const body = await readBody(ctx);
    if (!body) return;
    const msgId = (body.json as { msgId?: unknown } | undefined)?.msgId;
    const acceptance = await options.pipeline.acceptMessage(body.json ?? body.text, typeof msgId === 'string' ? undefined : bodyId(ctx, body.text), 'http');
    if (acceptance.status === 'store-failed') {
      ctx.status = 503;
      ctx.body = { code: 'InboxUnavailable', message: 'try again later' };
      return;
    }
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
    if (acceptance.status === 'accepted') void acceptance.process();
  });

  router.post('/dingtalk/card', verify, async (ctx) => {
    const body = await readBody(ctx);
    if (!body) return;
    const acceptance = await options.pipeline.acceptCardAction(body.json ?? body.text, bodyId(ctx, body.text), 'http');
    if (acceptance.status === 'store-failed') {
      ctx.status = 503;
      ctx.body = { code: 'InboxUnavailable', message: 'try again later' };
      return;
    }
    ctx.status = 200;
    ctx.body = acceptance.status === 'accepted' ? ((await acceptance.answer()) ?? {}) : {};
  });

  return router;
}

/** HTTP callbacks carry no delivery id: a retry of the same signed request hashes to the same key. */
function bodyId(ctx: Context, text: string): string {
  return 'http-' + createHash('sha256').update(`${ctx.get('timestamp')}\n${text}`).digest('hex').slice(0, 40);
}
