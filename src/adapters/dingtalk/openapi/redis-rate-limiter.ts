/**
 * `DINGTALK_API_QPS` shared by every bot process through Redis (docs/interfaces.md): per API, calls get start slots
 * `1000/pacedQps(qps)` ms apart on Redis's own clock (one Lua script, so processes on several hosts agree): a little
 * under DingTalk's limit, as `rate-limiter.ts` explains. If Redis cannot be reached, each process falls back to its
 * share of the budget (`DINGTALK_API_QPS` ÷ the live processes, `ProcessShareRateLimiter`) and says so once,
 * rather than stopping chat.
 */
import type Redis from 'ioredis';
import { openSideRedis } from '../../shared/redis-client';
import { type Log } from '../../../domain/ports/log.port';
import { silentLog } from '../../../domain/ports/log.port';
import { ProcessShareRateLimiter } from './process-share-rate-limiter';
import { pacedQps, type RateLimiter } from './rate-limiter';

/** Reserve the next slot: returns how many ms the caller waits. */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
redis.call('SET', KEYS[1], tat + interval, 'PX', math.ceil(tat - now + interval + 1000))
return tat - now
`;

export interface RedisRateLimiterOptions {
  redisUrl: string;
  /** DingTalk's limit per API (`DINGTALK_API_QPS`); the slots are paced at `pacedQps(qps)`. */
  qps: number;
  prefix?: string;
  logger?: Log;
  sleep?: (ms: number) => Promise<void>;
  /** The fallback's clock (tests); default Date.now. */
  now?: () => number;
  /** Live bot processes (heartbeats in the database), for the fallback's share; default 1. */
  liveProcesses?: () => number;
}

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly interval: number;
  private readonly fallback: ProcessShareRateLimiter;
  private readonly prefix: string;
  private readonly logger: Log;
  private readonly sleep: (ms: number) => Promise<void>;
  private warned = false;
  /** Resolves when the first connection is ready, or after 1 s: until then calls wait rather than fall back. */
  private readonly firstReady: Promise<void>;

  constructor(options: RedisRateLimiterOptions) {
    if (!(options.qps > 0)) throw new Error('RedisRateLimiter: qps must be > 0');
    this.interval = 1000 / pacedQps(options.qps);
    this.prefix = options.prefix ?? 'itopbot:dingtalk-qps';
    this.logger = options.logger ?? silentLog;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.fallback = new ProcessShareRateLimiter(options.qps, options.liveProcesses ?? (() => 1), {
      sleep: this.sleep,
      ...(options.now ? { now: options.now } : {}),
    });
    this.redis = openSideRedis(options.redisUrl);
    this.firstReady = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      timer.unref?.();
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async acquire(key: string): Promise<void> {
    await this.firstReady;
    let wait: number;
    try {
      if (this.redis.status !== 'ready') throw new Error(`redis ${this.redis.status}`);
      wait = Number(await this.redis.eval(RESERVE, 1, `${this.prefix}:${key}`, String(this.interval)));
      this.warned = false;
    } catch (e) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn('dingtalk.qps.redis_unavailable', {
          error: (e as Error).message,
          fallback: 'this process paces at DINGTALK_API_QPS / live processes',
          perSecond: this.fallback.share(),
        });
      }
      return this.fallback.acquire(key);
    }
    if (wait > 0) await this.sleep(wait);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
