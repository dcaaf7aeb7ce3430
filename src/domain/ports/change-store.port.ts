/**
 * Persistence of changes (docs/changes.md §2) and of their step clocks (§4). One `transaction()` = one database
 * transaction: the change and its clock rows commit together or not at all.
 */
import type { Change, ChangeThreshold } from '../changes/change';
import type { TicketEvent } from '../tickets/events';
import type { NoticeDraft } from './notice-store.port';

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
  /** The change's events on the outbox (`change-outbox.ts`), committed with it. */
  appendOutbox(events: readonly TicketEvent[]): Promise<void>;
  /** armed → fired, guarded: true for exactly one caller. */
  markFired(row: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>, at: Date): Promise<boolean>;
  /** Notice rows (delivered and retried by the notice deliverer); an (eventKey, person) already present is left. */
  addNotices(drafts: NoticeDraft[]): Promise<void>;
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
