/**
 * What a threshold job stores in Bull: ids only (`ticketId`, `level`, `deadlineVersion`) plus `dueAt` (ISO) for
 * the re-check and for measuring lateness. The job id is the port's deterministic `jobId`.
 */
import type { ThresholdJob } from '../../domain/ports/threshold-scheduler.port';

export interface ThresholdJobData {
  ticketId: number;
  level: string;
  deadlineVersion: number;
  dueAt: string;
}

/** Bull job name for every threshold job on the queue. */
export const THRESHOLD_JOB_NAME = 'threshold';

export function toJobData(job: ThresholdJob): ThresholdJobData {
  return { ticketId: job.ticketId, level: job.level, deadlineVersion: job.deadlineVersion, dueAt: job.dueAt.toISOString() };
}

export function fromJobData(jobId: string, data: ThresholdJobData): ThresholdJob {
  return {
    jobId,
    ticketId: data.ticketId,
    level: data.level,
    deadlineVersion: data.deadlineVersion,
    dueAt: new Date(data.dueAt),
  };
}
