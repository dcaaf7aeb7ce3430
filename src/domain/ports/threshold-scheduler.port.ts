/**
 * Timers for escalation thresholds (docs/domain.md §3.3): Bull delayed jobs on Redis, or an in-process scheduler in
 * the embedded mode, with the same semantics. Cancelling a job is an optimisation; the processor always reloads
 * the ticket and re-checks before acting, and a reconciler sweeps the database for thresholds no job fired.
 */

export type ThresholdLevel = string; // a ladder level code: `tto`, `ttr1`, `ttr2`, `ttr3` by default

export interface ThresholdJob {
  /** Deterministic, without `:` (BullMQ rejects it): `<level>-<ref>-<deadlineVersion>`, e.g. `tto-R-000012-3`. */
  jobId: string;
  ticketId: number;
  level: ThresholdLevel;
  deadlineVersion: number;
  dueAt: Date;
}

export type ThresholdHandler = (job: ThresholdJob) => Promise<void>;

export interface ThresholdScheduler {
  /**
   * Arm each job to fire at its `dueAt` (immediately if past). A job whose id is already armed for the same
   * `dueAt` is left alone; for another `dueAt` it is replaced. Idempotent across processes.
   */
  schedule(jobs: readonly ThresholdJob[]): Promise<void>;
  /** Disarm jobs by id (unknown ids are ignored). */
  cancel(jobIds: readonly string[]): Promise<void>;
  /** Begin calling `handler` for due jobs (at most once per job id while it succeeds; retried when it throws). */
  start(handler: ThresholdHandler): Promise<void>;
  /** Stop taking jobs, wait for running handlers, release connections. */
  stop(): Promise<void>;
  /** For /healthz. */
  health(): Promise<{ state: 'up' | 'down' | 'disabled'; [k: string]: unknown }>;
}

export function thresholdJobId(level: ThresholdLevel, ref: string, deadlineVersion: number): string {
  return `${level}-${ref}-${deadlineVersion}`;
}
