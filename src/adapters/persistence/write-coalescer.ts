/**
 * Writes that many callers make at about the same moment, turned into one statement per batch: a call joins the
 * batch that is waiting; the batch is written at the next turn of the event loop (or after `windowMs`, for writes
 * nobody waits on) or, while an earlier batch is still being written, as soon as that one is done. At low load
 * every write goes alone and at once; under load a batch gathers what arrived during one round trip. A failed batch
 * fails every call in it.
 */
export class WriteCoalescer<T> {
  private waiting: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    /** Wait this long for more before writing a batch (0: the next turn of the event loop). */
    private readonly windowMs = 0,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.windowMs > 0) setTimeout(go, this.windowMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.writing = true;
    try {
      await this.write(batch.map((b) => b.item));
      for (const b of batch) b.resolve();
    } catch (e) {
      for (const b of batch) b.reject(e);
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
