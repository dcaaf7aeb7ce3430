/**
 * `ThresholdScheduler` on Bull 4 delayed jobs (docs/domain.md §3.3, docs/stack.md "Bull 4.16 with ioredis 5").
 *
 * - One Bull job per threshold, id = `ThresholdJob.jobId`, data = ids + `dueAt` (see `bull-threshold-job.ts`).
 * - `schedule`: the jobs of one call are added together and read back together (`armAll`: two round trips);
 *   an id that holds the job just added is done. For any other id (a job under it already): an id already armed
 *   (delayed/waiting) or running for the same `dueAt` is left alone; otherwise the old job (other `dueAt`,
 *   completed, failed) is removed and the new one added, then read back — Bull's `add` of an existing id is a
 *   silent no-op. A job running with another `dueAt` cannot be removed (it is locked):
 *   `SCHEDULER.JOB_BUSY`, the caller retries. Completed jobs are removed at once, so an id that fired can be
 *   armed again (the handler's re-check makes a second firing harmless).
 * - `cancel`: removes jobs by id; a running (locked) job is left to finish — the handler re-checks anyway.
 * - Redis down: `schedule`/`cancel` reject with `SCHEDULER.UNAVAILABLE` within `readyTimeoutMs`; `start` does not
 *   fail and processing begins once Redis is back.
 * - Several processes may share the queue: Bull's job locks give each job to exactly one of them.
 */
import type { Job, JobOptions, Queue } from 'bull';
import type { ThresholdHandler, ThresholdJob, ThresholdScheduler } from '../../domain/ports/threshold-scheduler.port';
import { BullRedisConnections, waitForReady } from './bull-redis-connections';
import { fromJobData, THRESHOLD_JOB_NAME, toJobData, type ThresholdJobData } from './bull-threshold-job';
import { createThresholdQueue } from './bull-threshold-queue';
import { silentLog, type Log } from '../../domain/ports/log.port';
import { errorMessage } from '../logging/error-message';
import { assertValidThresholdJob, msUntilDue } from './threshold-job-policy';
import { ThresholdSchedulerError } from './threshold-scheduler.errors';

export interface BullThresholdSchedulerOptions {
  redisUrl: string;
  /** Redis key prefix (default `itopbot`). */
  prefix?: string;
  /** Bull queue name (default `thresholds`). */
  queueName?: string;
  logger?: Log;
  /** Handlers run at once per process (default 5). */
  concurrency?: number;
  /** How long `schedule`/`cancel`/`start` wait for a Redis connection (default 1000 ms). */
  readyTimeoutMs?: number;
}

/** A successful PING younger than this counts as "up" without asking Redis again. */
const HEALTH_FRESH_MS = 3000;
const HEALTH_PING_TIMEOUT_MS = 1000;
/** Give up arming one id after this many lost races with other writers. */
const MAX_ARM_ROUNDS = 4;
/** If a job is promoted this early (clock skew between hosts), wait before calling the handler. */
const MAX_EARLY_WAIT_MS = 10_000;
const ERROR_LOG_REPEAT_MS = 30_000;

/** ioredis states of a connection not yet established once (health waits for it briefly). */
const FIRST_CONNECT = new Set(['wait', 'connecting', 'connect']);

/** States in which a job for the same `dueAt` needs nothing more from us. */
const ARMED_STATES = new Set(['delayed', 'waiting', 'paused', 'active']);

export class BullThresholdScheduler implements ThresholdScheduler {
  private readonly logger: Log;
  private readonly readyTimeoutMs: number;
  private readonly producerConnections: BullRedisConnections;
  private readonly workerConnections: BullRedisConnections;
  private producer: Queue<ThresholdJobData> | null = null;
  private worker: Queue<ThresholdJobData> | null = null;
  private stopping: Promise<void> | null = null;
  private lastPingOkAt = 0;
  private lastError: string | null = null;
  /** When each distinct Redis error message was last logged. */
  private readonly errorsLoggedAt = new Map<string, number>();

  constructor(private readonly options: BullThresholdSchedulerOptions) {
    this.logger = options.logger ?? silentLog;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 1000;
    this.producerConnections = new BullRedisConnections(options.redisUrl, 'producer');
    this.workerConnections = new BullRedisConnections(options.redisUrl, 'worker');
  }

  async schedule(jobs: readonly ThresholdJob[]): Promise<void> {
    jobs.forEach(assertValidThresholdJob);
    if (jobs.length === 0) return;
    const queue = await this.readyProducer();
    // The same id twice in a batch ends with the last due time, like the in-process one.
    const latest = [...new Map(jobs.map((j) => [j.jobId, j])).values()];
    const armed = await this.armAll(queue, latest);
    for (const job of latest) if (!armed.has(job.jobId)) await this.arm(queue, job);
  }

