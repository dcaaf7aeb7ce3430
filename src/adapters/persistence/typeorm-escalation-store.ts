/** EscalationStore on TypeORM: thresholds rows in the same transaction as the ticket change they cause. */
import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, MoreThanOrEqual, Not, type EntityManager } from 'typeorm';
import type {
  AssigneePart,
  EscalationStore,
  EscalationTx,
  ThresholdRow,
  ThresholdStatus,
} from '../../domain/ports/escalation-store.port';
import type { NoticeDraft } from '../../domain/ports/notice-store.port';
import type { Gate } from './gate';
import { isDuplicateKey } from './duplicate-key';
import { insertNotices } from './typeorm-notice-store';
import { heldBy, type OwnerLiveness } from './process-registry';
import { ThresholdRecord } from './records/threshold.record';
import { SqlRows } from './sql-rows';
import { ticketWriters, Tx, type Writers } from './typeorm-ticket-store';

type Key = Pick<ThresholdRow, 'ticketId' | 'level' | 'deadlineVersion'>;

function toRow(r: ThresholdRecord): ThresholdRow {
  return {
    ticketId: Number(r.ticketId),
    level: r.level,
    deadlineVersion: Number(r.deadlineVersion),
    thresholdSeconds: Number(r.thresholdSeconds),
    dueAt: new Date(r.dueAt),
    status: r.status as ThresholdStatus,
    firedAt: r.firedAt ? new Date(r.firedAt) : null,
    latenessMs: r.latenessMs === null ? null : Number(r.latenessMs),
    assigneePart: r.assigneePart as AssigneePart,
  };
}

const where = (k: Key) => ({ ticketId: k.ticketId, level: k.level, deadlineVersion: k.deadlineVersion });

class EscTx extends Tx implements EscalationTx {
  constructor(m: EntityManager, w: Writers) {
    super(m, w);
  }

  async thresholds(ticketId: number): Promise<ThresholdRow[]> {
    return (await this.m.find(ThresholdRecord, { where: { ticketId } })).map(toRow);
  }

