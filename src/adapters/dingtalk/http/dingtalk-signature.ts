import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../../domain/shared/result';

/**
 * DingTalk's callback signature for HTTP robot mode (docs/dingtalk.md §3.1):
 * `sign = base64(HMAC-SHA256(key = appSecret, message = timestamp + "\n" + appSecret))`, timestamp in ms, accepted
 * within ±1 hour. The body is not signed.
 */
export function dingTalkSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';
export type SignatureCheck = Result<void, SignatureProblem>;

export const SIGNATURE_TOLERANCE_MS = 60 * 60 * 1000;

export function verifyDingTalkSignature(input: {
  timestamp: string | undefined;
  sign: string | undefined;
  appSecret: string;
  nowMs: number;
  toleranceMs?: number;
}): SignatureCheck {
  const { timestamp, sign } = input;
  if (!timestamp || !sign) return err('missing');
  if (!/^\d{10,16}$/.test(timestamp)) return err('malformed');
  if (Math.abs(input.nowMs - Number(timestamp)) > (input.toleranceMs ?? SIGNATURE_TOLERANCE_MS)) {
    return err('stale');
  }
  const expected = Buffer.from(dingTalkSign(timestamp, input.appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return err('mismatch');
  return ok(undefined);
}
