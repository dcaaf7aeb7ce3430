/**
 * Prepared INSERT/UPDATE/SELECT statements built once from a record's metadata, with values converted by the
 * driver exactly as TypeORM would (dates, JSON) in both directions. The hot paths (the ticket writes, and the
 * reads every chat message makes) use these instead of the query builder: the same SQL, a fraction of the
 * per-call overhead (bench:core, bench:intake).
 */
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { pipelineOf, type Later } from './tx-pipeline';

export interface WriteResult {
  insertId: number;
  affected: number;
}

/** `?, ?, ?` for `n` parameters (an `IN (…)` list). */
export function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export class SqlRows<T extends ObjectLiteral> {
  /** The table's name as written in SQL (quoted for the dialect). */
  readonly table: string;
  private readonly columns: ColumnMetadata[];
  private readonly byProperty: Map<string, ColumnMetadata>;
  /** `INSERT` of every non-generated column, one row of `?`. */
  readonly insertSql: string;
  private readonly updateSql: string;
  private readonly selectSql: string;
  private readonly allColumns: ColumnMetadata[];
  private readonly idColumn: ColumnMetadata;

  constructor(
    private readonly ds: DataSource,
    target: EntityTarget<T>,
    /** Extra condition column for guarded updates (e.g. `version`). */
    guard?: string,
  ) {
    const meta = ds.getMetadata(target);
    const q = (n: string) => ds.driver.escape(n);
    this.table = q(meta.tableName);
    this.columns = meta.columns.filter((c) => !c.isGenerated);
    this.byProperty = new Map(meta.columns.map((c) => [c.propertyName, c]));
    this.idColumn = meta.primaryColumns[0]!;
    this.insertSql = `INSERT INTO ${this.table} (${this.columns.map((c) => q(c.databaseName)).join(', ')}) VALUES (${marks(this.columns.length)})`;
    this.allColumns = meta.columns;
    this.selectSql = `SELECT ${meta.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${this.table}`;
    const guardCol = guard ? meta.findColumnWithPropertyName(guard) : undefined;
    this.updateSql =
      `UPDATE ${this.table} SET ${this.columns.map((c) => `${q(c.databaseName)} = ?`).join(', ')} ` +
      `WHERE ${q(this.idColumn.databaseName)} = ?` +
      (guardCol ? ` AND ${q(guardCol.databaseName)} = ?` : '');
  }

  /** A row's values in `insertSql`'s column order, converted by the driver. */
  values(row: Partial<T>): unknown[] {
    return this.columns.map((c) => this.ds.driver.preparePersistentValue(row[c.propertyName as keyof T] ?? null, c));
  }

  async insert(m: EntityManager, row: Partial<T>): Promise<number> {
    return (await this.execute(m, this.insertSql, this.values(row))).insertId;
  }

  /** One row with its generated key given (a number taken from a shared sequence). */
  async insertWithId(m: EntityManager, id: number, row: Partial<T>): Promise<void> {
    await this.execute(m, this.insertWithIdSql(), [id, ...this.values(row)]);
  }

  private insertWithIdSql(): string {
    const q = (n: string) => this.ds.driver.escape(n);
    return this.insertSql.replace(`INSERT INTO ${this.table} (`, `INSERT INTO ${this.table} (${q(this.idColumn.databaseName)}, `).replace(/VALUES \(/, 'VALUES (?, ');
  }

  /**
   * Several rows in one statement (one round trip); nothing when `rows` is empty. `ignoreDuplicates`: a row whose
   * key exists is skipped (MySQL `ON DUPLICATE KEY UPDATE key = key`, SQLite `ON CONFLICT DO NOTHING`; never
   * `INSERT IGNORE`, which would also turn a value too long into a silent truncation).
   */
  async insertMany(m: EntityManager, rows: ReadonlyArray<Partial<T>>, options: { ignoreDuplicates?: boolean } = {}): Promise<void> {
    if (rows.length === 0) return;
    await this.execute(m, this.insertManySql(rows.length, options), rows.flatMap((r) => this.values(r)));
  }

  private insertManySql(n: number, options: { ignoreDuplicates?: boolean }): string {
    const tuple = `(${marks(this.columns.length)})`;
    let sql = this.insertSql.replace(/VALUES \(.*\)$/, `VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`);
    if (options.ignoreDuplicates) {
      const key = this.ds.driver.escape(this.allColumns.find((c) => c.isPrimary)!.databaseName);
      sql += this.ds.options.type === 'better-sqlite3' ? ' ON CONFLICT DO NOTHING' : ` ON DUPLICATE KEY UPDATE ${key} = ${key}`;
    }
    return sql;
  }

  /**
   * `insertMany`, queued to go with the transaction's commit where the transaction has a pipeline (tx-pipeline.ts):
   * for rows no statement of the transaction needs an answer from, whose failure must fail the transaction, and
   * which cannot collide on a key. Elsewhere (SQLite, no transaction) it runs now.
   */
  async insertManyLater(m: EntityManager, rows: ReadonlyArray<Partial<T>>): Promise<void> {
    if (rows.length === 0) return;
    const pipeline = pipelineOf(m);
    if (!pipeline) return this.insertMany(m, rows);
    pipeline.later(this.insertManySql(rows.length, {}), rows.flatMap((r) => this.values(r)));
  }

  /** `insert` queued as `insertManyLater` queues; its generated id known once it was sent (after the commit). */
  async insertLater(m: EntityManager, row: Partial<T>): Promise<Later<number>> {
    const pipeline = pipelineOf(m);
    if (!pipeline) return { done: Promise.resolve(await this.insert(m, row)) };
    const done = pipeline.later(this.insertSql, this.values(row)).done.then((h) => Number(h.insertId ?? 0));
    done.catch(() => undefined);
    return { done };
  }

  /**
   * A row whose id is the next number of `sequence` (a table of generated ids, `sequenceRow` its new row), in the
   * caller's transaction; returns the id. On MySQL both inserts go in one query (`LAST_INSERT_ID()`); a failure of
   * the row's own insert (a unique key) is still this call's failure.
   */
  async insertWithNextId<S extends ObjectLiteral>(m: EntityManager, sequence: SqlRows<S>, sequenceRow: Partial<S>, row: Partial<T>): Promise<number> {
    if (this.ds.options.type === 'better-sqlite3') {
      const id = await sequence.insert(m, sequenceRow);
      await this.insertWithId(m, id, row);
      return id;
    }
    const sql = `${sequence.insertSql};\n${this.insertWithIdSql().replace('VALUES (?, ', 'VALUES (LAST_INSERT_ID(), ')}`;
    // The row's insert answers the id it was given (the server reports an explicit AUTO_INCREMENT value too).
    const id = (await this.execute(m, sql, [...sequence.values(sequenceRow), ...this.values(row)])).insertId;
    if (!id) throw new Error(`${this.table}: no id taken from ${sequence.table}`);
    return id;
  }

  /** Guarded update of every non-generated column; returns the number of rows changed. */
  async update(m: EntityManager, id: number, row: Partial<T>, guardValue?: unknown): Promise<number> {
    const params = [...this.values(row), id];
    if (guardValue !== undefined) params.push(guardValue);
    return (await this.execute(m, this.updateSql, params)).affected;
  }

  /**
   * `UPDATE … SET` the given properties (values converted by the driver) `WHERE where` (SQL with `?` parameters);
   * returns the number of rows matched.
   */
  async updateWhere(m: EntityManager, set: Partial<Record<keyof T & string, unknown>>, where: string, params: unknown[]): Promise<number> {
    const props = Object.keys(set) as Array<keyof T & string>;
    const sql = `UPDATE ${this.table} SET ${props.map((p) => `${this.column(p)} = ?`).join(', ')} WHERE ${where}`;
    return (await this.execute(m, sql, [...props.map((p) => this.param(p, set[p])), ...params])).affected;
  }

  /** How many rows match `where`. */
  async count(m: EntityManager, where: string, params: unknown[]): Promise<number> {
    const rows = (await m.query(`SELECT COUNT(*) AS n FROM ${this.table} WHERE ${where}`, params)) as Array<{ n: unknown }>;
    return Number(rows[0]?.n ?? 0);
  }

  private meta(propertyName: string): ColumnMetadata {
    const c = this.byProperty.get(propertyName);
    if (!c) throw new Error(`no column ${propertyName}`);
    return c;
  }

  /** The column name as written in SQL (quoted for the dialect), for `where` clauses. */
  column(propertyName: keyof T & string): string {
    return this.ds.driver.escape(this.meta(propertyName).databaseName);
  }

  /** The value of a property as the driver stores it (dates, booleans), for `where` parameters. */
  param(propertyName: keyof T & string, value: unknown): unknown {
    return this.ds.driver.preparePersistentValue(value, this.meta(propertyName));
  }

  /**
   * Rows matching `where` (SQL with `?` parameters; `tail` adds ORDER BY / LIMIT), hydrated as TypeORM would:
   * every column converted by the driver. Plain objects with the record's properties.
   */
  async select(m: EntityManager, where: string, params: unknown[], tail = ''): Promise<T[]> {
    return this.hydrate((await m.query(`${this.selectSql} WHERE ${where}${tail ? ` ${tail}` : ''}`, params)) as Array<Record<string, unknown>>);
  }

  /**
   * Two `select`s in one statement and one round trip (`UNION ALL`): the rows of `where` and then at most `limit`
   * rows of `alsoWhere` (a row matching both comes twice).
   */
  async selectBoth(m: EntityManager, where: string, alsoWhere: string, limit: number, params: unknown[]): Promise<T[]> {
    const sql = `${this.selectSql} WHERE ${where} UNION ALL SELECT * FROM (${this.selectSql} WHERE ${alsoWhere} LIMIT ${Math.floor(limit)}) AS also_rows`;
    return this.hydrate((await m.query(sql, params)) as Array<Record<string, unknown>>);
  }

  private hydrate(rows: Array<Record<string, unknown>>): T[] {
    return rows.map((raw) => {
      const row: Record<string, unknown> = {};
      for (const c of this.allColumns) row[c.propertyName] = this.ds.driver.prepareHydratedValue(raw[c.databaseName], c);
      return row as T;
    });
  }

  /** `select`, reading (and hydrating) only the given properties' columns. */
  async selectSome<K extends keyof T & string>(m: EntityManager, props: readonly K[], where: string, params: unknown[], tail = ''): Promise<Array<Pick<T, K>>> {
    const cols = props.map((p) => this.meta(p));
    const sql = `SELECT ${cols.map((c) => this.ds.driver.escape(c.databaseName)).join(', ')} FROM ${this.table} WHERE ${where}${tail ? ` ${tail}` : ''}`;
    const rows = (await m.query(sql, params)) as Array<Record<string, unknown>>;
    return rows.map((raw) => {
      const row: Record<string, unknown> = {};
      for (const c of cols) row[c.propertyName] = this.ds.driver.prepareHydratedValue(raw[c.databaseName], c);
      return row as Pick<T, K>;
    });
  }

  /** Any write statement on this table (`?` parameters): the insert id and the number of rows changed. */
  async execute(m: EntityManager, sql: string, params: unknown[]): Promise<WriteResult> {
    // Inside a transaction: its runner. Outside (a single statement): a runner of its own, released after.
    const own = m.queryRunner ? null : this.ds.createQueryRunner();
    const runner = m.queryRunner ?? own!;
    try {
      const res = (await runner.query(sql, params, true)) as { raw: unknown; affected?: number };
      // A multi-statement query (`insertWithNextId`) answers one header per statement: the last is this row's.
      const rawAll = res.raw as unknown;
      const raw = (Array.isArray(rawAll) ? rawAll[rawAll.length - 1] : rawAll) as { insertId?: number; affectedRows?: number } | number;
      if (typeof raw === 'number' || typeof raw === 'bigint') return { insertId: Number(raw), affected: res.affected ?? 0 };
      return { insertId: Number(raw?.insertId ?? 0), affected: res.affected ?? raw?.affectedRows ?? 0 };
    } finally {
      if (own) await own.release();
    }
  }
}
