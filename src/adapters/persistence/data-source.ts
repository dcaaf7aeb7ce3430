/**
 * Opens the database: MySQL/MariaDB from `mysql://…` (reviewed migrations, applied under a named lock), or an
 * embedded SQLite file (schema synchronized from the records, adapted to what SQLite understands).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { Gate, URGENT_CONNECTIONS } from './gate';
import { MIGRATIONS } from './migrations';
import { CONTINUE_REF_NUMBERS_SQL } from './ref-numbers';
import { requireMysql2PromiseOnce } from './mysql2-promise-once';

export type Dialect = 'mysql' | 'sqlite';

export interface DatabaseConfig {
  /** `mysql://user:pass@host:port/db`; undefined → SQLite at `sqlitePath`. */
  url?: string;
  /** Default `./data/bot.sqlite`; `:memory:` for throwaway databases. */
  sqlitePath?: string;
  /** Connection pool size (MySQL). */
  poolSize?: number;
  logging?: boolean;
}

export interface Database {
  ds: DataSource;
  dialect: Dialect;
  /** Every store goes through it (serialises access to embedded SQLite). */
  gate: Gate;
  close(): Promise<void>;
}

/** MariaDB and MySQL report schema details differently; TypeORM needs to know which one it talks to. */
export type MysqlFlavor = 'mysql' | 'mariadb';

/** Ask the server what it is (one short connection). */
export async function detectMysqlFlavor(url: string): Promise<MysqlFlavor> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 10_000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as Array<{ v: string }>)[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

export function mysqlDataSource(url: string, flavor: MysqlFlavor = 'mysql', poolSize = 10, logging = false): DataSource {
  requireMysql2PromiseOnce();
  return new DataSource({
    type: flavor,
    url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging,
    poolSize,
    // mysql2 captures a stack trace on every query for its error reports; errors keep their code and message
    // without it, and the capture was a measurable share of the chat path (bench:intake).
    extra: { trace: false },
    // Several statements in one query: a transaction's framing rides with its statements (tx-pipeline.ts).
    // Values never enter SQL text here (every one is a `?` parameter), which is what keeps this safe.
    multipleStatements: true,
  });
}

/** SQLite knows neither MySQL collations nor `mediumtext`/`longblob`; generated keys must be `integer`. */
function adaptMetadataToSqlite(ds: DataSource): void {
  for (const meta of ds.entityMetadatas) {
    for (const col of meta.columns) {
      col.collation = undefined;
      col.charset = undefined;
      if (col.type === 'mediumtext' || col.type === 'longtext') col.type = 'text';
      if (col.type === 'longblob') col.type = 'blob';
      if (col.isGenerated && col.generationStrategy === 'increment') col.type = 'integer';
    }
  }
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) {
    // The pool has URGENT_CONNECTIONS more than `poolSize`, kept for the urgent lane (escalation firings,
    // docs/domain.md §3.2): ordinary work holds at most `poolSize` at once, as before.
    const pool = config.poolSize ?? 10;
    const ds = mysqlDataSource(config.url, await detectMysqlFlavor(config.url), pool + URGENT_CONNECTIONS, config.logging);
    await ds.initialize();
    try {
      await withNamedLock(ds, 'mysql', 'schema-migrations', 60, () => ds.runMigrations({ transaction: 'each' }));
    } catch (e) {
      await ds.destroy().catch(() => undefined); // the database went away meanwhile: no pool left behind
      throw e;
    }
    return { ds, dialect: 'mysql', gate: new Gate(ds, false, pool, undefined, true), close: () => ds.destroy() };
  }
  const file = config.sqlitePath ?? path.join('data', 'bot.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const ds = new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities: ENTITIES,
    synchronize: false,
    logging: config.logging ?? false,
    enableWAL: file !== ':memory:',
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  });
  // Let metadata validation accept the MySQL long-text type; the columns become plain `text` before synchronizing.
  (ds.driver.supportedDataTypes as string[]).push('mediumtext', 'longblob');
  await ds.initialize();
  adaptMetadataToSqlite(ds);
  await ds.synchronize();
  // A file made before R-/I-/P-/C- shared one sequence: continue after the numbers in use (as the migration does).
  await ds.query(CONTINUE_REF_NUMBERS_SQL);
  return { ds, dialect: 'sqlite', gate: new Gate(ds, true), close: () => ds.destroy() };
}

/**
 * Run `work` while holding a database-wide named lock (MySQL `GET_LOCK`), so several processes starting at once
 * migrate or import one at a time. SQLite is a single-process embedded database: the work just runs.
 */
export async function withNamedLock<T>(
  ds: DataSource,
  dialect: Dialect,
  name: string,
  timeoutSeconds: number,
  work: () => Promise<T>,
): Promise<T> {
  if (dialect !== 'mysql') return work();
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const rows = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [`itopbot:${name}`, timeoutSeconds])) as Array<{
      got: number | string | null;
    }>;
    if (Number(rows[0]?.got) !== 1) throw new Error(`could not take the database lock "${name}" in ${timeoutSeconds} s`);
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [`itopbot:${name}`]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Run `work` only if the named lock is free right now (MySQL `GET_LOCK(name, 0)`), for periodic jobs one process
 * at a time does (retention): `{ ran: false }` when another process holds it. SQLite: the work just runs.
 */
export async function withNamedLockIfFree<T>(
  ds: DataSource,
  dialect: Dialect,
  name: string,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (dialect !== 'mysql') return { ran: true, value: await work() };
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const rows = (await runner.query('SELECT GET_LOCK(?, 0) AS got', [`itopbot:${name}`])) as Array<{ got: number | string | null }>;
    if (Number(rows[0]?.got) !== 1) return { ran: false };
    try {
      return { ran: true, value: await work() };
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [`itopbot:${name}`]);
    }
  } finally {
    await runner.release();
  }
}
