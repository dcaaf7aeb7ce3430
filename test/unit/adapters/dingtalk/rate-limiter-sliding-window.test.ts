/**
 * DINGTALK_API_QPS is DingTalk's limit, which DingTalk counts in any sliding second: the bot's limiter keeps a little
 * under it, also when a stalled event loop wakes many waiters at once.
 */
import {
  createRateLimiter,
  pacedPerSecond,
  pacedQps,
  pacedUnder,
  TokenBucketRateLimiter,
  type RateLimiter,
} from '../../../../src/adapters/dingtalk/openapi/rate-limiter';

/** A virtual clock: `sleep` resolves when `run` advances time to it; `stallAt` freezes the loop for a while. */
function virtualTime() {
  let t = 0;
  let timers: Array<{ at: number; resolve: () => void }> = [];
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
    /** Fire timers in time order until `done`; at `stallAt` the clock jumps `stallMs` (timers then due fire together). */
    async run(done: () => boolean, stall?: { at: number; ms: number }) {
      let stalled = false;
      for (;;) {
        await flush();
        if (done()) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) throw new Error('no timer pending and not done');
        t = Math.max(t, next.at);
        if (stall && !stalled && t >= stall.at) {
          stalled = true;
          t += stall.ms;
        }
        next.resolve();
        // Every other timer now due fires in the same turn, as after a real stall.
        const due = timers.filter((x) => x.at <= t);
        timers = timers.filter((x) => x.at > t);
        for (const x of due) x.resolve();
      }
    },
  };
}

/** Most starts in any sliding 1,000 ms window (t - 1000, t]. */
function maxInSlidingSecond(starts: number[]): number {
  const s = [...starts].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

async function startTimes(limiter: RateLimiter, calls: number, clock: ReturnType<typeof virtualTime>, stall?: { at: number; ms: number }) {
  const starts: number[] = [];
  for (let i = 0; i < calls; i++) void limiter.acquire('robot.batchSend').then(() => starts.push(clock.now()));
  await clock.run(() => starts.length === calls, stall);
  return starts;
}

describe('the bot keeps a little under DINGTALK_API_QPS in any sliding second', () => {
  it('paces at 90 % of the limit', () => {
    expect(pacedQps(20)).toBe(18);
    expect(pacedPerSecond(20)).toBe(18);
    expect(pacedPerSecond(1)).toBe(1);
    expect(createRateLimiter(20)).toBeInstanceOf(TokenBucketRateLimiter);
  });

  it('200 calls at DINGTALK_API_QPS=20: never more than 18 start in any sliding 1,000 ms, even after a stalled event loop', async () => {
    for (const stall of [undefined, { at: 2000, ms: 700 }, { at: 5030, ms: 1500 }]) {
      const clock = virtualTime();
      const starts = await startTimes(pacedUnder(20, { now: clock.now, sleep: clock.sleep }), 200, clock, stall);
      expect(maxInSlidingSecond(starts)).toBeLessThanOrEqual(18);
      // …and it still uses the budget it keeps: 200 calls at 18/s take about 11 s (plus the stall).
      expect(Math.max(...starts)).toBeLessThan((200 / 18) * 1000 + (stall?.ms ?? 0) + 1000);
    }
  });

  it('a plain bucket at exactly the limit goes over it after a stall (why the sliding-window cap exists)', async () => {
    const clock = virtualTime();
    const plain = new TokenBucketRateLimiter({ qps: 20, now: clock.now, sleep: clock.sleep });
    const starts = await startTimes(plain, 200, clock, { at: 2000, ms: 700 });
    expect(maxInSlidingSecond(starts)).toBeGreaterThan(20);
  });

  it('on the real clock, 60 concurrent calls at DINGTALK_API_QPS=40 never exceed 40 in any sliding second', async () => {
    // Measured after each call resolves (a little after the limiter's own start time): 36 by the limiter's clock.
    const limiter = createRateLimiter(40);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 60 }, () => limiter.acquire('card.update').then(() => starts.push(Date.now()))));
    expect(maxInSlidingSecond(starts)).toBeLessThanOrEqual(40);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(1000);
  });
});