  async arm(rows: ThresholdRow[]): Promise<ThresholdRow[]> {
    if (rows.length === 0) return [];
    // One statement in the usual case. A key already taken (another planner got there first) fails that
    // statement alone, and the rows are then inserted one by one, keeping those whose key was free.
    try {
      await this.w.thresholds.insertMany(this.m, rows);
      return rows;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const fresh: ThresholdRow[] = [];
    for (const r of rows) {
      try {
        await this.w.thresholds.insert(this.m, r);
        fresh.push(r);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    return fresh;
  }

  async cancelOtherVersions(ticketId: number, current: number): Promise<ThresholdRow[]> {
    const rows = await this.m.find(ThresholdRecord, { where: { ticketId, status: 'armed', deadlineVersion: Not(current) } });
    if (rows.length) {
      await this.m.update(
        ThresholdRecord,
        { ticketId, status: 'armed', deadlineVersion: In(rows.map((r) => r.deadlineVersion)) },
        { status: 'cancelled' },
      );
    }
    return rows.map(toRow);
  }

  async markFired(k: Key, firedAt: Date, latenessMs: number, assigneePart: AssigneePart): Promise<boolean> {
    const res = await this.m.update(ThresholdRecord, { ...where(k), status: 'armed' }, { status: 'fired', firedAt, latenessMs, assigneePart });
    return (res.affected ?? 0) === 1;
  }

  async markStale(k: Key): Promise<boolean> {
    const res = await this.m.update(ThresholdRecord, { ...where(k), status: 'armed' }, { status: 'stale' });
    return (res.affected ?? 0) === 1;
  }

  addNotices(drafts: NoticeDraft[]): Promise<void> {
    return insertNotices(this.m, this.w.notices, drafts);
  }

  async setAssigneePart(k: Key, part: AssigneePart): Promise<void> {
    await this.m.update(ThresholdRecord, where(k), { assigneePart: part });
  }
}

export class TypeormEscalationStore implements EscalationStore {
  private readonly w: Writers;
  private readonly rows: SqlRows<ThresholdRecord>;

  constructor(
    private readonly gate: Gate,
    /** Which owners are dead (their reconciler claims are taken before they run out); unset: the expiry alone. */
    private readonly liveness?: OwnerLiveness,
  ) {
    this.w = ticketWriters(gate);
    this.rows = new SqlRows(gate.ds, ThresholdRecord);
  }

  /**
   * Read the claimable due rows, claim them by one guarded UPDATE under a tag of this claim, and read back by tag
   * the rows it got (all of them, unless another reconciler took some meanwhile).
   */
  async claimDue(owner: string, now: Date, limit: number, leaseMs: number): Promise<ThresholdRow[]> {
    const r = this.rows;
    const c = (p: keyof ThresholdRecord & string) => r.column(p);
    const dead = heldBy(c('claimedBy'), (await this.liveness?.deadOwners()) ?? []);
    const free = `(${c('claimUntil')} IS NULL OR ${c('claimUntil')} <= ?${dead.params.length > 0 ? ` OR ${dead.sql}` : ''})`;
    const takeable = {
      sql: `${c('status')} = ? AND ${c('dueAt')} <= ? AND ${free}`,
      params: ['armed', r.param('dueAt', now), r.param('claimUntil', now), ...dead.params],
    };
    const tag = `${owner}#${randomUUID()}`.slice(0, 96);
    const claimOnce = (m: EntityManager) => async (): Promise<'none' | 'lost' | 'got'> => {
      const due = await r.selectSome(m, ['ticketId', 'level', 'deadlineVersion'], takeable.sql, takeable.params, `ORDER BY ${c('dueAt')} ASC LIMIT ${Math.floor(limit)}`);
      if (due.length === 0) return 'none';
      const keys = due.map(() => `(${c('ticketId')} = ? AND ${c('level')} = ? AND ${c('deadlineVersion')} = ?)`).join(' OR ');
      const n = await r.updateWhere(m, { claimedBy: tag, claimUntil: new Date(now.getTime() + leaseMs) }, `(${keys}) AND ${takeable.sql}`, [
        ...due.flatMap((k) => [k.ticketId, k.level, k.deadlineVersion]),
        ...takeable.params,
      ]);
      return n > 0 ? 'got' : 'lost';
    };
    return this.gate.run(async (m) => {
      // Another reconciler that read the same rows first takes them all: read again (the next rows), a few times.
      for (let i = 0; i < 3 && (await claimOnce(m)()) === 'lost'; i++);
      const got = await r.select(m, `${c('claimedBy')} = ? AND ${c('status')} = ?`, [tag, 'armed'], `ORDER BY ${c('dueAt')} ASC`);
      return got.map(toRow);
    });
  }

  transaction<T>(work: (tx: EscalationTx) => Promise<T>): Promise<T> {
    return this.gate.tx((m) => work(new EscTx(m, this.w)));
  }

  autocommit<T>(work: (tx: EscalationTx) => Promise<T>): Promise<T> {
    return this.gate.run((m) => work(new EscTx(m, this.w)));
  }

  async due(now: Date, limit: number): Promise<ThresholdRow[]> {
    const rows = await this.gate.run((m) =>
      m.find(ThresholdRecord, { where: { status: 'armed', dueAt: LessThanOrEqual(now) }, order: { dueAt: 'ASC' }, take: limit }),
    );
    return rows.map(toRow);
  }

  async thresholds(ticketId: number): Promise<ThresholdRow[]> {
    return (await this.gate.run((m) => m.find(ThresholdRecord, { where: { ticketId } }))).map(toRow);
  }

  async worstLateness(since: Date): Promise<number | null> {
    const row = (await this.gate.run((m) =>
      m
        .getRepository(ThresholdRecord)
        .createQueryBuilder('t')
        .select('MAX(t.latenessMs)', 'worst')
        .where({ status: 'fired', firedAt: MoreThanOrEqual(since) })
        .getRawOne(),
    )) as { worst: number | string | null } | undefined;
    return row?.worst === null || row?.worst === undefined ? null : Number(row.worst);
  }
}
