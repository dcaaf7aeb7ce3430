/**
 * The inbox: every incoming chat message and card callback is stored here, keyed by its DingTalk message id,
 * BEFORE it is acknowledged (DingTalk does not redeliver robot messages). A second delivery of the same id is
 * acknowledged again but has no effect. Rows stay long enough to outlive DingTalk's re-push window and restarts.
 */
export type InboxKind = 'message' | 'card';

export interface InboxEntry {
  id: string;
  kind: InboxKind;
  /** The parsed, normalised payload as JSON text (never the sessionWebhook URL in logs). */
  payload: string;
  receivedAt: Date;
  attempts: number;
}

export interface InboxStore {
  /** Store the entry unless its id is already known. true = new (process it); false = duplicate. */
  put(entry: { id: string; kind: InboxKind; payload: string; receivedAt: Date }): Promise<boolean>;
  /** Mark processed (with an optional outcome code for audits). */
  markDone(id: string, at: Date, outcome?: string): Promise<void>;
  /** Record a failed attempt; the sweep retries it later. */
  markFailed(id: string, at: Date, error: string): Promise<void>;
  /** Unprocessed entries received before `olderThan`, oldest first (start-up pick-up and the sweep). */
  pending(olderThan: Date, limit: number): Promise<InboxEntry[]>;
  /** Delete processed rows older than `before` (retention). */
  purge(before: Date): Promise<number>;
}
