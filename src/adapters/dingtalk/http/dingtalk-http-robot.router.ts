import { createHash } from 'node:crypto';
import { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import type { InboundPipeline } from '../inbound/inbound-pipeline';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';
import type { CardHolderCheck } from './card-holder-check';
import { SIGNATURE_WINDOW_MS, verifyDingTalkSignature } from './dingtalk-signature';
import { BodyTooLargeError, parseJsonOrUndefined, readBodyText } from './read-json-body';
import { RecentSignedRequests } from './recent-signed-requests';

export interface DingTalkHttpRouterOptions {
  /** DINGTALK_CLIENT_SECRET (the app secret keys the signature). */
  appSecret: string;
  /** This app's robot code: a robot message naming another robot is refused. */
  robotCode: string;
  /** DINGTALK_CORP_ID: when set, a robot message of another corp (or none) and a card click of another corp are refused. */
  corpId?: string;
  /** Whether a clicker holds the card they clicked (the composition root builds it over the card store). */
  cardHolder: CardHolderCheck;
  pipeline: InboundPipeline;
  logger?: Log;
  now?: () => number;
  /** HTTP_SIGN_WINDOW_S in ms: accepted distance of the signed timestamp from now, default 5 minutes. */
  windowMs?: number;
  bodyLimitBytes?: number;
}

type Body = { text: string; json: unknown };

/**
 * HTTP robot mode (DINGTALK_MODE=http): `POST /dingtalk/robot` and `POST /dingtalk/card`. DingTalk signs only the
 * timestamp (docs/dingtalk.md §3.1), so a captured (timestamp, sign) pair could carry any body; within that scheme:
 * 1. the signature is verified before the body is read, within the window (401, no side effect);
 * 2. the same (timestamp, sign, body) again is a duplicate: 200 with nothing done (DingTalk takes 200 as received);
 *    the same pair with another body passes, because two genuine callbacks of one millisecond share it;
 * 3. a robot message must name this app's robot code (and corp, when DINGTALK_CORP_ID is set); a card click must
 *    name a card the bot delivered and a user who holds it (403 with a short code, nothing stored);
 * then the same store → answer → process path as Stream mode. The residual risk is in the README (HTTP mode).
 */
export function createDingTalkHttpRouter(options: DingTalkHttpRouterOptions): Router {
  const logger = options.logger ?? silentLog;
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? SIGNATURE_WINDOW_MS;
  const recent = new RecentSignedRequests(windowMs);
  const router = new Router();

  const verify = async (ctx: Context, next: Next): Promise<void> => {
    const check = verifyDingTalkSignature({
      timestamp: ctx.get('timestamp') || undefined,
      sign: ctx.get('sign') || undefined,
      appSecret: options.appSecret,
      nowMs: now(),
      windowMs,
    });
    if (!check.ok) {
      logger.warn('dingtalk.http.signature_rejected', { path: ctx.path, reason: check.error });
      ctx.status = 401;
      ctx.body = { code: 'InvalidSignature', message: `signature ${check.error}` };
      return;
    }
    await next();
  };

  const readBody = async (ctx: Context): Promise<Body | null> => {
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

  /** Read the body and claim its triple; null when answered already (unreadable, or a duplicate). */
  const readNew = async (ctx: Context, duplicateAnswer: object): Promise<(Body & { key: string }) | null> => {
    const body = await readBody(ctx);
    if (!body) return null;
    const timestamp = ctx.get('timestamp');
    const key = RecentSignedRequests.keyOf(timestamp, ctx.get('sign'), body.text);
    if (!recent.claim(key, Number(timestamp), now())) {
      logger.info('dingtalk.http.duplicate_request', { path: ctx.path });
      ctx.status = 200;
      ctx.body = duplicateAnswer;
      return null;
    }
    return { ...body, key };
  };

  const refuse = (ctx: Context, key: string, status: number, code: string): void => {
    recent.release(key);
    ctx.status = status;
    ctx.body = { code };
  };

  router.post('/dingtalk/robot', verify, async (ctx) => {
    const body = await readNew(ctx, { msgtype: 'empty' });
    if (!body) return;
    const problem = robotMessageProblem(body.json, options.robotCode, options.corpId);
    if (problem) {
      logger.warn('dingtalk.http.message_refused', { reason: problem });
      refuse(ctx, body.key, 403, 'NotThisRobot');
      return;
    }
    const msgId = (body.json as { msgId?: unknown } | undefined)?.msgId;
    const acceptance = await options.pipeline.acceptMessage(body.json ?? body.text, typeof msgId === 'string' ? undefined : bodyId(ctx, body.text), 'http');
    if (acceptance.status === 'store-failed') {
      refuse(ctx, body.key, 503, 'InboxUnavailable');
      return;
    }
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
    if (acceptance.status === 'accepted') void acceptance.process();
  });

  router.post('/dingtalk/card', verify, async (ctx) => {
    const body = await readNew(ctx, {});
    if (!body) return;
    const click = asObject(body.json);
    if (click && options.corpId && typeof click.corpId === 'string' && click.corpId !== options.corpId) {
      logger.warn('dingtalk.http.card_refused', { reason: 'corp' });
      refuse(ctx, body.key, 403, 'CardNotHeld');
      return;
    }
    // Without an outTrackId or a userId the pipeline drops the body (nothing to check, nothing done).
    if (click && typeof click.outTrackId === 'string' && typeof click.userId === 'string') {
      let holding: Awaited<ReturnType<CardHolderCheck>>;
      try {
        holding = await options.cardHolder(click.outTrackId, click.userId);
      } catch (err) {
        logger.error('dingtalk.http.card_check_failed', { error: errorMessage(err) });
        refuse(ctx, body.key, 503, 'CardStoreUnavailable');
        return;
      }
      if (holding !== 'holder') {
        logger.warn('dingtalk.http.card_refused', { reason: holding, outTrackId: click.outTrackId, userId: click.userId });
        refuse(ctx, body.key, 403, 'CardNotHeld');
        return;
      }
    }
    const acceptance = await options.pipeline.acceptCardAction(body.json ?? body.text, bodyId(ctx, body.text), 'http');
    if (acceptance.status === 'store-failed') {
      refuse(ctx, body.key, 503, 'InboxUnavailable');
      return;
    }
    ctx.status = 200;
    ctx.body = acceptance.status === 'accepted' ? ((await acceptance.answer()) ?? {}) : {};
  });

  return router;
}

function asObject(json: unknown): Record<string, unknown> | undefined {
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/**
 * Why a robot message is not this app's: another `robotCode` (or none), or with DINGTALK_CORP_ID set another
 * `chatbotCorpId` (or none). `senderCorpId` is not compared: an external member of a group belongs to another corp.
 * A body that is not an object passes (the pipeline drops it).
 */
function robotMessageProblem(json: unknown, robotCode: string, corpId: string | undefined): 'robot_code' | 'corp' | null {
  const msg = asObject(json);
  if (!msg) return null;
  if (msg.robotCode !== robotCode) return 'robot_code';
  if (corpId && msg.chatbotCorpId !== corpId) return 'corp';
  return null;
}

/** HTTP callbacks carry no delivery id: a retry of the same signed request hashes to the same key. */
function bodyId(ctx: Context, text: string): string {
  return 'http-' + createHash('sha256').update(`${ctx.get('timestamp')}\n${text}`).digest('hex').slice(0, 40);
}