  /**
   * The usual case (a ticket's new thresholds, no job under their ids yet) in two round trips for all of them: add
   * them in one MULTI (`addBulk`; an id that exists already is left as it is), then read their hashes back in one
   * pipeline. An id that now holds the job just added (its due time, and the `timestamp` given to it) is armed; the
   * others (an older job under the id, one gone meanwhile) go the careful way, one by one (`arm`). Three round
   * trips per job before: a filed request's three thresholds cost nine (docs/stack.md "Hot-path costs found by
   * profiling").
   */
  private async armAll(queue: Queue<ThresholdJobData>, jobs: readonly ThresholdJob[]): Promise<Set<string>> {
    const now = Date.now();
    const datas = jobs.map(toJobData);
    await queue.addBulk(
      jobs.map((job, i) => {
        const opts: JobOptions & { timestamp: number } = { jobId: job.jobId, timestamp: now, delay: msUntilDue(job, now) };
        return { name: THRESHOLD_JOB_NAME, data: datas[i]!, opts };
      }),
    );
    const read = (await queue.client.pipeline(jobs.map((j) => ['hgetall', queue.toKey(j.jobId)])).exec()) ?? [];
    const armed = new Set<string>();
    jobs.forEach((job, i) => {
      const [error, hash] = read[i] ?? [new Error('no reply'), null];
      if (error || !hash) return;
      const fields = hash as Record<string, string | undefined>;
      if (Number(fields.timestamp) === now && dueAtOf(fields.data) === datas[i]!.dueAt) armed.add(job.jobId);
    });
    return armed;
  }

  async cancel(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const queue = await this.readyProducer();
    await Promise.all(jobIds.map((jobId) => this.disarm(queue, jobId)));
  }

  async start(handler: ThresholdHandler): Promise<void> {
    this.assertNotStopped();
    if (this.worker) throw new Error('BullThresholdScheduler.start() called twice');
    const worker = this.newQueue(this.workerConnections);
    worker.on('failed', (job: Job<ThresholdJobData>, err: Error) => this.logFailure(job, err));
    this.worker = worker;
    try {
      await waitForReady(worker.client, this.readyTimeoutMs);
    } catch (err) {
      this.logger.warn('queue.started_without_redis', {
        error: errorMessage(err),
      });
    }
    // Resolves only when the queue closes; failures surface through queue 'error' events.
    worker
      .process(THRESHOLD_JOB_NAME, this.options.concurrency ?? 5, (job) => this.runJob(job, handler))
      .catch((err) => {
        if (!this.stopping) this.logger.error('queue.processor_stopped', { error: errorMessage(err) });
      });
  }

  /** Stop taking jobs, wait for running handlers (Bull's `close`), then drop our connections. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const queue of [this.worker, this.producer]) {
        if (queue) await queue.close().catch((err) => this.logRedisError(err));
      }
      await Promise.all([this.workerConnections.disconnectAll(), this.producerConnections.disconnectAll()]);
    })();
    return this.stopping;
  }

  async health(): Promise<{ state: 'up' | 'down'; [k: string]: unknown }> {
    if (this.stopping) return { state: 'down', error: 'stopped' };
    const client = this.openProducer().client;
    if (FIRST_CONNECT.has(client.status)) await waitForReady(client, HEALTH_PING_TIMEOUT_MS).catch(() => undefined);
    if (client.status !== 'ready') return { state: 'down', error: this.lastError ?? `redis ${client.status}` };
    if (Date.now() - this.lastPingOkAt < HEALTH_FRESH_MS) return { state: 'up' };
    try {
      await withTimeout(client.ping(), HEALTH_PING_TIMEOUT_MS, 'PING timed out');
      this.lastPingOkAt = Date.now();
      return { state: 'up' };
    } catch (err) {
      this.lastError = errorMessage(err);
      return { state: 'down', error: this.lastError };
    }
  }

  /**
   * Make Redis hold one job for `job.jobId` at `job.dueAt`. After adding, the id is read back: `add` is a silent
   * no-op when another writer re-created the id in between; a job gone by then has already run and completed.
   */
  private async arm(queue: Queue<ThresholdJobData>, job: ThresholdJob): Promise<void> {
    const data = toJobData(job);
    for (let round = 0; round < MAX_ARM_ROUNDS; round++) {
      const existing = await queue.getJob(job.jobId);
      if (!existing && round > 0) return;
      if (existing) {
        const sameDue = existing.data?.dueAt === data.dueAt;
        if (sameDue && round > 0) return;
        const state = await existing.getState();
        if (sameDue && ARMED_STATES.has(state)) return;
        if (state === 'active') {
          throw new ThresholdSchedulerError(
            'SCHEDULER.JOB_BUSY',
            `threshold job ${job.jobId} is running with another due time; retry when it has finished`,
          );
        }
        // completed, failed, another due time, or caught mid-transition ('stuck'): replace it. A job that has
        // just been locked refuses removal; the `add` below is then a no-op and the next round sees it.
        await removeUnlessLocked(existing);
        this.logger.debug('queue.job.replaced', { jobId: job.jobId, previousState: state, dueAt: data.dueAt });
      }
      const now = Date.now();
      // `timestamp` (honoured by Bull, missing from its types) makes the delayed score exactly `dueAt`.
      const jobOptions: JobOptions & { timestamp: number } = { jobId: job.jobId, timestamp: now, delay: msUntilDue(job, now) };
      await queue.add(THRESHOLD_JOB_NAME, data, jobOptions);
    }
    throw new ThresholdSchedulerError('SCHEDULER.CONFLICT', `threshold job ${job.jobId} kept changing while being armed`);
  }

