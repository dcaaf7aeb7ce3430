import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../../domain/shared/result';

/**
 * DingTalk's callback signature for HTTP robot mode (docs/dingtalk.md §3.1):
 * `sign = base64(HMAC-SHA256(key = appSecret, message = timestamp + "\n" + appSecret))`, timestamp in ms. DingTalk
 * accepts ±1 hour; the bot a window of HTTP_SIGN_WINDOW_S (default 5 minutes). The body is not signed: the
 * signature proves only that someone who knew the secret signed this timestamp (see the router for the rest).
 */
export function dingTalkSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';
export type SignatureCheck = Result<void, SignatureProblem>;

/** Default window: 300 s (HTTP_SIGN_WINDOW_S), not DingTalk's hour. */
export const SIGNATURE_WINDOW_MS = 300 * 1000;

export function verifyDingTalkSignature(input: {
  timestamp: string | undefined;
  sign: string | undefined;
  appSecret: string;
  nowMs: number;
  /** Accepted distance between now and the timestamp, either way (default SIGNATURE_WINDOW_MS). */
  windowMs?: number;
}): SignatureCheck {
  const { timestamp, sign } = input;
  if (!timestamp || !sign) return err('missing');
  if (!/^\d{10,16}$/.test(timestamp)) return err('malformed');
  if (Math.abs(input.nowMs - Number(timestamp)) > (input.windowMs ?? SIGNATURE_WINDOW_MS)) {
    return err('stale');
  }
  const expected = Buffer.from(dingTalkSign(timestamp, input.appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return err('mismatch');
  return ok(undefined);
}
