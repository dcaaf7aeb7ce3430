/**
 * Prepared INSERT/UPDATE/SELECT statements built once from a record's metadata, with values converted by the
 * driver exactly as TypeORM would (dates, JSON) in both directions. The hot paths (the ticket writes, and the
 * reads every chat message makes) use these instead of the query builder: the same SQL, a fraction of the
 * per-call overhead (bench:core, bench:intake).
 */
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

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
  private readonly insertSql: string;
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

  private values(row: Partial<T>): unknown[] {
    return this.columns.map((c) => this.ds.driver.preparePersistentValue(row[c.propertyName as keyof T] ?? null, c));
  }

  async insert(m: EntityManager, row: Partial<T>): Promise<number> {
    return (await this.execute(m, this.insertSql, this.values(row))).insertId;
  }

  /** One row with its generated key given (a number taken from a shared sequence). */
  async insertWithId(m: EntityManager, id: number, row: Partial<T>): Promise<void> {
    const q = (n: string) => this.ds.driver.escape(n);
    const sql = this.insertSql.replace(`INSERT INTO ${this.table} (`, `INSERT INTO ${this.table} (${q(this.idColumn.databaseName)}, `).replace(/VALUES \(/, 'VALUES (?, ');
    await this.execute(m, sql, [id, ...this.values(row)]);
  }

  /**
   * Several rows in one statement (one round trip); nothing when `rows` is empty. `ignoreDuplicates`: a row whose
   * key exists is skipped (MySQL `ON DUPLICATE KEY UPDATE key = key`, SQLite `ON CONFLICT DO NOTHING`; never
   * `INSERT IGNORE`, which would also turn a value too long into a silent truncation).
   */
  async insertMany(m: EntityManager, rows: ReadonlyArray<Partial<T>>, options: { ignoreDuplicates?: boolean } = {}): Promise<void> {
    if (rows.length === 0) return;
    const tuple = `(${marks(this.columns.length)})`;
    let sql = this.insertSql.replace(/VALUES \(.*\)$/, `VALUES ${rows.map(() => tuple).join(', ')}`);
    if (options.ignoreDuplicates) {
      const key = this.ds.driver.escape(this.allColumns.find((c) => c.isPrimary)!.databaseName);
      sql += this.ds.options.type === 'better-sqlite3' ? ' ON CONFLICT DO NOTHING' : ` ON DUPLICATE KEY UPDATE ${key} = ${key}`;
    }
    await this.execute(m, sql, rows.flatMap((r) => this.values(r)));
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
      const raw = res.raw as { insertId?: number; affectedRows?: number } | number;
      if (typeof raw === 'number' || typeof raw === 'bigint') return { insertId: Number(raw), affected: res.affected ?? 0 };
      return { insertId: Number(raw?.insertId ?? 0), affected: res.affected ?? raw?.affectedRows ?? 0 };
    } finally {
      if (own) await own.release();
    }
  }
}
