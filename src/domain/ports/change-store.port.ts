/**
 * Persistence of changes (docs/changes.md §2) and of their step clocks (§4). One `transaction()` = one database
 * transaction: the change and its clock rows commit together or not at all.
 */
import type { Change, ChangeThreshold } from '../changes/change';

export type { ChangeThreshold } from '../changes/change';


export interface ChangeTx {
  /** Insert a new change; returns its id. */
  insert(change: Change): Promise<number>;
  /** Guarded update: writes only if the stored version is `expectedVersion`; bumps it. false = lost the race. */
  update(change: Change, expectedVersion: number): Promise<boolean>;
  get(id: number): Promise<Change | null>;
  /** Insert threshold rows (existing keys are left alone). */
  arm(rows: readonly ChangeThreshold[]): Promise<void>;
  /** Cancel every armed row of the change. */
  cancelArmed(changeId: number): Promise<void>;
}

export interface ChangeStore {
  transaction<T>(work: (tx: ChangeTx) => Promise<T>): Promise<T>;
  get(id: number): Promise<Change | null>;
  /** Newest first. */
  list(query: { requester?: string; states?: readonly string[]; limit?: number }): Promise<Change[]>;
  /** Armed rows due at or before `now`, oldest first. */
  due(now: Date, limit: number): Promise<ChangeThreshold[]>;
  thresholds(changeId: number): Promise<ChangeThreshold[]>;
  /** armed → fired, guarded: true for exactly one caller. */
  markFired(row: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>, at: Date): Promise<boolean>;
}
