/**
 * Robot notices with the same text waiting for a slot at the same time go out in one `batchSend` (≤ 20 user ids,
 * docs/dingtalk.md §2.2): a caller's users join the open batches of the same key (msgKey, msgParam, priority) that
 * have room and do not hold them yet; new batches take the rest. A batch closes when its call gets its slot (the
 * request reads the users then), and each caller gets the report of its own users back.
 */
import type { DeliveryFailure } from '../../../domain/ports/chat-gateway.port';

export interface BatchSendReport {
  sent: string[];
  failed: DeliveryFailure[];
  processQueryKeys: string[];
}

export class MergedBatch {
  readonly users: string[] = [];
  report!: Promise<BatchSendReport>;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** No one joins any more: the users the call sends to. */
  close(): string[] {
    if (!this.closed) {
      this.closed = true;
      this.onClose();
    }
    return [...this.users];
  }
}

export class BatchSendMerger {
  private readonly open = new Map<string, MergedBatch[]>();

  constructor(private readonly maxUsers: number) {}

  /** `start` sends one new batch (it must close the batch when its call gets its slot, and never reject). */
  async send(key: string, userIds: readonly string[], start: (batch: MergedBatch) => Promise<BatchSendReport>): Promise<BatchSendReport> {
    const mine = new Map<MergedBatch, string[]>();
    const created: MergedBatch[] = [];
    for (const userId of userIds) {
      const list = this.open.get(key) ?? [];
      let batch = list.find((b) => b.isOpen && b.users.length < this.maxUsers && !b.users.includes(userId));
      if (!batch) {
        const fresh: MergedBatch = new MergedBatch(() => this.remove(key, fresh));
        list.push(fresh);
        this.open.set(key, list);
        created.push(fresh);
        batch = fresh;
      }
      batch.users.push(userId);
      mine.set(batch, [...(mine.get(batch) ?? []), userId]);
    }
    for (const batch of created) batch.report = start(batch);
    const reports = await Promise.all([...mine].map(async ([batch, users]) => reportFor(await batch.report, users)));
    return {
      sent: reports.flatMap((r) => r.sent),
      failed: reports.flatMap((r) => r.failed),
      processQueryKeys: [...new Set(reports.flatMap((r) => r.processQueryKeys))],
    };
  }

  private remove(key: string, batch: MergedBatch): void {
    const list = (this.open.get(key) ?? []).filter((b) => b !== batch);
    if (list.length > 0) this.open.set(key, list);
    else this.open.delete(key);
  }
}

/** The part of a merged batch's report about `users`. */
function reportFor(report: BatchSendReport, users: readonly string[]): BatchSendReport {
  const wanted = new Set(users);
  return {
    sent: report.sent.filter((u) => wanted.has(u)),
    failed: report.failed.filter((f) => f.userId !== undefined && wanted.has(f.userId)),
    processQueryKeys: report.processQueryKeys,
  };
}
