import { dingTalkSign, verifyDingTalkSignature } from '../../../../src/adapters/dingtalk/http/dingtalk-signature';

describe('DingTalk callback signature', () => {
  const base = { timestamp: '1577262236757', sign: 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=', appSecret: 'this is a secret' };

  it('matches the test vector', () => {
    expect(dingTalkSign(base.timestamp, base.appSecret)).toBe(base.sign);
  });

  it.each([
    ['exact time', 1577262236757, { ok: true }],
    ['5 min later (the default window)', 1577262236757 + 300_000, { ok: true }],
    ['5 min + 1 ms later', 1577262236757 + 300_001, { ok: false, error: 'stale' }],
    ['5 min + 1 ms earlier', 1577262236757 - 300_001, { ok: false, error: 'stale' }],
    ['59 min later (DingTalk’s own hour, not the bot’s window)', 1577262236757 + 59 * 60_000, { ok: false, error: 'stale' }],
  ])('%s', (_n, nowMs, expected) => {
    expect(verifyDingTalkSignature({ ...base, nowMs })).toEqual(expected);
  });

  it('takes another window (HTTP_SIGN_WINDOW_S)', () => {
    expect(verifyDingTalkSignature({ ...base, nowMs: 1577262236757 + 60_000, windowMs: 60_000 })).toEqual({ ok: true });
    expect(verifyDingTalkSignature({ ...base, nowMs: 1577262236757 + 60_001, windowMs: 60_000 })).toEqual({ ok: false, error: 'stale' });
  });

  it('refuses a wrong secret, a changed sign, a shorter sign and missing values', () => {
    const nowMs = 1577262236757;
    expect(verifyDingTalkSignature({ ...base, appSecret: 'other', nowMs })).toEqual({ ok: false, error: 'mismatch' });
    expect(verifyDingTalkSignature({ ...base, sign: base.sign.slice(0, -2), nowMs })).toEqual({ ok: false, error: 'mismatch' });
    expect(verifyDingTalkSignature({ ...base, sign: undefined, nowMs })).toEqual({ ok: false, error: 'missing' });
    expect(verifyDingTalkSignature({ ...base, timestamp: '12ab', nowMs })).toEqual({ ok: false, error: 'malformed' });
  });
});
