/**
 * A background loop: runs `work` every `intervalMs`, or at once when kicked; never two runs at a time; errors are
 * logged and the loop goes on; `stop()` waits for the run in progress.
 */
import type { Log } from '../../domain/ports/log.port';

export class Loop {
  private timer: NodeJS.Timeout | null = null;
  /** When the pending timer fires (ms since epoch). */
  private timerDue = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly log: Log,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Run as soon as possible (after the current run, if one is in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.work()
      .then(
        () => undefined,
        (e: unknown) => {
          this.log.error('app.loop.failed', { loop: this.name, error: (e as Error).message });
        },
      )
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.kick());
        } else {
          this.timerDue = Date.now() + this.intervalMs;
          this.timer = setTimeout(() => this.kick(), this.intervalMs);
          this.timer.unref?.();
        }
      });
  }

  /**
   * Run within `ms` rather than at once, so that what else arrives meanwhile is handled in the same run (one
   * read for several events); a run already due sooner stays as it is.
   */
  kickWithin(ms: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const due = Date.now() + ms;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => this.kick(), ms);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
