/**
 * One way into the database for every store. On MySQL/MariaDB: a pooled connection per statement and real
 * concurrent transactions. On embedded SQLite (one connection): statements and transactions queue one at a time,
 * because a statement issued while another caller's transaction is open would silently join that transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';

export class Gate {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly ds: DataSource,
    readonly serial: boolean,
  ) {}

  /** Run `work` in one transaction. */
  tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(() => this.ds.transaction(work));
  }

  /** Run `work` outside a transaction (single statements, reads). */
  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(() => work(this.ds.manager));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    if (!this.serial) return job();
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
