import { dingTalkSign, verifyDingTalkSignature } from '../../../../src/adapters/dingtalk/http/dingtalk-signature';

describe('DingTalk callback signature', () => {
  const base = { timestamp: '1577262236757', sign: 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=', appSecret: 'this is a secret' };

  it('matches the test vector', () => {
    expect(dingTalkSign(base.timestamp, base.appSecret)).toBe(base.sign);
  });

  it.each([
    ['exact time', 1577262236757, { ok: true }],
    ['59 min later', 1577262236757 + 59 * 60_000, { ok: true }],
    ['1 h + 1 ms later', 1577262236757 + 3_600_001, { ok: false, error: 'stale' }],
    ['1 h + 1 ms earlier', 1577262236757 - 3_600_001, { ok: false, error: 'stale' }],
  ])('%s', (_n, nowMs, expected) => {
    expect(verifyDingTalkSignature({ ...base, nowMs })).toEqual(expected);
  });

  it('refuses a wrong secret, a changed sign, a shorter sign and missing values', () => {
    const nowMs = 1577262236757;
    expect(verifyDingTalkSignature({ ...base, appSecret: 'other', nowMs })).toEqual({ ok: false, error: 'mismatch' });
    expect(verifyDingTalkSignature({ ...base, sign: base.sign.slice(0, -2), nowMs })).toEqual({ ok: false, error: 'mismatch' });
    expect(verifyDingTalkSignature({ ...base, sign: undefined, nowMs })).toEqual({ ok: false, error: 'missing' });
    expect(verifyDingTalkSignature({ ...base, timestamp: '12ab', nowMs })).toEqual({ ok: false, error: 'malformed' });
  });
});
