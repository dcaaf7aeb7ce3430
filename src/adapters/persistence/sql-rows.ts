/**
 * Prepared INSERT/UPDATE statements built once from a record's metadata, with values converted by the driver
 * exactly as TypeORM would (dates, JSON). The ticket write path uses these instead of the query builder: the same
 * SQL, a fraction of the per-call overhead (bench:core).
 */
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface WriteResult {
  insertId: number;
  affected: number;
}

export class SqlRows<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly insertSql: string;
  private readonly updateSql: string;
  private readonly idColumn: ColumnMetadata;

  constructor(
    private readonly ds: DataSource,
    target: EntityTarget<T>,
    /** Extra condition column for guarded updates (e.g. `version`). */
    guard?: string,
  ) {
    const meta = ds.getMetadata(target);
    const q = (n: string) => ds.driver.escape(n);
    this.columns = meta.columns.filter((c) => !c.isGenerated);
    this.idColumn = meta.primaryColumns[0]!;
    this.insertSql = `INSERT INTO ${q(meta.tableName)} (${this.columns.map((c) => q(c.databaseName)).join(', ')}) VALUES (${this.columns
      .map(() => '?')
      .join(', ')})`;
    const guardCol = guard ? meta.findColumnWithPropertyName(guard) : undefined;
    this.updateSql =
      `UPDATE ${q(meta.tableName)} SET ${this.columns.map((c) => `${q(c.databaseName)} = ?`).join(', ')} ` +
      `WHERE ${q(this.idColumn.databaseName)} = ?` +
      (guardCol ? ` AND ${q(guardCol.databaseName)} = ?` : '');
  }

  private values(row: Partial<T>): unknown[] {
    return this.columns.map((c) => this.ds.driver.preparePersistentValue(row[c.propertyName as keyof T] ?? null, c));
  }

  async insert(m: EntityManager, row: Partial<T>): Promise<number> {
    return (await this.run(m, this.insertSql, this.values(row))).insertId;
  }

  /** Guarded update of every non-generated column; returns the number of rows changed. */
  async update(m: EntityManager, id: number, row: Partial<T>, guardValue?: unknown): Promise<number> {
    const params = [...this.values(row), id];
    if (guardValue !== undefined) params.push(guardValue);
    return (await this.run(m, this.updateSql, params)).affected;
  }

  private async run(m: EntityManager, sql: string, params: unknown[]): Promise<WriteResult> {
    const runner = m.queryRunner;
    if (!runner) throw new Error('SqlRows writes only inside a transaction');
    const res = (await runner.query(sql, params, true)) as { raw: unknown; affected?: number };
    const raw = res.raw as { insertId?: number; affectedRows?: number } | number;
    if (typeof raw === 'number' || typeof raw === 'bigint') return { insertId: Number(raw), affected: res.affected ?? 0 };
    return { insertId: Number(raw?.insertId ?? 0), affected: res.affected ?? raw?.affectedRows ?? 0 };
  }
}
