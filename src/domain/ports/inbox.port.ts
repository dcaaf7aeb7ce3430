/**
 * The inbox: every incoming chat message and card callback is stored here, keyed by its DingTalk message id,
 * BEFORE it is acknowledged (DingTalk does not redeliver robot messages). A second delivery of the same id is
 * acknowledged again but has no effect. Rows stay long enough to outlive DingTalk's re-push window and restarts.
 */
/** `staff`: a DingTalk address-book event (docs/domain.md §6.2). */
export type InboxKind = 'message' | 'card' | 'staff';
/** pending: not yet handled (or due for a retry); done: it had its effect; dead: given up after the last attempt. */
export type InboxStatus = 'pending' | 'done' | 'dead';

export interface InboxEntry {
  id: string;
  kind: InboxKind;
  /** The parsed, normalised payload as JSON text (never the sessionWebhook URL in logs); '' once trimmed. */
  payload: string;
  receivedAt: Date;
  attempts: number;
}

/** How long the receiving process owns a new entry before the sweep may take it over (it died meanwhile). */
export const INBOX_LEASE_MS = 60_000;
/** After this many failed attempts an entry is given up (status `dead`, kept for the record). */
export const INBOX_MAX_ATTEMPTS = 8;
/**
 * A done row's payload is kept this long after it was handled (the replay CLI's window), then trimmed to '' by
 * retention: dedupe needs only the id. Dead rows keep theirs (they are what one replays after a fix) until the row
 * itself is purged (`RETENTION_DAYS`).
 */
export const INBOX_PAYLOAD_KEEP_MS = 86_400_000;

export interface InboxStore {
  /**
   * Store the entry unless its id is already known. true = new (process it); false = duplicate. The receiving
   * process holds it for `INBOX_LEASE_MS`: the sweep of another process never runs it while it is in progress.
   */
  put(entry: { id: string; kind: InboxKind; payload: string; receivedAt: Date }): Promise<boolean>;
  /** Mark processed (with an optional outcome code for audits). */
  markDone(id: string, at: Date, outcome?: string): Promise<void>;
  /** Record a failed attempt; the sweep retries it after a growing pause, and gives up after the last attempt. */
  markFailed(id: string, at: Date, error: string): Promise<void>;
  /** Unprocessed entries whose hold has expired at `now` (a crash, or a retry that is due), oldest first. */
  pending(now: Date, limit: number): Promise<InboxEntry[]>;
  /** Take over an entry returned by `pending` for `leaseMs`; false when another process took it first. */
  claim(id: string, now: Date, leaseMs: number): Promise<boolean>;
  /** One stored entry and its state (the replay CLI), or null. */
  entry(id: string): Promise<(InboxEntry & { status: InboxStatus }) | null>;
  /** Delete processed rows older than `before` (retention). */
  purge(before: Date): Promise<number>;
}
