/**
 * One way into the database for every store. On MySQL/MariaDB: a pooled connection per statement and real
 * concurrent transactions. On embedded SQLite (one connection): statements and transactions queue one at a time,
 * because a statement issued while another caller's transaction is open would silently join that transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { ReadBatcher } from './read-batcher';
import { TxPipeline } from './tx-pipeline';

/** Pooled connections kept free of ordinary work for the urgent lane (`Gate.urgent`). */
export const URGENT_CONNECTIONS = 2;

export class Gate {
  private tail: Promise<unknown> = Promise.resolve();
  /** Ordinary work holding a pooled connection now, and work waiting for one (pooled databases with a limit). */
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /**
   * The urgent lane (docs/domain.md §3.2: escalation firings): the same database, never queued behind ordinary work.
   * On a pool, ordinary work holds at most `ordinaryLimit` connections at once, so the urgent lane always finds one
   * free however many chat messages are in flight; on SQLite it is the same single queue (one connection).
   */
  readonly urgent: Gate;

  constructor(
    readonly ds: DataSource,
    readonly serial: boolean,
    private readonly ordinaryLimit: number = Infinity,
    urgentOf?: Gate,
    /** Transactions framed with their statements (tx-pipeline.ts); needs the pool's `multipleStatements`. */
    private readonly pipelined = false,
  ) {
    this.urgent = urgentOf ?? (serial || ordinaryLimit === Infinity ? this : new Gate(ds, false, Infinity, undefined, pipelined));
    this.runManager = pipelined ? new ReadBatcher(ds).manager() : ds.manager;
  }

  /** What `run` hands its work: on a pipelined pool, reads sent together (read-batcher.ts). */
  private readonly runManager: EntityManager;

  /** Run `work` in one transaction. */
  tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(() => (this.pipelined ? this.pipelinedTx(work) : this.ds.transaction(work)));
  }

  /** `DataSource.transaction` on a runner whose transaction framing rides with its statements (TypeORM's own
   * start / commit / rollback, on the runner given; released here). */
  private async pipelinedTx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    new TxPipeline(runner);
    try {
      return await runner.manager.transaction(work);
    } finally {
      await runner.release();
    }
  }

  /** Run `work` outside a transaction (single statements, reads). */
  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(() => work(this.runManager));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    if (!this.serial) return this.ordinaryLimit === Infinity ? job() : this.limited(job);
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** At most `ordinaryLimit` at once; the others wait their turn here (FIFO), not in the pool. */
  private async limited<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.ordinaryLimit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