  private async disarm(queue: Queue<ThresholdJobData>, jobId: string): Promise<void> {
    const job = await queue.getJob(jobId);
    if (!job) return;
    if (!(await removeUnlessLocked(job))) {
      this.logger.debug('queue.job.running_not_cancelled', { jobId });
    }
  }

  private async runJob(job: Job<ThresholdJobData>, handler: ThresholdHandler): Promise<void> {
    const threshold = fromJobData(String(job.id), job.data);
    const early = threshold.dueAt.getTime() - Date.now();
    if (early > 0 && early <= MAX_EARLY_WAIT_MS) await sleep(early);
    this.logger.debug('queue.job.fired', {
      jobId: threshold.jobId,
      attempt: job.attemptsMade + 1,
      latenessMs: Date.now() - threshold.dueAt.getTime(),
    });
    await handler(threshold);
  }

  private newQueue(connections: BullRedisConnections): Queue<ThresholdJobData> {
    return createThresholdQueue({
      prefix: this.options.prefix ?? 'itopbot',
      queueName: this.options.queueName ?? 'thresholds',
      connections,
      onError: (err) => this.logRedisError(err),
    });
  }

  /** The producer queue only ever opens its `client` connection (no processing, no subscriptions). */
  private openProducer(): Queue<ThresholdJobData> {
    this.assertNotStopped();
    if (this.producer) return this.producer;
    const producer = this.newQueue(this.producerConnections);
    producer.client.on('ready', () => {
      if (this.lastError !== null) this.logger.info('queue.redis_back');
      this.lastError = null;
    });
    this.producer = producer;
    return producer;
  }

  private async readyProducer(): Promise<Queue<ThresholdJobData>> {
    const queue = this.openProducer();
    await waitForReady(queue.client, this.readyTimeoutMs);
    return queue;
  }

  private assertNotStopped(): void {
    if (this.stopping) throw new ThresholdSchedulerError('SCHEDULER.STOPPED', 'the threshold scheduler is stopped');
  }

  private logFailure(job: Job<ThresholdJobData>, err: Error): void {
    const meta = { jobId: String(job.id), attemptsMade: job.attemptsMade, error: errorMessage(err) };
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) this.logger.error('queue.job.gave_up', meta);
    else this.logger.warn('queue.job.failed_will_retry', meta);
  }

  /** Redis errors repeat on every reconnect attempt: log each distinct message at most every 30 s. */
  private logRedisError(err: unknown): void {
    const message = errorMessage(err);
    if (this.stopping) {
      // Bull's own teardown ("Connection is closed." and the like): not worth a warning.
      this.logger.debug('queue.error_while_stopping', { error: message });
      return;
    }
    this.lastError = message;
    this.lastPingOkAt = 0;
    const now = Date.now();
    const loggedAt = this.errorsLoggedAt.get(message);
    if (loggedAt !== undefined && now - loggedAt < ERROR_LOG_REPEAT_MS) return;
    if (this.errorsLoggedAt.size >= 100) this.errorsLoggedAt.clear();
    this.errorsLoggedAt.set(message, now);
    this.logger.warn('queue.error', { error: message });
  }
}

/** Remove a job; false when it is locked by a running handler (Bull refuses). Other errors propagate. */
async function removeUnlessLocked(job: Job): Promise<boolean> {
  try {
    await job.remove();
    return true;
  } catch (err) {
    if (errorMessage(err).startsWith('Could not remove job')) return false;
    throw err;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The due time in a job hash's `data` field (undefined when missing or unreadable). */
function dueAtOf(data: string | undefined): string | undefined {
  if (!data) return undefined;
  try {
    return (JSON.parse(data) as Partial<ThresholdJobData>).dueAt;
  } catch {
    return undefined;
  }
}
