/**
 * Open the database, retrying with backoff while it does not answer (start-up with the database down,
 * docs/interfaces.md "Operations"): the first pause `firstMs` (1 s), doubled up to `maxMs` (30 s), every failed
 * attempt logged (`app.database.unavailable`). Migrations run as part of opening (under their named lock), so
 * they run once the database answers. Stops with `DatabaseWaitAborted` when `signal` aborts (shutdown).
 */
import type { Log } from '../../domain/ports/log.port';
import { errorMessage } from '../logging/error-message';
import { openDatabase, type Database, type DatabaseConfig } from './data-source';

export class DatabaseWaitAborted extends Error {
  constructor() {
    super('stopped before the database answered');
    this.name = 'DatabaseWaitAborted';
  }
}

export interface DatabaseWaitOptions {
  log: Log;
  signal: AbortSignal;
  firstMs?: number;
  maxMs?: number;
  /** Told after each failed attempt (the health check shows the last error). */
  onAttemptFailed?: (error: string, attempt: number) => void;
  /** The opener (tests); default `openDatabase`. */
  open?: (config: DatabaseConfig) => Promise<Database>;
}

export async function openDatabaseWhenUp(config: DatabaseConfig, options: DatabaseWaitOptions): Promise<Database> {
  const open = options.open ?? openDatabase;
  const maxMs = options.maxMs ?? 30_000;
  let pause = options.firstMs ?? 1000;
  const since = Date.now();
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw new DatabaseWaitAborted();
    try {
      const db = await open(config);
      if (options.signal.aborted) {
        await db.close();
        throw new DatabaseWaitAborted();
      }
      if (attempt > 1) options.log.info('app.database.answered', { attempts: attempt, waitedMs: Date.now() - since });
      return db;
    } catch (e) {
      if (e instanceof DatabaseWaitAborted) throw e;
      const error = errorMessage(e) || String((e as { code?: unknown }).code ?? 'no answer'); // ECONNREFUSED: an empty message
      options.onAttemptFailed?.(error, attempt);
      options.log.warn('app.database.unavailable', { attempt, error, retryInMs: pause });
    }
    await sleep(pause, options.signal);
    pause = Math.min(maxMs, pause * 2);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
