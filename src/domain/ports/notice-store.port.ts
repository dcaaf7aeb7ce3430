/**
 * Notices (docs/domain.md §4): one row per (event, person), written in the transaction of the event that causes them
 * (or idempotently when an outbox event is handled), delivered later in one batch per event, retried with backoff,
 * dead after too many attempts. Skipped recipients are rows too, with the reason.
 */
export type NoticeStatus = 'pending' | 'sent' | 'skipped' | 'dead';

export interface NoticeDraft {
  eventKey: string;
  ticketId: number;
  ref: string;
  eventCode: string;
  personId: string;
  userId: string | null;
  locale: string | null;
  via: string;
  status: 'pending' | 'skipped';
  reason: string | null;
  title: string;
  body: string;
  createdAt: Date;
}

export interface Notice extends Omit<NoticeDraft, 'status'> {
  status: NoticeStatus;
  id: number;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

export interface NoticeWriter {
  /** Insert the drafts; a (eventKey, personId) pair already present is left alone. */
  addNotices(drafts: NoticeDraft[]): Promise<void>;
}

export interface NoticeStore extends NoticeWriter {
  /** Lease pending notices that are due (moves their next attempt to `now + leaseMs`), oldest first. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<Notice[]>;
  markSent(ids: number[], at: Date): Promise<void>;
  markFailed(id: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<void>;
  byTicket(ticketId: number): Promise<Notice[]>;
  dead(limit: number): Promise<Notice[]>;
  replay(id: number, now: Date): Promise<boolean>;
}
