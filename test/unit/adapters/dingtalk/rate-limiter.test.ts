import { createRateLimiter, NoRateLimiter, TokenBucketRateLimiter } from '../../../../src/adapters/dingtalk/openapi/rate-limiter';
import { backoffDelay } from '../../../../src/adapters/dingtalk/shared/backoff';

describe('TokenBucketRateLimiter', () => {
  it('paces each key at 1/qps, FIFO, independent per key, refilling over time', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ qps: 20, now: () => now });
    expect([0, 1, 2, 3].map(() => limiter.reserve('batchSend'))).toEqual([0, 50, 100, 150]);
    expect(limiter.reserve('groupSend')).toBe(0);
    now = 1000; // the queue has drained and the bucket is full again (burst 1)
    expect(limiter.reserve('batchSend')).toBe(0);
    expect(limiter.reserve('batchSend')).toBe(50);
  });

  it('allows a burst, then the sustained rate', () => {
    const limiter = new TokenBucketRateLimiter({ qps: 10, burst: 3, now: () => 0 });
    expect([0, 1, 2, 3, 4].map(() => limiter.reserve('k'))).toEqual([0, 0, 0, 100, 200]);
  });

  it('acquire waits for the reserved slot through the injected sleep', async () => {
    const slept: number[] = [];
    const limiter = new TokenBucketRateLimiter({ qps: 4, now: () => 0, sleep: async (ms) => void slept.push(ms) });
    await Promise.all([limiter.acquire('k'), limiter.acquire('k'), limiter.acquire('k')]);
    expect(slept).toEqual([250, 500]);
  });

  it('DINGTALK_API_QPS=0 turns the limiter off', () => {
    expect(createRateLimiter(0)).toBeInstanceOf(NoRateLimiter);
    expect(createRateLimiter(20)).toBeInstanceOf(TokenBucketRateLimiter);
    expect(() => new TokenBucketRateLimiter({ qps: 0 })).toThrow(/NoRateLimiter/);
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay, adds bounded jitter and caps', () => {
    const o = { initialMs: 1000, maxMs: 60_000, jitterRatio: 0.5 };
    expect([0, 1, 2, 3].map((n) => backoffDelay(o, n, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(o, 1, () => 1)).toBe(3000);
    expect(backoffDelay(o, 10, () => 1)).toBe(60_000);
    expect(backoffDelay(o, 1000, () => 0)).toBe(60_000);
  });
});
