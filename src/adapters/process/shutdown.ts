/**
 * Graceful shutdown in one place: every part the composition root starts registers how it stops; `close()` runs
 * the steps in reverse order of registration (the last started stops first), logging a failed step and going on;
 * `onSignals` closes once on SIGINT/SIGTERM and exits 0 (or 1 when a step failed).
 */
import type { Log } from '../../domain/ports/log.port';

export class Shutdown {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> | unknown }> = [];
  private closing: Promise<boolean> | null = null;

  constructor(private readonly log: Log) {}

  add(name: string, run: () => Promise<unknown> | unknown): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once (later calls wait for the first); true when every step succeeded. */
  close(): Promise<boolean> {
    this.closing ??= (async () => {
      let clean = true;
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
        } catch (e) {
          clean = false;
          this.log.error('app.shutdown.step_failed', { step: step.name, error: (e as Error).message });
        }
      }
      return clean;
    })();
    return this.closing;
  }

  /** Close on SIGINT/SIGTERM, then exit the process. */
  onSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    const stop = (signal: string) => {
      this.log.info('app.shutdown.started', { signal });
      void this.close().then((clean) => exit(clean ? 0 : 1));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }
}
