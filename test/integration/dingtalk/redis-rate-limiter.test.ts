/** The DingTalk QPS budget shared by several processes through the real Redis. */
import { randomBytes } from 'node:crypto';
import { RedisRateLimiter } from '../../../src/adapters/dingtalk/openapi/redis-rate-limiter';
import { redisAvailable, REDIS_URL } from '../../support/services';

(redisAvailable() ? describe : describe.skip)('RedisRateLimiter', () => {
  it('two limiters (two processes) share one budget: start slots at least 1000/qps ms apart', async () => {
    const prefix = `test-qps-${randomBytes(3).toString('hex')}`;
    const a = new RedisRateLimiter({ redisUrl: REDIS_URL, qps: 40, prefix });
    const b = new RedisRateLimiter({ redisUrl: REDIS_URL, qps: 40, prefix });
    const starts: number[] = [];
    try {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).acquire('robot.batchSend').then(() => starts.push(performance.now()))),
    );
    starts.sort((x, y) => x - y);
    // 24 calls at 40/s from two limiters: the last starts ≥ 23 × 25 ms after the first (timer slack allowed)
    expect(starts[starts.length - 1]! - starts[0]!).toBeGreaterThanOrEqual(23 * 25 - 30);
    // another API has its own budget
    const t0 = performance.now();
    await a.acquire('card.update');
    expect(performance.now() - t0).toBeLessThan(200);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('falls back to a per-process limit when Redis is unreachable', async () => {
    const c = new RedisRateLimiter({ redisUrl: 'redis://127.0.0.1:1', qps: 20 });
    try {
      await c.acquire('x');
      const t0 = performance.now();
      await c.acquire('x');
      await c.acquire('x');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(80);
    } finally {
      await c.close();
    }
  });
});
