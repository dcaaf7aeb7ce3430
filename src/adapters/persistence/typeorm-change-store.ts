/** ChangeStore on TypeORM (MySQL/MariaDB or SQLite): guarded updates check `version`; clock rows fire once. */
import type { EntityManager } from 'typeorm';
import type { Change, ChangeState, ChangeStep } from '../../domain/changes/change';
import type { ChangeStore, ChangeThreshold, ChangeTx } from '../../domain/ports/change-store.port';
import type { NoticeDraft } from '../../domain/ports/notice-store.port';
import type { TicketEvent } from '../../domain/tickets/events';
import type { Gate } from './gate';
import { ChangeRecord, ChangeThresholdRecord } from './records/change.record';
import { NoticeRecord } from './records/notice.record';
import { OutboxRecord } from './records/outbox.record';
import { insertNotices } from './typeorm-notice-store';
import { SqlRows } from './sql-rows';
import { RefNumberRecord } from './records/ref-number.record';
import { nextRefNumber, refNumbers } from './ref-numbers';

interface StoredStep extends Omit<ChangeStep, 'at' | 'startedAt'> {
  at: string | null;
  startedAt: string | null;
}

function toRecord(c: Change): Partial<ChangeRecord> {
  const steps: StoredStep[] = c.steps.map((s) => ({ ...s, at: s.at?.toISOString() ?? null, startedAt: s.startedAt?.toISOString() ?? null }));
  return {
    template: c.template,
    title: c.title,
    description: c.description,
    requester: c.requester,
    problems: JSON.stringify(c.problems),
    incidents: JSON.stringify(c.incidents),
    plannedStart: c.plannedStart,
    plannedEnd: c.plannedEnd,
    status: c.status,
    currentStep: c.current,
    steps: JSON.stringify(steps),
    returnReason: c.returnReason,
    rollbackNote: c.rollbackNote,
    createdAt: c.createdAt,
    lastUpdate: c.lastUpdate,
  };
}

function fromRecord(r: ChangeRecord): Change {
  const steps = (JSON.parse(r.steps) as StoredStep[]).map((s) => ({
    ...s,
    at: s.at ? new Date(s.at) : null,
    startedAt: s.startedAt ? new Date(s.startedAt) : null,
  }));
  return {
    id: r.id,
    template: r.template,
    title: r.title,
    description: r.description,
    requester: r.requester,
    problems: JSON.parse(r.problems) as number[],
    incidents: JSON.parse(r.incidents) as number[],
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    status: r.status as ChangeState,
    current: r.currentStep,
    steps,
    returnReason: r.returnReason,
    rollbackNote: r.rollbackNote,
    createdAt: r.createdAt,
    lastUpdate: r.lastUpdate,
    version: r.version,
  };
}

const fromThreshold = (r: ChangeThresholdRecord): ChangeThreshold => ({
  changeId: r.changeId,
  step: r.step,
  round: r.round,
  level: r.level,
  dueAt: r.dueAt,
  status: r.status as ChangeThreshold['status'],
  firedAt: r.firedAt,
});

interface Writers {
  notices: SqlRows<NoticeRecord>;
  outbox: SqlRows<OutboxRecord>;
  refs: SqlRows<RefNumberRecord>;
}

async function markFiredOn(m: EntityManager, row: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>, at: Date): Promise<boolean> {
  const r = await m
    .createQueryBuilder()
    .update(ChangeThresholdRecord)
    .set({ status: 'fired', firedAt: at })
    .where('change_id = :c AND step = :s AND round = :r AND level = :l AND status = :armed', {
      c: row.changeId,
      s: row.step,
      r: row.round,
      l: row.level,
      armed: 'armed',
    })
    .execute();
  return (r.affected ?? 0) === 1;
}

