/**
 * Persistence of escalation thresholds: one row per (ticket, level, deadline version), armed when planned and
 * flipped to `fired` by exactly one process (a guarded update) in the same transaction as the ticket change and
 * its outbox event. The reconciler reads due armed rows from here, so a flushed Redis loses nothing.
 */
import type { NoticeWriter } from './notice-store.port';
import type { TicketTx } from './ticket-store.port';

export type ThresholdStatus = 'armed' | 'fired' | 'cancelled' | 'stale';
/** For TTR levels reached before assignment: the assignee-based recipients are told at the first assignment. */
export type AssigneePart = 'none' | 'pending' | 'done';

export interface ThresholdRow {
  ticketId: number;
  level: string;
  deadlineVersion: number;
  thresholdSeconds: number;
  dueAt: Date;
  status: ThresholdStatus;
  firedAt: Date | null;
  latenessMs: number | null;
  assigneePart: AssigneePart;
}

export interface EscalationTx extends TicketTx, NoticeWriter {
  thresholds(ticketId: number): Promise<ThresholdRow[]>;
  /** Insert rows that do not exist yet (same key → left alone); returns the rows inserted. */
  arm(rows: ThresholdRow[]): Promise<ThresholdRow[]>;
  /** Armed rows of the ticket whose version is not `current` become cancelled; returns them. */
  cancelOtherVersions(ticketId: number, current: number): Promise<ThresholdRow[]>;
  /** armed → fired, only if still armed. false = somebody else fired (or cancelled) it. */
  markFired(row: Pick<ThresholdRow, 'ticketId' | 'level' | 'deadlineVersion'>, firedAt: Date, latenessMs: number, assigneePart: AssigneePart): Promise<boolean>;
  /** armed → stale (re-checked and no longer applicable). */
  markStale(row: Pick<ThresholdRow, 'ticketId' | 'level' | 'deadlineVersion'>): Promise<boolean>;
  setAssigneePart(row: Pick<ThresholdRow, 'ticketId' | 'level' | 'deadlineVersion'>, part: AssigneePart): Promise<void>;
}

export interface EscalationStore {
  transaction<T>(work: (tx: EscalationTx) => Promise<T>): Promise<T>;
  /**
   * The same operations, each statement committed on its own (no START/COMMIT round trips): only for work whose
   * every write is idempotent and may stand without the others when the work is interrupted and done again (a new
   * ticket's first thresholds and its notices, docs/stack.md "Hot-path costs found by profiling").
   */
  autocommit<T>(work: (tx: EscalationTx) => Promise<T>): Promise<T>;
  /** Armed rows due at or before `now`, oldest first. */
  due(now: Date, limit: number): Promise<ThresholdRow[]>;
  /**
   * The reconciler's share: armed rows due at or before `now`, oldest first, that no other process has claimed
   * (or whose claim ran out, or whose claimer's heartbeat stopped), claimed by `owner` for `leaseMs` so that
   * several reconcilers split the overdue rows instead of each trying them all. A claim never replaces the
   * armed → fired guard; it only keeps the others away.
   */
  claimDue(owner: string, now: Date, limit: number, leaseMs: number): Promise<ThresholdRow[]>;
  thresholds(ticketId: number): Promise<ThresholdRow[]>;
  /** Worst lateness (ms) of firings since `since`; null when none. */
  worstLateness(since: Date): Promise<number | null>;
}
