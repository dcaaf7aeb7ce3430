/**
 * An ioredis client for a small shared counter or limiter next to the bot's real work: it never queues commands
 * while Redis is away (callers fall back to their in-process state at once), tries each command once, and keeps
 * reconnecting in the background with growing pauses (at most 5 s). Its errors are the caller's to report.
 */
import Redis from 'ioredis';

export function openSideRedis(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    disconnectTimeout: 200,
    retryStrategy: (times: number) => Math.min(100 * 2 ** times, 5000),
  });
  redis.on('error', () => undefined);
  return redis;
}
