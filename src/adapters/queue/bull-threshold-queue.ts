/**
 * The Bull queue objects behind `BullThresholdScheduler`: settings, default job options, and two roles on the
 * same Redis queue — a producer (schedule, cancel, health; its only connection fails fast while Redis is down)
 * and a worker (processing; its connections wait out reconnects). See `bull-redis-connections.ts`.
 */
import Bull, { type Queue, type QueueOptions } from 'bull';
import type { BullRedisConnections } from './bull-redis-connections';
import type { ThresholdJobData } from './bull-threshold-job';
import { THRESHOLD_JOB_ATTEMPTS, THRESHOLD_RETRY_BASE_MS } from './threshold-job-policy';

const QUEUE_SETTINGS = {
  // Fallback poll of the delayed set, should a "delayed" pub/sub message be missed (e.g. while resubscribing):
  // bounds lateness to ~1 s instead of the default 5 s. Normal promotion is by a timer at the next due time.
  guardInterval: 1000,
  // Pause before a worker retries after a Redis error (default 5 s): resume within ~1 s of Redis returning.
  retryProcessDelay: 1000,
  // BRPOPLPUSH timeout in seconds; a new job wakes the worker at once, and close() interrupts it.
  drainDelay: 5,
  // A job left in `active` without a lock (its worker died, or a Redis blip between popping and locking it) goes
  // back to `wait` after two checks: ≤ 4 s instead of ≤ 60 s. Locks (30 s, renewed every 15 s) are untouched.
  stalledInterval: 2000,
  // Tolerate a few such stalls before Bull fails the job unrun (the handler is idempotent).
  maxStalledCount: 3,
};

const DEFAULT_JOB_OPTIONS = {
  attempts: THRESHOLD_JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: THRESHOLD_RETRY_BASE_MS },
  // A completed job would keep blocking its id: gone at once, so the id can be armed again.
  removeOnComplete: true,
  // Kept for diagnosis; a failed id does not block re-arming (`schedule` replaces it).
  removeOnFail: { count: 1000 },
};

export interface ThresholdQueueOptions {
  prefix: string;
  queueName: string;
  connections: BullRedisConnections;
  onError: (err: unknown) => void;
}

export function createThresholdQueue(options: ThresholdQueueOptions): Queue<ThresholdJobData> {
  const queueOptions: QueueOptions & { skipVersionCheck: boolean } = {
    prefix: options.prefix,
    createClient: options.connections.createClient,
    settings: QUEUE_SETTINGS,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
    skipVersionCheck: true, // its INFO would run before the connection is ready, and fail
  };
  const queue = new Bull<ThresholdJobData>(options.queueName, queueOptions);
  queue.on('error', (err: Error) => options.onError(err));
  guardWorkerName(queue, options.onError);
  return queue;
}

/**
 * Bull's `process()` fires `setWorkerName()` (CLIENT SETNAME on the blocking connection) without handling its
 * promise. Started while Redis is down, that command ends up queued behind BRPOPLPUSH and rejects with
 * "Connection is closed." at `close()` — an unhandled rejection. Route its failure to our error log instead.
 */
function guardWorkerName(queue: Queue, onError: (err: unknown) => void): void {
  const target = queue as unknown as { setWorkerName: () => Promise<unknown> };
  const original = target.setWorkerName.bind(queue);
  target.setWorkerName = () => original().catch(onError);
}
