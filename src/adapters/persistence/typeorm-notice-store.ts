/** NoticeStore on TypeORM. Inserts skip (eventKey, personId) pairs that exist: one notice per person per event. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { claimDueRows } from './lease-claim';
import type { OwnerLeases } from './process-registry';
import { marks, SqlRows } from './sql-rows';
import type { Notice, NoticeDraft, NoticeStore, NoticeStatus } from '../../domain/ports/notice-store.port';
import type { Gate } from './gate';
import { NoticeRecord } from './records/notice.record';

function toNotice(r: NoticeRecord): Notice {
  return {
    id: Number(r.id),
    eventKey: r.eventKey,
    ticketId: Number(r.ticketId),
    ref: r.ref,
    eventCode: r.eventCode,
    personId: r.personId,
    userId: r.userId,
    locale: r.locale,
    via: r.via,
    status: r.status as NoticeStatus as 'pending' | 'skipped',
    reason: r.reason,
    title: r.title,
    body: r.body,
    createdAt: new Date(r.createdAt),
    attempts: Number(r.attempts),
    nextAttemptAt: new Date(r.nextAttemptAt),
    lastError: r.lastError,
    sentAt: r.sentAt ? new Date(r.sentAt) : null,
  };
}

/**
 * Insert the drafts in one statement; a (eventKey, personId) pair already stored is left alone by the unique key
 * `uq_notices_event_person` (and a pair repeated within `drafts` is written once), within `m` (a transaction or not).
 */
export async function insertNotices(m: EntityManager, rows: SqlRows<NoticeRecord>, drafts: NoticeDraft[]): Promise<void> {
  const seen = new Set<string>();
  const fresh = drafts.filter((d) => {
    const k = `${d.eventKey}\u0000${d.personId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  await rows.insertMany(
    m,
    fresh.map((d) => ({ ...d, title: d.title.slice(0, 255), attempts: 0, nextAttemptAt: d.createdAt, claimedBy: null, lastError: null, sentAt: null })),
    { ignoreDuplicates: true },
  );
}

export class TypeormNoticeStore implements NoticeStore {
  private readonly rows = new SqlRows(this.gate.ds, NoticeRecord);

  constructor(
    private readonly gate: Gate,
    private readonly leases: OwnerLeases = {},
  ) {}

  async addNotices(drafts: NoticeDraft[]): Promise<void> {
    await this.gate.tx((m) => insertNotices(m, this.rows, drafts));
  }

  /** Due notices (or a dead owner's), leased to this claim (`claimDueRows`: `next_attempt_at` holds the lease's end). */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Notice[]> {
    const tag = this.leases.owner ? `${this.leases.owner}#${randomUUID()}`.slice(0, 96) : randomUUID();
    const takeFrom = (await this.leases.liveness?.deadOwners()) ?? [];
    const got = await this.gate.run((m) => claimDueRows(m, this.rows, { dueAt: 'nextAttemptAt', tag, limit, now, leaseMs, takeFrom }));
    return got.map(toNotice);
  }

  async markSent(ids: number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    const n = this.rows;
    const where = `${n.column('id')} IN (${marks(ids.length)}) AND ${n.column('status')} = ?`;
    await this.gate.run((m) => n.updateWhere(m, { status: 'sent', sentAt: at, lastError: null }, where, [...ids, 'pending']));
  }

  async markFailed(id: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    await this.gate.run((m) =>
      // Released (no owner): a retry waits for its time even if the process that tried dies.
      m.update(NoticeRecord, { id, status: 'pending' }, { status: dead ? 'dead' : 'pending', nextAttemptAt, claimedBy: null, lastError: error.slice(0, 4000) }),
    );
  }

  async byTicket(ticketId: number): Promise<Notice[]> {
    return (await this.gate.run((m) => m.find(NoticeRecord, { where: { ticketId }, order: { id: 'ASC' } }))).map(toNotice);
  }

  async dead(limit: number): Promise<Notice[]> {
    return (await this.gate.run((m) => m.find(NoticeRecord, { where: { status: 'dead' }, order: { id: 'ASC' }, take: limit }))).map(toNotice);
  }

  async replay(id: number, now: Date): Promise<boolean> {
    const res = await this.gate.run((m) =>
      m.update(NoticeRecord, { id, status: 'dead' }, { status: 'pending', nextAttemptAt: now, attempts: 0, claimedBy: null, lastError: null }),
    );
    return (res.affected ?? 0) === 1;
  }
}
