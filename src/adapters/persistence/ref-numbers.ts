/**
 * The shared reference sequence (`records/ref-number.record.ts`): take the next number, inside the caller's
 * transaction; and continue after the numbers already used (the migration, and an embedded SQLite file's start).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { RefNumberRecord } from './records/ref-number.record';
import { SqlRows } from './sql-rows';

/** The ref prefix letter a number is taken for. */
export type RefKind = 'R' | 'I' | 'P' | 'C';

export function refNumbers(ds: DataSource): SqlRows<RefNumberRecord> {
  return new SqlRows(ds, RefNumberRecord);
}

/** The next number of the shared sequence (a row in `ref_numbers`). */
export function nextRefNumber(m: EntityManager, rows: SqlRows<RefNumberRecord>, kind: RefKind): Promise<number> {
  return rows.insert(m, { kind });
}

/**
 * One row continuing after the largest ticket or change id, when the sequence is empty (tables made before it was
 * shared): the next number is above every `R-`/`I-`/`P-`/`C-` in use. MySQL and SQLite both run it.
 */
export const CONTINUE_REF_NUMBERS_SQL =
  "INSERT INTO ref_numbers (id, kind) SELECT m, '-' FROM " +
  '(SELECT MAX(id) AS m FROM (SELECT MAX(id) AS id FROM tickets UNION ALL SELECT MAX(id) AS id FROM changes) u) v ' +
  'WHERE m IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ref_numbers)';
