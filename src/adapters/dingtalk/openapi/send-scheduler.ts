/**
 * The outgoing call scheduler (docs/interfaces.md "Delivery semantics"): one priority queue per DingTalk API in front
 * of the rate limiter. A call waits in its priority's queue; whenever the limiter grants a slot for that API, the
 * highest-priority oldest waiting call goes. Only one slot per API is asked of the limiter at a time, so a call that
 * arrives while the next slot is awaited still overtakes every lower-priority call already waiting. The limiter (the
 * Redis token bucket when `REDIS_URL` is set) is the only state shared between processes; priorities apply within
 * each process.
 *
 * Priorities (lower number goes first): 1 the answer to the person who just wrote or clicked, 2 new deliveries to
 * people who must act, 3 card updates, 4 informational notices. A retried call comes back with its priority and its
 * first `since` (its backoff is waited outside the queue, holding no slot), so it goes before newer calls of its rank.
 */
import { silentLog, type Log } from '../../../domain/ports/log.port';
import type { RateLimiter } from './rate-limiter';

export type SendPriority = 1 | 2 | 3 | 4;
export const SEND_PRIORITIES: readonly SendPriority[] = [1, 2, 3, 4];

/** What `/metrics` and `/healthz` read: per priority, calls waiting for a slot and the age of the oldest. */
export interface SendQueueStats {
  depth: Record<SendPriority, number>;
  /** Seconds the oldest waiting call of each priority has waited (0 when none waits). */
  oldestAgeSeconds: Record<SendPriority, number>;
}

interface Waiter {
  since: number;
  seq: number;
  resolve: () => void;
}

/** One API's waiting calls: one list per priority, each ordered by (since, seq). */
class ApiQueue {
  readonly lists: Record<SendPriority, Waiter[]> = { 1: [], 2: [], 3: [], 4: [] };
  size = 0;
  pumping = false;

  add(priority: SendPriority, waiter: Waiter): void {
    const list = this.lists[priority];
    // Usually the newest: append; a retry (older `since`) is inserted in order.
    let i = list.length;
    while (i > 0 && list[i - 1]!.since > waiter.since) i--;
    list.splice(i, 0, waiter);
    this.size++;
  }

  takeBest(): Waiter | undefined {
    for (const p of SEND_PRIORITIES) {
      const w = this.lists[p].shift();
      if (w) {
        this.size--;
        return w;
      }
    }
    return undefined;
  }
}

export interface SendSchedulerOptions {
  now?: () => number;
  logger?: Log;
}

export class SendScheduler {
  private readonly queues = new Map<string, ApiQueue>();
  /** The scheduler's clock (ms): callers take a call's first `since` from it. */
  readonly now: () => number;
  private readonly logger: Log;
  private seq = 0;

  constructor(
    private readonly limiter: RateLimiter,
    options: SendSchedulerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLog;
  }

  /**
   * Resolves when one call of `api` may start. `since`: when the logical call first asked (a retry passes its
   * first one, so it keeps its place among the calls of its priority).
   */
  acquire(api: string, priority: SendPriority, since: number = this.now()): Promise<void> {
    let queue = this.queues.get(api);
    if (!queue) {
      queue = new ApiQueue();
      this.queues.set(api, queue);
    }
    const q = queue;
    return new Promise<void>((resolve) => {
      q.add(priority, { since, seq: this.seq++, resolve });
      if (!q.pumping) void this.pump(api, q);
    });
  }

  /** Hands out the slots of one API, one at a time, to the best waiting call. */
  private async pump(api: string, q: ApiQueue): Promise<void> {
    q.pumping = true;
    try {
      while (q.size > 0) {
        try {
          await this.limiter.acquire(api);
        } catch (e) {
          // A limiter that fails must not stall DingTalk calls: the call goes (DingTalk throttles if need be).
          this.logger.warn('dingtalk.scheduler.limiter_failed', { api, error: (e as Error).message });
        }
        q.takeBest()?.resolve();
      }
    } finally {
      q.pumping = false;
    }
  }

  stats(): SendQueueStats {
    const now = this.now();
    const depth: Record<SendPriority, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    const oldest: Record<SendPriority, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const q of this.queues.values()) {
      for (const p of SEND_PRIORITIES) {
        const list = q.lists[p];
        depth[p] += list.length;
        if (list.length > 0) oldest[p] = Math.max(oldest[p], (now - list[0]!.since) / 1000);
      }
    }
    return { depth, oldestAgeSeconds: oldest };
  }
}
