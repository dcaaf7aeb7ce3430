/**
 * Reads outside a transaction, sent together (docs/stack.md "Round trips per transaction"): the `SELECT`s that
 * any callers issue within one turn of the event loop go in one multi-statement query (at most `MAX_BATCH`), each
 * still its own autocommit statement with its own `?` parameters. Under load many chat messages' reads are ready
 * at once and share a round trip; a lone read goes alone, one loop turn later. If a batch fails, which statement
 * failed is not told by the server, so each is sent again alone and gets its own answer (reads can run twice).
 * MySQL/MariaDB only (`multipleStatements`); SQLite has no round trips and reads at once.
 */
import type { DataSource, EntityManager } from 'typeorm';

/** Statements per query: enough to share a round trip among a loop turn's reads, small enough to stay a short query. */
export const MAX_BATCH = 16;

interface Waiting {
  sql: string;
  params: unknown[];
  resolve(rows: unknown): void;
  reject(e: unknown): void;
}

/** A plain `SELECT` (no locking clause): safe to send with others and to send twice. */
export function batchable(sql: string): boolean {
  return /^\s*SELECT\s/i.test(sql) && !/\bFOR\s+UPDATE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bGET_LOCK\s*\(|\bRELEASE_LOCK\s*\(/i.test(sql);
}

export class ReadBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly ds: DataSource) {}

  /** `ds.manager`, its `query` of a plain `SELECT` batched; everything else as it was. */
  manager(): EntityManager {
    const base = this.ds.manager;
    const query = (sql: string, params?: unknown[]) => (batchable(sql) ? this.read(sql, params ?? []) : base.query(sql, params));
    return Object.create(base, { query: { value: query } }) as EntityManager;
  }

  read(sql: string, params: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ sql, params, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.waiting;
    this.waiting = [];
    for (let i = 0; i < all.length; i += MAX_BATCH) void this.send(all.slice(i, i + MAX_BATCH));
  }

  private async send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    let results: unknown[];
    try {
      results = (await this.ds.query(batch.map((w) => w.sql).join(';\n'), batch.flatMap((w) => w.params))) as unknown[];
    } catch {
      await Promise.all(batch.map((w) => this.alone(w)));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  private async alone(w: Waiting): Promise<void> {
    try {
      w.resolve(await this.ds.query(w.sql, w.params));
    } catch (e) {
      w.reject(e);
    }
  }
}