function txOn(m: EntityManager, w?: Writers): ChangeTx {
  const writers = (): Writers => {
    if (!w) throw new Error('change store: writes need a transaction');
    return w;
  };
  return {
    async insert(c) {
      // Its number from the sequence shared with R-/I-/P- (docs/changes.md §2), in the change's transaction.
      const id = await nextRefNumber(m, writers().refs, 'C');
      await m.getRepository(ChangeRecord).insert({ ...toRecord(c), id, version: 1 });
      return id;
    },
    async update(c, expectedVersion) {
      const r = await m
        .createQueryBuilder()
        .update(ChangeRecord)
        .set({ ...toRecord(c), version: expectedVersion + 1 })
        .where('id = :id AND version = :v', { id: c.id, v: expectedVersion })
        .execute();
      return (r.affected ?? 0) === 1;
    },
    async get(id) {
      const r = await m.getRepository(ChangeRecord).findOneBy({ id });
      return r ? fromRecord(r) : null;
    },
    async arm(rows) {
      const repo = m.getRepository(ChangeThresholdRecord);
      for (const row of rows) {
        const exists = await repo.findOneBy({ changeId: row.changeId, step: row.step, round: row.round, level: row.level });
        if (!exists) await repo.insert({ ...row });
      }
    },
    async cancelArmed(changeId) {
      await m.getRepository(ChangeThresholdRecord).update({ changeId, status: 'armed' }, { status: 'cancelled' });
    },
    async appendOutbox(events: readonly TicketEvent[]) {
      if (events.length === 0) return;
      const rows = events.map((e) => ({
        ticketId: e.ticketId,
        ref: e.ref,
        type: e.type,
        actor: e.actor,
        entryPoint: e.entryPoint,
        at: e.at,
        data: JSON.stringify(e.data),
        status: 'pending',
        attempts: 0,
        availableAt: e.at,
        claimedBy: null,
        lastError: null,
        processedAt: null,
      }));
      await writers().outbox.insertMany(m, rows);
    },
    markFired(row, at) {
      return markFiredOn(m, row, at);
    },
    async addNotices(drafts: NoticeDraft[]) {
      if (drafts.length) await insertNotices(m, writers().notices, drafts);
    },
  };
}

export class TypeormChangeStore implements ChangeStore {
  private readonly w: Writers;

  constructor(private readonly gate: Gate) {
    this.w = { notices: new SqlRows(gate.ds, NoticeRecord), outbox: new SqlRows(gate.ds, OutboxRecord), refs: refNumbers(gate.ds) };
  }

  transaction<T>(work: (tx: ChangeTx) => Promise<T>): Promise<T> {
    return this.gate.tx((m) => work(txOn(m, this.w)));
  }

  get(id: number): Promise<Change | null> {
    return this.gate.run((m) => txOn(m).get(id));
  }

  list(q: { requester?: string; states?: readonly string[]; limit?: number }): Promise<Change[]> {
    return this.gate.run(async (m) => {
      const qb = m.getRepository(ChangeRecord).createQueryBuilder('c').orderBy('c.id', 'DESC');
      if (q.requester) qb.andWhere('c.requester = :r', { r: q.requester });
      if (q.states) qb.andWhere(q.states.length ? 'c.status IN (:...s)' : '1 = 0', { s: q.states });
      if (q.limit) qb.limit(q.limit);
      return (await qb.getMany()).map(fromRecord);
    });
  }

  due(now: Date, limit: number): Promise<ChangeThreshold[]> {
    return this.gate.run(async (m) => {
      // The dialect's own form of the instant (SQLite stores text): as the column would be written.
      const column = m.connection.getMetadata(ChangeThresholdRecord).findColumnWithPropertyName('dueAt')!;
      const at: unknown = m.connection.driver.preparePersistentValue(now, column);
      return (
        await m
          .getRepository(ChangeThresholdRecord)
          .createQueryBuilder('t')
          .where('t.status = :s AND t.due_at <= :now', { s: 'armed', now: at })
          .orderBy('t.due_at', 'ASC')
          .limit(limit)
          .getMany()
      ).map(fromThreshold);
    });
  }

  thresholds(changeId: number): Promise<ChangeThreshold[]> {
    return this.gate.run(async (m) => (await m.getRepository(ChangeThresholdRecord).findBy({ changeId })).map(fromThreshold));
  }

  markFired(row: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>, at: Date): Promise<boolean> {
    return this.gate.run((m) => markFiredOn(m, row, at));
  }
}
