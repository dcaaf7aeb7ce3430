/** NoticeStore on TypeORM. Inserts skip (eventKey, personId) pairs that exist: one notice per person per event. */
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
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

/** Insert drafts whose (eventKey, personId) is new, within `m` (a transaction or not). */
export async function insertNotices(m: EntityManager, drafts: NoticeDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const keys = [...new Set(drafts.map((d) => d.eventKey))];
  const existing = await m.find(NoticeRecord, { where: { eventKey: In(keys) }, select: { eventKey: true, personId: true } });
  const have = new Set(existing.map((e) => `${e.eventKey}\u0000${e.personId}`));
  const fresh: NoticeDraft[] = [];
  for (const d of drafts) {
    const k = `${d.eventKey}\u0000${d.personId}`;
    if (have.has(k)) continue;
    have.add(k);
    fresh.push(d);
  }
  if (fresh.length === 0) return 0;
  await m.insert(
    NoticeRecord,
    fresh.map((d) => ({
      ...d,
      title: d.title.slice(0, 255),
      attempts: 0,
      nextAttemptAt: d.createdAt,
      lastError: null,
      sentAt: null,
    })),
  );
  return fresh.length;
}

export class TypeormNoticeStore implements NoticeStore {
  constructor(private readonly gate: Gate) {}

  addNotices(drafts: NoticeDraft[]): Promise<number> {
    return this.gate.tx((m) => insertNotices(m, drafts));
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Notice[]> {
    return this.gate.run(async (m) => {
      const due = await m.find(NoticeRecord, {
        where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
        order: { id: 'ASC' },
        take: limit,
      });
      if (due.length === 0) return [];
      const lease = new Date(now.getTime() + leaseMs);
      const got: Notice[] = [];
      // Guarded per row: only the process whose update matched the old lease time takes it.
      for (const r of due) {
        const res = await m.update(
          NoticeRecord,
          { id: r.id, status: 'pending', nextAttemptAt: r.nextAttemptAt },
          { nextAttemptAt: lease, attempts: Number(r.attempts) + 1 },
        );
        if ((res.affected ?? 0) === 1) got.push(toNotice({ ...r, nextAttemptAt: lease, attempts: Number(r.attempts) + 1 }));
      }
      return got;
    });
  }

  async markSent(ids: number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.gate.run((m) => m.update(NoticeRecord, { id: In(ids), status: 'pending' }, { status: 'sent', sentAt: at, lastError: null }));
  }

  async markFailed(id: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    await this.gate.run((m) =>
      m.update(NoticeRecord, { id, status: 'pending' }, { status: dead ? 'dead' : 'pending', nextAttemptAt, lastError: error.slice(0, 4000) }),
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
      m.update(NoticeRecord, { id, status: 'dead' }, { status: 'pending', nextAttemptAt: now, attempts: 0, lastError: null }),
    );
    return (res.affected ?? 0) === 1;
  }
}
