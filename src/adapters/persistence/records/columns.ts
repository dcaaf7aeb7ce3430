/**
 * Column shapes shared by the records, written for MySQL/MariaDB (the reviewed migrations' dialect). The SQLite
 * data source rewrites what SQLite does not know (collations, long text types) before synchronizing.
 */
import type { ColumnOptions } from 'typeorm';

/** Codes, ids and refs: binary collation so `BJ-IT` and `bj-it` never collide. */
export const code = (length = 64, nullable = false): ColumnOptions => ({
  type: 'varchar',
  length,
  collation: 'utf8mb4_bin',
  nullable,
});

/** Display text. */
export const text = (length: number, nullable = false): ColumnOptions => ({ type: 'varchar', length, nullable });

/** Long text (descriptions, logs, JSON documents). */
export const longText = (nullable = false): ColumnOptions => ({ type: 'mediumtext', nullable });

/** Instants in UTC with milliseconds (a plain DATETIME truncates to seconds). */
export const instant = (nullable = false): ColumnOptions => ({ type: 'datetime', precision: 3, nullable });

export const int = (nullable = false): ColumnOptions => ({ type: 'int', nullable });
export const small = (nullable = false): ColumnOptions => ({ type: 'smallint', nullable });
export const real = (nullable = false): ColumnOptions => ({ type: 'double', nullable });

/** A code used as (part of) a primary key. */
export const keyCode = (length = 64) => ({ type: 'varchar' as const, length, collation: 'utf8mb4_bin' });
