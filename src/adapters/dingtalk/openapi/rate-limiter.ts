/**
 * Client-side limit per DingTalk API (`DINGTALK_API_QPS`, DingTalk allows 20 QPS per app per API).
 * `acquire(key)` resolves when one call to `key` may start. The in-process token bucket below runs in one process;
 * `RedisRateLimiter` shares one budget between processes.
 *
 * DINGTALK_API_QPS is DingTalk's limit, and the bot keeps a little under it (docs/interfaces.md "Delivery semantics"): DingTalk counts the
 * calls that *arrive* in any sliding second, so calls started exactly 1/limit apart can arrive limit + 1 in one
 * second after network and event-loop jitter. The bot paces at `PACING_SHARE` of the limit (18/s for 20) and, in
 * one process, never starts more than that many calls of one API in any sliding 1,000 ms.
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

/** Share of DINGTALK_API_QPS the bot paces at (the rest absorbs jitter between our start and DingTalk's count). */
export const PACING_SHARE = 0.9;

/** Calls per second the bot starts under DingTalk's limit `limit`. */
export function pacedQps(limit: number): number {
  return limit * PACING_SHARE;
}

/** Calls of one API the bot starts in any sliding 1,000 ms under DingTalk's limit `limit` (at least 1). */
export function pacedPerSecond(limit: number): number {
  return Math.max(1, Math.floor(limit * PACING_SHARE));
}

export interface TokenBucketOptions {
  /** Sustained calls per second per key (> 0). */
  qps: number;
  /** Calls that may start at once after a quiet period; default 1 (strict pacing, 1/qps apart). At most
   *  `burst + qps` calls start in any one-second window. */
  burst?: number;
  /**
   * Never start more than this many calls per key in any sliding 1,000 ms, counted when they start (waiters that a
   * stalled event loop wakes together are spread out again); default: no such cap.
   */
  maxPerSecond?: number;
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
  /** Per key: when the calls of the last 1,000 ms started (only with `maxPerSecond`). */
  private readonly starts = new Map<string, number[]>();
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly maxPerSecond: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: TokenBucketOptions) {
    if (!(options.qps > 0)) throw new Error('TokenBucketRateLimiter: qps must be > 0 (use NoRateLimiter for 0)');
    this.ratePerMs = options.qps / 1000;
    this.burst = Math.max(1, options.burst ?? 1);
    this.maxPerSecond = options.maxPerSecond ?? Infinity;
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
    if (this.maxPerSecond !== Infinity) await this.admit(key);
  }

  /** Wait until fewer than `maxPerSecond` calls of `key` started in the last 1,000 ms, then record this start. */
  private async admit(key: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const recent = (this.starts.get(key) ?? []).filter((t) => now - t < 1000);
      this.starts.set(key, recent);
      if (recent.length < this.maxPerSecond) {
        recent.push(now);
        return;
      }
      await this.sleep(Math.max(1, recent[0]! + 1000 - now));
    }
  }
}

/** A limiter that keeps a little under DingTalk's `limit` calls per second per API (`pacedQps`, `pacedPerSecond`). */
export function pacedUnder(limit: number, options: Pick<TokenBucketOptions, 'now' | 'sleep'> = {}): TokenBucketRateLimiter {
  return new TokenBucketRateLimiter({ qps: pacedQps(limit), maxPerSecond: pacedPerSecond(limit), ...options });
}

/** `DINGTALK_API_QPS` (DingTalk's limit per API) → limiter a little under it; 0 (or less) = off. */
export function createRateLimiter(limit: number): RateLimiter {
  return limit > 0 ? pacedUnder(limit) : new NoRateLimiter();
}
