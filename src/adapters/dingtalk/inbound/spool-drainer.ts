/**
 * Moves spooled frames into the inbox once the database answers: at start-up and every `everyMs` (1 s), for each
 * spool file this process can lock (its own first), each frame in file order goes through the pipeline's
 * `takeSpooled` (inbox put — the message id is the dedupe key — then processing). The first inbox failure ends the
 * pass (the file is kept, the next pass starts again from its first line: frames already stored come back as
 * duplicates and are not processed again); a file is deleted only once every line is in the inbox. One pass at a time.
 */
import { type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';
import { PeriodicTask } from '../../shared/periodic-task';
import type { FileSpool } from '../../spool/file-spool';
import type { InboundPipeline } from './inbound-pipeline';

export interface SpoolDrainerOptions {
  everyMs?: number;
}

export class SpoolDrainer {
  private readonly task: PeriodicTask;

  constructor(
    private readonly spool: Pick<FileSpool, 'files' | 'drain' | 'heartbeat'>,
    private readonly pipeline: Pick<InboundPipeline, 'takeSpooled'>,
    private readonly logger: Log,
    options: SpoolDrainerOptions = {},
  ) {
    this.task = new PeriodicTask(options.everyMs ?? 1000, () => this.drainOnce(), logger, 'dingtalk.spool.drain_failed');
  }

  start(): void {
    this.task.start();
  }

  /** One pass over the spool files (exposed for tests); the number of frames moved into the inbox. */
  async drainOnce(): Promise<number> {
    this.spool.heartbeat();
    let moved = 0;
    for (const file of this.spool.files()) {
      let taken = 0;
      try {
        const outcome = await this.spool.drain(file, async (frame) => {
          if ((await this.pipeline.takeSpooled(frame)) === 'new') taken += 1;
        });
        if (outcome) {
          moved += outcome.drained;
          this.logger.info('dingtalk.spool.drained', { file, frames: outcome.drained, stored: taken, complete: outcome.complete });
        }
      } catch (e) {
        this.logger.warn('dingtalk.spool.drain_paused', { file, stored: taken, error: errorMessage(e) });
        return moved; // the inbox is still unavailable: try again next pass
      }
    }
    return moved;
  }

  stop(): Promise<void> {
    return this.task.stop();
  }
}
