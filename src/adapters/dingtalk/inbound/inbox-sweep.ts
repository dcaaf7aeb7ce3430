/**
 * The inbox sweep beside the inbound pipeline: rows whose process died before handling them, and failed ones due
 * for a retry, are taken over at start-up and every `everyMs` (never one still in progress elsewhere: the
 * receiving process holds it, unless its heartbeat stopped: the store hands over a dead owner's rows at once) and
 * run through the pipeline's `replay`. One run at a time. Handled rows are trimmed and purged by retention
 * (`src/adapters/persistence/retention.ts`), long after DingTalk's re-push window.
 */
import { INBOX_LEASE_MS, type InboxStore } from '../../../domain/ports/inbox.port';
import { type Log } from '../../../domain/ports/log.port';
import { PeriodicTask } from '../../shared/periodic-task';
import type { InboundPipeline } from './inbound-pipeline';

export interface InboxSweepOptions {
  everyMs?: number;
  /** Rows taken per run. */
  batch?: number;
  now?: () => Date;
}

export class InboxSweep {
  private readonly task: PeriodicTask;
  private readonly batch: number;
  private readonly now: () => Date;

  constructor(
    private readonly inbox: InboxStore,
    private readonly pipeline: Pick<InboundPipeline, 'replay'>,
    logger: Log,
    options: InboxSweepOptions = {},
  ) {
    this.task = new PeriodicTask(options.everyMs ?? 5000, () => this.sweepOnce(), logger, 'dingtalk.inbox.sweep_failed');
    this.batch = options.batch ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.task.start();
  }

  /** One pass (exposed for tests): take over what is due. */
  async sweepOnce(): Promise<void> {
    const now = this.now();
    for (const entry of await this.inbox.pending(now, this.batch)) {
      if (await this.inbox.claim(entry.id, now, INBOX_LEASE_MS)) await this.pipeline.replay(entry);
    }
  }

  stop(): Promise<void> {
    return this.task.stop();
  }
}
