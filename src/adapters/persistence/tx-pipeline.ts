/**
 * Fewer round trips per transaction on MySQL/MariaDB (docs/stack.md "Round trips per transaction"). On these
 * machines a statement's round trip costs the bot more than the statement itself (the socket write that wakes the
 * server), so a transaction's framing rides along with its statements, in one multi-statement query each:
 *
 * - `START TRANSACTION` goes with the transaction's first statement;
 * - writes queued with `later` (rows whose result nobody reads before the commit, and whose failure must fail the
 *   transaction) go with the `COMMIT`, or, if another statement comes first, in one query before it, so every
 *   statement of the transaction still sees them;
 * - a transaction that sent nothing sends neither `START TRANSACTION` nor `COMMIT`.
 *
 * Every statement keeps its own `?` parameters, escaped by the driver as before; only the framing changes. It needs
 * the pool's `multipleStatements` (data-source.ts). SQLite has no round trips: it never gets a pipeline, and
 * `later` writes there (and outside a transaction) run at once.
 */
import type { EntityManager, QueryRunner } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';

/** A write's result, known once the statement was sent (with the commit, for a queued one). */
export interface Later<R> {
  readonly done: Promise<R>;
}

/** Raw driver results of a write (mysql2's ResultSetHeader). */
interface WriteHeader {
  insertId?: number;
  affectedRows?: number;
}

interface Queued {
  sql: string;
  params: unknown[];
  settle(raw: WriteHeader): void;
  fail(e: unknown): void;
}

/** A queued write that failed when it was sent before another statement: that statement did not run. */
export class LaterWriteFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(`a queued write of this transaction failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'LaterWriteFailed';
  }
}

const pipelines = new WeakMap<QueryRunner, TxPipeline>();

/** The pipeline of the transaction `m` belongs to, if any. */
export function pipelineOf(m: EntityManager): TxPipeline | undefined {
  return m.queryRunner ? pipelines.get(m.queryRunner) : undefined;
}

type QueryFn = (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;

export class TxPipeline {
  private startHeld = false;
  private sentAny = false;
  private queued: Queued[] = [];
  private readonly send: QueryFn;

  /** Takes over `runner.query` for the life of the runner (one transaction). */
  constructor(runner: QueryRunner) {
    this.send = runner.query.bind(runner) as QueryFn;
    (runner as { query: QueryFn }).query = (sql, params, structured) => this.query(sql, params ?? [], structured === true);
    pipelines.set(runner, this);
  }

  /** Queue a write to go with the commit (or before the transaction's next statement). */
  later(sql: string, params: unknown[]): Later<WriteHeader> {
    let settle!: (raw: WriteHeader) => void;
    let fail!: (e: unknown) => void;
    const done = new Promise<WriteHeader>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // A rolled-back transaction's queued writes reject; nobody has to be listening then.
    done.catch(() => undefined);
    this.queued.push({ sql, params, settle, fail });
    return { done };
  }

  private async query(sql: string, params: unknown[], structured: boolean): Promise<unknown> {
    if (sql === 'START TRANSACTION' && !this.sentAny && !this.startHeld) {
      this.startHeld = true;
      return structured ? new QueryResult() : undefined;
    }
    if (sql === 'ROLLBACK') return this.rollback(structured);
    if (sql === 'COMMIT') return this.commit(structured);
    if (this.queued.length > 0) await this.flushAlone();
    return this.sendFramed([], sql, params, structured);
  }

  private async commit(structured: boolean): Promise<unknown> {
    if (!this.sentAny && this.queued.length === 0) {
      this.startHeld = false;
      return structured ? new QueryResult() : undefined;
    }
    const queued = this.takeQueued();
    try {
      return await this.sendFramed(queued, 'COMMIT', [], structured);
    } catch (e) {
      for (const q of queued) q.fail(e);
      throw e;
    }
  }

  private async rollback(structured: boolean): Promise<unknown> {
    for (const q of this.takeQueued()) q.fail(new Error('the transaction was rolled back'));
    if (!this.sentAny) {
      this.startHeld = false;
      return structured ? new QueryResult() : undefined;
    }
    return this.send('ROLLBACK', [], structured);
  }

  private takeQueued(): Queued[] {
    const queued = this.queued;
    this.queued = [];
    return queued;
  }

  /** The queued writes in one query of their own, before a statement that must see them. */
  private async flushAlone(): Promise<void> {
    const queued = this.takeQueued();
    const last = queued.pop()!;
    try {
      await this.sendFramed(queued, last.sql, last.params, false).then((raw) => last.settle(raw as WriteHeader));
    } catch (e) {
      for (const q of [...queued, last]) q.fail(e);
      throw new LaterWriteFailed(e);
    }
  }

  /**
   * `START TRANSACTION` (if held), the queued writes, then `sql`: one query. Answers `sql`'s result as the
   * runner would have; the queued writes get theirs.
   */
  private async sendFramed(queued: Queued[], sql: string, params: unknown[], structured: boolean): Promise<unknown> {
    const before = this.startHeld ? 1 : 0;
    if (before === 0 && queued.length === 0) {
      this.sentAny = true;
      return this.send(sql, params, structured);
    }
    const parts = [...(this.startHeld ? ['START TRANSACTION'] : []), ...queued.map((q) => q.sql), sql];
    const allParams = [...queued.flatMap((q) => q.params), ...params];
    this.startHeld = false;
    this.sentAny = true;
    const raws = (await this.send(parts.join(';\n'), allParams, false)) as unknown[];
    queued.forEach((q, i) => q.settle(raws[before + i] as WriteHeader));
    const raw = raws[raws.length - 1];
    if (!structured) return raw;
    const result = new QueryResult();
    result.raw = raw;
    if (Array.isArray(raw)) result.records = raw;
    const header = raw as WriteHeader | undefined;
    if (header && typeof header.affectedRows === 'number') result.affected = header.affectedRows;
    return result;
  }
}
