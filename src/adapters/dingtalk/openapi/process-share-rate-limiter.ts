/**
 * The per-process share of DingTalk's budget when it cannot be shared through Redis (docs/interfaces.md
 * "Delivery semantics"): with Redis down (or no `REDIS_URL`), each process paces at `DINGTALK_API_QPS` ÷ the number
 * of live bot processes (heartbeats in the database, `ProcessRegistry.liveCount`), a little under that share as
 * `rate-limiter.ts` explains. The count is read on every call (the registry refreshes it with each heartbeat); when
 * it changes, the pacing changes with it. Before the database opens the count is 1 (this process alone).
 */
import { pacedUnder, type RateLimiter, type TokenBucketOptions, type TokenBucketRateLimiter } from './rate-limiter';

export class ProcessShareRateLimiter implements RateLimiter {
  private current: { processes: number; limiter: TokenBucketRateLimiter } | null = null;

  constructor(
    /** DingTalk's limit per API (`DINGTALK_API_QPS`, > 0). */
    private readonly limit: number,
    /** Live bot processes now (this one included; anything below 1 counts as 1). */
    private readonly liveProcesses: () => number,
    private readonly options: Pick<TokenBucketOptions, 'now' | 'sleep'> = {},
  ) {
    if (!(limit > 0)) throw new Error('ProcessShareRateLimiter: limit must be > 0');
  }

  /** Calls per second per API this process may reach DingTalk with now (before the pacing margin). */
  share(): number {
    return this.limit / this.processes();
  }

  acquire(key: string): Promise<void> {
    const processes = this.processes();
    if (this.current?.processes !== processes) this.current = { processes, limiter: pacedUnder(this.limit / processes, this.options) };
    return this.current.limiter.acquire(key);
  }

  /** Nothing to release (the same shape as `RedisRateLimiter`). */
  async close(): Promise<void> {}

  private processes(): number {
    const n = Math.floor(this.liveProcesses());
    return Number.isFinite(n) && n >= 1 ? n : 1;
  }
}
