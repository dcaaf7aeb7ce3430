import { INBOX_LEASE_MS, INBOX_MAX_ATTEMPTS, type InboxEntry, type InboxKind, type InboxStatus, type InboxStore } from '../../../src/domain/ports/inbox.port';

interface Row extends InboxEntry {
  doneAt: Date | null;
  leaseUntil: number;
  dead?: boolean;
  outcome?: string;
  lastError?: string;
}

/**
 * InboxStore in process memory, for tests. Not durable: a restart forgets every id (the persistent store is the
 * production one).
 */
export class InMemoryInboxStore implements InboxStore {
  private readonly rows = new Map<string, Row>();

  async put(entry: { id: string; kind: InboxKind; payload: string; receivedAt: Date }): Promise<boolean> {
    if (this.rows.has(entry.id)) return false;
    this.rows.set(entry.id, { ...entry, attempts: 0, doneAt: null, leaseUntil: entry.receivedAt.getTime() + INBOX_LEASE_MS });
    return true;
  }

  async markDone(id: string, at: Date, outcome?: string): Promise<void> {
    const row = this.rows.get(id);
    if (row) Object.assign(row, { doneAt: at, outcome, attempts: row.attempts + 1 });
  }

  async markFailed(id: string, at: Date, error: string): Promise<void> {
    const row = this.rows.get(id);
    if (!row) return;
    const attempts = row.attempts + 1;
    Object.assign(row, {
      lastError: error,
      attempts,
      dead: attempts >= INBOX_MAX_ATTEMPTS,
      leaseUntil: at.getTime() + Math.min(300_000, 5000 * 2 ** (attempts - 1)),
    });
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.doneAt !== null || row.dead || row.leaseUntil > now.getTime()) return false;
    row.leaseUntil = now.getTime() + leaseMs;
    return true;
  }

  async pending(now: Date, limit: number): Promise<InboxEntry[]> {
    return [...this.rows.values()]
      .filter((r) => r.doneAt === null && !r.dead && r.leaseUntil <= now.getTime())
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
      .slice(0, limit)
      .map(({ id, kind, payload, receivedAt, attempts }) => ({ id, kind, payload, receivedAt, attempts }));
  }

  async entry(id: string): Promise<(InboxEntry & { status: InboxStatus }) | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    const status: InboxStatus = row.doneAt !== null ? 'done' : row.dead ? 'dead' : 'pending';
    return { id: row.id, kind: row.kind, payload: row.payload, receivedAt: row.receivedAt, attempts: row.attempts, status };
  }

  async purge(before: Date): Promise<number> {
    let n = 0;
    for (const [id, row] of this.rows) {
      if (row.doneAt !== null && row.doneAt < before) {
        this.rows.delete(id);
        n++;
      }
    }
    return n;
  }

  /** Test helper: the stored row (done/failed state included). */
  get(id: string): (InboxEntry & { doneAt: Date | null; outcome?: string; lastError?: string }) | undefined {
    const row = this.rows.get(id);
    return row ? { ...row } : undefined;
  }

  size(): number {
    return this.rows.size;
  }
}
