/**
 * Client-side limit per DingTalk API (`DINGTALK_API_QPS`, DingTalk allows 20 QPS per app per API).
 * `acquire(key)` resolves when one call to `key` may start. The in-process token bucket below is what runs
 * today; a Redis-shared implementation (several bot processes, one budget) only has to implement this interface.
 */
export interface RateLimiter {
  acquire(key: string): Promise<void>;
}

/** `DINGTALK_API_QPS=0`: no limit (the local demo DingTalk and benchmarks only). */
export class NoRateLimiter implements RateLimiter {
  acquire(): Promise<void> {
    return Promise.resolve();
  }
}

export interface TokenBucketOptions {
  /** Sustained calls per second per key (> 0). */
  qps: number;
  /** Calls that may start at once after a quiet period; default 1 (strict pacing, 1/qps apart). At most
   *  `burst + qps` calls start in any one-second window. */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per key with reservations: a caller takes a token even when the bucket is empty (it goes negative)
 * and waits until its token would have been refilled, so waiters start in arrival order (FIFO) without a queue.
 */
export class TokenBucketRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: TokenBucketOptions) {
    if (!(options.qps > 0)) throw new Error('TokenBucketRateLimiter: qps must be > 0 (use NoRateLimiter for 0)');
    this.ratePerMs = options.qps / 1000;
    this.burst = Math.max(1, options.burst ?? 1);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** ms the caller must wait; reserves the token immediately. */
  reserve(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.ratePerMs);
    bucket.updatedAt = now;
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / this.ratePerMs);
  }

  async acquire(key: string): Promise<void> {
    const wait = this.reserve(key);
    if (wait > 0) await this.sleep(wait);
  }
}

/** `DINGTALK_API_QPS` → limiter: 0 (or less) = off. */
export function createRateLimiter(qps: number, burst?: number): RateLimiter {
  return qps > 0 ? new TokenBucketRateLimiter({ qps, burst }) : new NoRateLimiter();
}
