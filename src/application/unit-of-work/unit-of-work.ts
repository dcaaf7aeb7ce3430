/**
 * The one unit of work of the application: a store transaction (a ticket change, its history, log and outbox
 * events commit together or not at all), the after-commit hook (the own-outbox path: handle the events at once),
 * and the bounded retry of work that lost the optimistic version check (`LostRace`). Used by the ticket use
 * cases and by the escalation layer (firing a threshold, reacting to a ticket event).
 */
import { fail, type Result } from '../../domain/shared/result';
import { LostRace } from './lost-race';

/** Anything that runs work in one transaction (the ticket store, the escalation store). */
export interface TransactionalStore<Tx> {
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface UnitOfWorkOptions {
  /** Attempts of a retried run before giving up (lost races). Default 5. */
  maxAttempts?: number;
  /** Called once after every committed transaction (not after a rolled-back one). */
  afterCommit?: () => void;
}

/** A retried run: its value, or the last lost race once the attempts ran out. */
export type Attempted<T> = { won: true; value: T } | { won: false; lost: LostRace };

export const DEFAULT_MAX_ATTEMPTS = 5;

/** The answer when a ticket kept changing under every attempt. */
export const concurrentUpdate = () => fail('TICKET.CONCURRENT_UPDATE', 'the ticket kept changing; try again');

export class UnitOfWork<Tx> {
  readonly maxAttempts: number;

  constructor(
    private readonly store: TransactionalStore<Tx>,
    private readonly options: UnitOfWorkOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** One transaction; the after-commit hook once it committed. Errors (LostRace included) roll back and propagate. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.store.transaction(work);
    this.options.afterCommit?.();
    return result;
  }

  /**
   * Run `attempt` (reads and its transaction) again from the start while it throws `LostRace`, at most
   * `maxAttempts` times in all; any other error propagates at once.
   */
  async attempt<T>(attempt: () => Promise<T>): Promise<Attempted<T>> {
    let lost = new LostRace();
    for (let n = 1; n <= this.maxAttempts; n++) {
      try {
        return { won: true, value: await attempt() };
      } catch (e) {
        if (!(e instanceof LostRace)) throw e;
        lost = e;
      }
    }
    return { won: false, lost };
  }

  /** `attempt` for a use case: the attempts ran out → `TICKET.CONCURRENT_UPDATE`. */
  async retrying<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
    const done = await this.attempt(run);
    return done.won ? done.value : concurrentUpdate();
  }
}
