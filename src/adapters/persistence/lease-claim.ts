/**
 * Claiming due rows under a lease, for the tables several processes work off (outbox, notices): the due rows are
 * read, then claimed by one guarded UPDATE under a tag of this claim (the row's due time becomes the lease's end,
 * `attempts` counts the claim). When it took every row read (the usual case) those rows are the claim; when another
 * process took some meanwhile, the rows this claim got are read back by tag. A process that dies with a claim
 * leaves its rows due again when the lease runs out, or at once to a claim naming it in `takeFrom` (owners whose
 * heartbeat stopped: `process-registry.ts`).
 */
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { heldBy } from './process-registry';
import { marks, type SqlRows } from './sql-rows';

interface Claimable extends ObjectLiteral {
  id: number;
  status: string;
  attempts: number;
  claimedBy: string | null;
}

export async function claimDueRows<T extends Claimable>(
  m: EntityManager,
  rows: SqlRows<T>,
  claim: { dueAt: keyof T & string; tag: string; limit: number; now: Date; leaseMs: number; takeFrom?: readonly string[] },
): Promise<T[]> {
  const { dueAt, tag, now } = claim;
  // Due, or held by a dead owner (its lease not run out yet).
  const dead = heldBy(rows.column('claimedBy'), claim.takeFrom ?? []);
  const takeable =
    dead.params.length > 0
      ? { sql: `(${rows.column(dueAt)} <= ? OR ${dead.sql})`, params: [rows.param(dueAt, now), ...dead.params] }
      : { sql: `${rows.column(dueAt)} <= ?`, params: [rows.param(dueAt, now)] };
  const due = await rows.select(
    m,
    `${rows.column('status')} = ? AND ${takeable.sql}`,
    ['pending', ...takeable.params],
    `ORDER BY ${rows.column('id')} ASC LIMIT ${Math.floor(claim.limit)}`,
  );
  if (due.length === 0) return [];
  const lease = new Date(now.getTime() + claim.leaseMs);
  const claimed = await rows.execute(
    m,
    `UPDATE ${rows.table} SET ${rows.column('claimedBy')} = ?, ${rows.column(dueAt)} = ?, ${rows.column('attempts')} = ${rows.column('attempts')} + 1 ` +
      `WHERE ${rows.column('id')} IN (${marks(due.length)}) AND ${rows.column('status')} = ? AND ${takeable.sql}`,
    [tag, rows.param(dueAt, lease), ...due.map((r) => r.id), 'pending', ...takeable.params],
  );
  if (claimed.affected === due.length) {
    return due.map((r) => ({ ...r, claimedBy: tag, [dueAt]: lease, attempts: Number(r.attempts) + 1 }));
  }
  return rows.select(m, `${rows.column('claimedBy')} = ? AND ${rows.column('status')} = ?`, [tag, 'pending'], `ORDER BY ${rows.column('id')} ASC`);
}
