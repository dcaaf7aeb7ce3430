/**
 * `ThresholdScheduler` in memory for the embedded mode (no Redis): one `setTimeout` per job, same semantics as
 * `BullThresholdScheduler` within one process.
 *
 * - `schedule`: an id armed, retrying or running for the same `dueAt` is left alone; for another `dueAt` it is
 *   replaced (a run in progress finishes, then the new due time applies). Past due → runs at once. Delays beyond
 *   `setTimeout`'s 2^31−1 ms are re-armed in steps; a timer that fires before `dueAt` is re-armed too.
 * - Jobs scheduled before `start` are kept and armed by `start`.
 * - A handler that throws is retried with exponential backoff (500 ms, 1.5 s, …) up to `attempts`, then the job
 *   is dropped with an error log (the reconciler covers it). A finished id is forgotten, so it can be armed again.
 * - `cancel` forgets the id (a run in progress finishes but is not retried); `stop` clears timers and waits for
 *   running handlers. Nothing survives a restart: the reconciler re-arms from the database at start-up.
 */
import type { ThresholdHandler, ThresholdJob, ThresholdScheduler } from '../../domain/ports/threshold-scheduler.port';
import { silentLog, type Log } from '../../domain/ports/log.port';
import { errorMessage } from '../logging/error-message';
import {
  assertValidThresholdJob,
  retryDelayMs,
  THRESHOLD_JOB_ATTEMPTS,
  THRESHOLD_RETRY_BASE_MS,
} from './threshold-job-policy';
import { ThresholdSchedulerError } from './threshold-scheduler.errors';

export interface InProcessThresholdSchedulerOptions {
  logger?: Log;
  /** Handler attempts per job (default 5). */
  attempts?: number;
  /** Base of the exponential retry backoff (default 500 ms). */
  retryBaseMs?: number;
}

/** The longest delay `setTimeout` accepts; longer ones fire at once (with a warning). */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
  job: ThresholdJob;
  /** When the next attempt may run (epoch ms): `dueAt`, then retry times. */
  runAtMs: number;
  attemptsMade: number;
  timer: NodeJS.Timeout | null;
  running: boolean;
}

export class InProcessThresholdScheduler implements ThresholdScheduler {
  private readonly logger: Log;
  private readonly attempts: number;
  private readonly retryBaseMs: number;
  private readonly entries = new Map<string, Entry>();
  private readonly runs = new Set<Promise<void>>();
  private handler: ThresholdHandler | null = null;
  private stopped = false;

  constructor(options: InProcessThresholdSchedulerOptions = {}) {
    this.logger = options.logger ?? silentLog;
    this.attempts = options.attempts ?? THRESHOLD_JOB_ATTEMPTS;
    this.retryBaseMs = options.retryBaseMs ?? THRESHOLD_RETRY_BASE_MS;
  }

  async schedule(jobs: readonly ThresholdJob[]): Promise<void> {
    this.assertNotStopped();
    jobs.forEach(assertValidThresholdJob);
    for (const job of jobs) {
      const existing = this.entries.get(job.jobId);
      if (existing?.job.dueAt.getTime() === job.dueAt.getTime()) continue;
      if (existing) this.forget(existing);
      const entry: Entry = {
        job: { ...job, dueAt: new Date(job.dueAt.getTime()) },
        runAtMs: job.dueAt.getTime(),
        attemptsMade: 0,
        timer: null,
        running: false,
      };
      this.entries.set(job.jobId, entry);
      this.arm(entry);
    }
  }

  async cancel(jobIds: readonly string[]): Promise<void> {
    this.assertNotStopped();
    for (const jobId of jobIds) {
      const entry = this.entries.get(jobId);
      if (entry) this.forget(entry);
    }
  }

  async start(handler: ThresholdHandler): Promise<void> {
    this.assertNotStopped();
    if (this.handler) throw new Error('InProcessThresholdScheduler.start() called twice');
    this.handler = handler;
    for (const entry of this.entries.values()) this.arm(entry);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimer(entry);
    await Promise.allSettled([...this.runs]);
    this.entries.clear();
  }

  async health(): Promise<{ state: 'up' | 'down'; [k: string]: unknown }> {
    if (this.stopped) return { state: 'down', error: 'stopped' };
    return { state: 'up', jobs: this.entries.size };
  }

  /** Set the entry's timer for `runAtMs` (capped to what `setTimeout` accepts), once started. */
  private arm(entry: Entry): void {
    if (!this.handler || this.stopped || entry.running) return;
    clearTimer(entry);
    const delay = Math.min(Math.max(0, entry.runAtMs - Date.now()), MAX_TIMER_MS);
    entry.timer = setTimeout(() => this.onTimer(entry), delay);
  }

  private onTimer(entry: Entry): void {
    entry.timer = null;
    if (!this.isCurrent(entry) || this.stopped) return;
    if (entry.runAtMs > Date.now()) return this.arm(entry); // long delay in steps, or a timer that fired early
    this.trackRun(this.run(entry));
  }

  private async run(entry: Entry): Promise<void> {
    const { job } = entry;
    entry.running = true;
    entry.attemptsMade += 1;
    this.logger.debug('queue.job.fired', {
      jobId: job.jobId,
      attempt: entry.attemptsMade,
      latenessMs: Date.now() - job.dueAt.getTime(),
    });
    try {
      await this.handler!(job);
      entry.running = false;
      if (this.isCurrent(entry)) this.entries.delete(job.jobId);
    } catch (err) {
      entry.running = false;
      if (!this.isCurrent(entry)) return; // cancelled or replaced meanwhile
      const meta = { jobId: job.jobId, attemptsMade: entry.attemptsMade, error: errorMessage(err) };
      if (entry.attemptsMade >= this.attempts) {
        this.logger.error('queue.job.gave_up', meta);
        this.entries.delete(job.jobId);
        return;
      }
      this.logger.warn('queue.job.failed_will_retry', meta);
      entry.runAtMs = Date.now() + retryDelayMs(entry.attemptsMade, this.retryBaseMs);
      this.arm(entry);
    }
  }

  private trackRun(run: Promise<void>): void {
    this.runs.add(run);
    void run.finally(() => this.runs.delete(run));
  }

  private isCurrent(entry: Entry): boolean {
    return this.entries.get(entry.job.jobId) === entry;
  }

  private forget(entry: Entry): void {
    clearTimer(entry);
    this.entries.delete(entry.job.jobId);
  }

  private assertNotStopped(): void {
    if (this.stopped) throw new ThresholdSchedulerError('SCHEDULER.STOPPED', 'the threshold scheduler is stopped');
  }
}

function clearTimer(entry: Entry): void {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
}
