/**
 * The outbox read side: events committed with their ticket change, handed to consumers (escalation scheduling,
 * trigger-table notices) at least once. A claimed row is leased; if its process dies, the lease expires and
 * another process (or the restarted one) takes it. Consumers must be idempotent.
 */
import type { TicketEvent } from '../tickets/events';

/** How long a claimed row is its process's before another may take it (the dispatcher's default lease). */
export const OUTBOX_LEASE_MS = 5_000;

export interface OutboxRecord {
  id: number;
  event: TicketEvent;
  attempts: number;
  /** An own event (written leased to its writer): when that lease ends and any process may take it. */
  leasedUntil?: Date;
}

export interface OutboxStore {
  /** Lease up to `limit` due rows for `leaseMs` to `owner`, oldest first. */
  claim(owner: string, limit: number, now: Date, leaseMs: number): Promise<OutboxRecord[]>;
  /** The rows handled (one statement for a whole batch). */
  markDone(ids: number[], owner: string, now: Date): Promise<void>;
  /** Give the row back for a later attempt at `retryAt`; after too many attempts the dispatcher marks it dead. */
  markFailed(id: number, owner: string, error: string, retryAt: Date, dead: boolean): Promise<void>;
  /** Counts per status (for health and admin). */
  stats(): Promise<Record<string, number>>;
  /** Dead rows (dead letters) for administrators; `replay` makes them pending again. */
  dead(limit: number): Promise<OutboxRecord[]>;
  replay(id: number, now: Date): Promise<boolean>;
}
