/**
 * Failures of the threshold schedulers. All of them are transient for the caller (an outbox consumer): it keeps
 * the row and retries later; the reconciler covers any threshold whose job never fired.
 */
export type ThresholdSchedulerErrorCode =
  /** Redis did not become ready in time (down, unreachable, or still connecting). */
  | 'SCHEDULER.UNAVAILABLE'
  /** The job is running right now with another due time: it cannot be replaced until it finishes. */
  | 'SCHEDULER.JOB_BUSY'
  /** Replacing the job lost a race with another writer several times in a row. */
  | 'SCHEDULER.CONFLICT'
  /** `stop()` was called: this scheduler takes no more work. */
  | 'SCHEDULER.STOPPED';

export class ThresholdSchedulerError extends Error {
  override readonly name = 'ThresholdSchedulerError';
  constructor(
    readonly code: ThresholdSchedulerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
