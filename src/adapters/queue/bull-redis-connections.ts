/**
 * The ioredis connections behind one Bull queue object, created by us (Bull's `createClient` hook) so that a
 * Redis outage makes commands fail or wait for a bounded time instead of hanging ~233 s, and so that `stop()` can
 * close them (Bull's `queue.close()` does not disconnect clients it did not create).
 *
 * - producer `client` (schedule, cancel, health): no offline queue, one retry per request → rejects within ms
 *   while Redis is down.
 * - worker `client` (Bull's Lua scripts around processing): commands issued during a reconnect wait for it
 *   instead of failing — a job popped by `bclient` is then locked rather than left in `active` — but never
 *   longer than the command timeout.
 * - `bclient` (BRPOPLPUSH) and `subscriber` (pub/sub): what Bull requires — no per-request retry limit, no ready
 *   check; they wait for Redis to come back.
 * All of them reconnect forever with a backoff capped at 2 s, so jobs flow again soon after Redis returns.
 */
import Redis, { type RedisOptions } from 'ioredis';
import { ThresholdSchedulerError } from './threshold-scheduler.errors';

export type BullClientType = 'client' | 'subscriber' | 'bclient';
export type BullQueueRole = 'producer' | 'worker';

const RECONNECT_CAP_MS = 2000;
const COMMAND_TIMEOUT_MS = 5000;

function clientOptions(role: BullQueueRole, type: BullClientType): RedisOptions {
  if (type !== 'client') return { maxRetriesPerRequest: null, enableReadyCheck: false };
  if (role === 'producer') return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS };
  return { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: COMMAND_TIMEOUT_MS };
}

export class BullRedisConnections {
  private readonly created: Redis[] = [];
  private closed = false;

  constructor(
    private readonly redisUrl: string,
    private readonly role: BullQueueRole,
  ) {}

  /** Bull's `createClient` option. */
  readonly createClient = (type: BullClientType): Redis => {
    const client = new Redis(this.redisUrl, {
      connectTimeout: 5000,
      // How long `disconnect()` keeps a socket (or, for one that already closed, a stray timer) before
      // destroying it; the default 2 s keeps a stopped process alive for no reason.
      disconnectTimeout: 500,
      retryStrategy: (times: number) => Math.min(50 * 2 ** times, RECONNECT_CAP_MS),
      ...clientOptions(this.role, type),
      lazyConnect: this.closed,
    });
    // Bull forwards client errors to `queue.on('error')` (which we log) but detaches that on close; this keeps
    // a late reconnect error from reaching ioredis's "Unhandled error event" console fallback.
    client.on('error', () => undefined);
    // Every schedule/cancel call waiting for `ready` listens once (and stops listening): many may wait at once
    // during a start-up burst, which is not a leak.
    client.setMaxListeners(0);
    if (this.closed) {
      // Bull can still reach for a connection after close() (a processor that was waiting for Redis resumes
      // its start-up): hand it one that is already ended, so nothing reconnects behind our back.
      client.disconnect();
      return client;
    }
    this.created.push(client);
    return client;
  };

  /** Close every connection we created (after `queue.close()`); later requests get ended connections. */
  async disconnectAll(): Promise<void> {
    this.closed = true;
    await Promise.all(this.created.splice(0).map(endClient));
  }
}

/** Resolve once `client` is ready; reject with `SCHEDULER.UNAVAILABLE` after `timeoutMs` (or when it ended). */
export function waitForReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (err: Error): void => {
      lastError = err;
    };
    const finish = (err?: Error): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      client.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    const unavailable = (why: string): ThresholdSchedulerError =>
      new ThresholdSchedulerError(
        'SCHEDULER.UNAVAILABLE',
        `Redis is not available (${why}${lastError ? `: ${lastError.message}` : ''})`,
      );
    const onReady = (): void => finish();
    const onEnd = (): void => finish(unavailable('connection closed'));
    const timer = setTimeout(() => finish(unavailable(`not ready after ${timeoutMs} ms`)), timeoutMs);
    client.on('error', onError);
    client.once('ready', onReady);
    client.once('end', onEnd);
    if (client.status === 'end') onEnd();
  });
}

/**
 * Disconnect for good. A client waiting to reconnect would only drop its timer on `disconnect()` and keep its
 * offline queue (and those commands' timeouts) forever: start a connection attempt first so that `disconnect()`
 * aborts it, which flushes the queue and ends the client.
 */
function endClient(client: Redis): Promise<void> {
  if (client.status === 'end') return Promise.resolve();
  const ended = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    client.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (client.status === 'reconnecting') client.connect().catch(() => undefined);
  client.disconnect();
  return ended;
}
