/**
 * The inbox sweep beside the inbound pipeline: rows whose process died before handling them, and failed ones due
 * for a retry, are taken over at start-up and every `everyMs` (never one still in progress elsewhere: the
 * receiving process holds it) and run through the pipeline's `replay`; processed rows are purged after
 * `keepMs`, far beyond DingTalk's re-push window, so a late duplicate is still caught. One run at a time.
 */
import { INBOX_LEASE_MS, type InboxStore } from '../../../domain/ports/inbox.port';
import { type Log } from '../../../domain/ports/log.port';
import { PeriodicTask } from '../../shared/periodic-task';
import type { InboundPipeline } from './inbound-pipeline';

export interface InboxSweepOptions {
  everyMs?: number;
  /** How long processed rows are kept. Default 7 days. */
  keepMs?: number;
  /** Rows taken per run. */
  batch?: number;
  now?: () => Date;
}

const PURGE_EVERY_MS = 3600_000;

export class InboxSweep {
  private readonly task: PeriodicTask;
  private lastPurge = 0;
  private readonly keepMs: number;
  private readonly batch: number;
  private readonly now: () => Date;

  constructor(
    private readonly inbox: InboxStore,
    private readonly pipeline: Pick<InboundPipeline, 'replay'>,
    logger: Log,
    options: InboxSweepOptions = {},
  ) {
    this.task = new PeriodicTask(options.everyMs ?? 5000, () => this.sweepOnce(), logger, 'dingtalk.inbox.sweep_failed');
    this.keepMs = options.keepMs ?? 7 * 86_400_000;
    this.batch = options.batch ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.task.start();
  }

  /** One pass (exposed for tests): take over what is due, purge old rows at most hourly. */
  async sweepOnce(): Promise<void> {
    const now = this.now();
    for (const entry of await this.inbox.pending(now, this.batch)) {
      if (await this.inbox.claim(entry.id, now, INBOX_LEASE_MS)) await this.pipeline.replay(entry);
    }
    if (now.getTime() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now.getTime();
      await this.inbox.purge(new Date(now.getTime() - this.keepMs));
    }
  }

  stop(): Promise<void> {
    return this.task.stop();
  }
}
