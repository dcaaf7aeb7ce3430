/**
 * Rules both threshold schedulers share: what a valid job id is, how long until a job is due, and how a failed
 * handler is retried (a few attempts with exponential backoff; the handler is idempotent and re-checks).
 */
import type { ThresholdJob } from '../../domain/ports/threshold-scheduler.port';

/** Handler attempts per job before giving up (the reconciler picks up what is left). */
export const THRESHOLD_JOB_ATTEMPTS = 5;
/** Base of the exponential backoff between attempts. */
export const THRESHOLD_RETRY_BASE_MS = 500;

/** Delay before retry number `attemptsMade` (1-based): 500, 1500, 3500, 7500 ms — the same curve as Bull's. */
export function retryDelayMs(attemptsMade: number, baseMs = THRESHOLD_RETRY_BASE_MS): number {
  return Math.round((2 ** attemptsMade - 1) * baseMs);
}

/** Milliseconds from `nowMs` until the job is due; 0 when it is already due. */
export function msUntilDue(job: Pick<ThresholdJob, 'dueAt'>, nowMs: number): number {
  return Math.max(0, job.dueAt.getTime() - nowMs);
}

/** Rejects ids Bull/BullMQ mishandle: empty, containing `:`, or purely numeric (Bull's own ids are integers). */
export function assertValidThresholdJob(job: ThresholdJob): void {
  if (!job.jobId || job.jobId.includes(':') || /^\d+$/.test(job.jobId)) {
    throw new TypeError(`invalid threshold job id "${job.jobId}": expected e.g. tto-R-000012-3, without ':'`);
  }
  if (Number.isNaN(job.dueAt.getTime())) {
    throw new TypeError(`threshold job ${job.jobId} has an invalid dueAt`);
  }
}
