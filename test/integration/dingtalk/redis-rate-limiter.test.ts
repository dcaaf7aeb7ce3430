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

  it('with Redis down, each process paces at DINGTALK_API_QPS ÷ the live processes (the count read on every call)', async () => {
    // A clock moved only by the limiter's own waits: the spacing of starts is what it decided, not what the host did.
    let now = 0;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      now += ms;
    };
    let live = 4;
    const c = new RedisRateLimiter({ redisUrl: 'redis://127.0.0.1:1', qps: 20, liveProcesses: () => live, now: () => now, sleep });
    try {
      const starts: number[] = [];
      for (let i = 0; i < 10; i++) {
        await c.acquire('card.deliver');
        starts.push(now);
      }
      // 20 QPS shared by 4 processes: 5/s each, paced at 90 % (4.5/s: starts ≥ 222 ms apart, at most 4 in any second).
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(Math.floor(1000 / 4.5) - 1);
      for (const t of starts) expect(starts.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(4);
      expect(starts[9]! - starts[0]!).toBeLessThan(9 * 260);
      // Three processes stopped: this one alone gets the whole budget (18/s: ≈ 56 ms apart).
      live = 1;
      const t0 = now;
      for (let i = 0; i < 10; i++) await c.acquire('card.deliver');
      expect(now - t0).toBeLessThan(10 * 60);
      expect(now - t0).toBeGreaterThanOrEqual(9 * 55);
    } finally {
      await c.close();
    }
  });
});
