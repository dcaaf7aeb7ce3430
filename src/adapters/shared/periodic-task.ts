/**
 * An adapter's background pass: runs `work` at start and then `everyMs` after each pass ends (never two at a
 * time); a failing pass is logged under `failedEvent` and the next one comes as usual; `stop()` waits for the pass
 * in progress. (The application layers have their own `Loop`; adapters may not import them.)
 */
import type { Log } from '../../domain/ports/log.port';
import { errorMessage } from '../logging/error-message';

export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly everyMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Log,
    private readonly failedEvent: string,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private run(): void {
    if (this.stopped) return;
    this.running = this.work()
      .then(
        () => undefined,
        (e: unknown) => {
          this.logger.error(this.failedEvent, { error: errorMessage(e) });
        },
      )
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.run(), this.everyMs);
        this.timer.unref?.();
      });
  }
}
