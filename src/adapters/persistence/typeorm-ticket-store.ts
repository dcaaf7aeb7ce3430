/** TicketStore on TypeORM (MySQL/MariaDB or SQLite). Guarded updates check `version` and read `affected`. */
import type { EntityManager } from 'typeorm';
import type { Demand } from '../../domain/demands/demand';
import { DemandRecord } from './records/demand.record';
import { DemandVoteRecord } from './records/demand-vote.record';
import { toDemand } from './typeorm-demand-store';
import type { Gate } from './gate';
import type { Clock } from '../../domain/ports/clock.port';
import type { OutboxRecord as OutboxItem } from '../../domain/ports/outbox.port';
import { marks, SqlRows } from './sql-rows';
import type { HistoryRow, TicketQuery, TicketStore, TicketSummary, TicketTx } from '../../domain/ports/ticket-store.port';
import type { TicketEvent } from '../../domain/tickets/events';
import type { FieldChange } from '../../domain/tickets/lifecycle';
import type { EntryPoint, LogEntry, Ticket } from '../../domain/tickets/ticket';
import { fromSummaryRecord, fromTicketRecord, SUMMARY_COLUMNS, toTicketRecord } from './ticket.mapper';
import { isDuplicateKey } from './duplicate-key';
import { MessageAlreadyFiled } from '../../domain/tickets/source-message';
import { OutboxRecord } from './records/outbox.record';
import { TicketHistoryRecord } from './records/ticket-history.record';
import { TicketLogRecord } from './records/ticket-log.record';
import { NoticeRecord } from './records/notice.record';
import { ThresholdRecord } from './records/threshold.record';
import { TicketRecord } from './records/ticket.record';
import { AttachmentRecord } from './records/attachment.record';
import { attachmentRow } from './typeorm-attachment-store';
import { AttachmentAlreadyStored } from '../../domain/ports/attachment-store.port';
import type { NewAttachment } from '../../domain/attachments/attachment';
import { RefNumberRecord } from './records/ref-number.record';
import { refNumbers, type RefKind } from './ref-numbers';

/** The WHERE clause (and its parameters) of a ticket query, on the prepared `tickets` statements. */
function whereOf(rows: SqlRows<TicketRecord>, q: TicketQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const eq = (prop: keyof TicketRecord & string, value: unknown) => {
    parts.push(`${rows.column(prop)} = ?`);
    params.push(rows.param(prop, value));
  };
  const among = (prop: keyof TicketRecord & string, values: readonly unknown[]) => {
    if (values.length === 0) parts.push('1 = 0');
    else {
      parts.push(`${rows.column(prop)} IN (${marks(values.length)})`);
      params.push(...values.map((v) => rows.param(prop, v)));
    }
  };
  if (q.kind) eq('kind', q.kind);
  if (q.caller) eq('caller', q.caller);
  if (q.callers) among('caller', q.callers);
  if (q.agent) eq('agent', q.agent);
  if (q.teams) among('team', q.teams);
  if (q.states) among('status', q.states);
  if (q.service) eq('service', q.service);
  if (q.parent !== undefined) eq('parentId', q.parent);
  if (q.problem !== undefined) eq('problemId', q.problem);
  if (q.unassigned) parts.push(`${rows.column('agent')} IS NULL`);
  if (q.createdAfter) {
    parts.push(`${rows.column('createdAt')} >= ?`);
    params.push(rows.param('createdAt', q.createdAfter));
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

/** Newest first, with LIMIT/OFFSET as whole numbers (a large LIMIT when only an offset is given). */
function pageOf(rows: SqlRows<TicketRecord>, q: TicketQuery): string {
  const limit = q.limit ? Math.floor(q.limit) : q.offset ? 2_147_483_647 : 0;
  return `ORDER BY ${rows.column('id')} DESC` + (limit ? ` LIMIT ${limit}` : '') + (q.offset ? ` OFFSET ${Math.floor(q.offset)}` : '');
}

const REF_KIND: Record<Ticket['kind'], RefKind> = { request: 'R', incident: 'I', problem: 'P' };

export interface Writers {
  tickets: SqlRows<TicketRecord>;
  /** The shared R-/I-/P-/C- sequence (`ref-numbers.ts`). */
  refs: SqlRows<RefNumberRecord>;
  thresholds: SqlRows<ThresholdRecord>;
  notices: SqlRows<NoticeRecord>;
  history: SqlRows<TicketHistoryRecord>;
  logs: SqlRows<TicketLogRecord>;
  outbox: SqlRows<OutboxRecord>;
  attachments: SqlRows<AttachmentRecord>;
}

/**
 * Outbox rows the writing process takes itself: written already leased to `owner` (as `claim` would lease them)
 * and handed to `committed` after the commit, so its dispatcher handles them without reading them back. If the
 * process dies first, the lease runs out and any process's poller takes them.
 */
export interface OwnOutbox {
  owner: string;
  leaseMs: number;
  clock: Clock;
  committed(records: OutboxItem[]): void;
}

/** The own-outbox lease of one transaction, and the events it wrote (each row's id known after the commit). */
interface OwnLease {
  owner: string;
  until: Date;
  written: Array<{ event: TicketEvent; id: Promise<number> }>;
}

export class Tx implements TicketTx {
  constructor(
    protected readonly m: EntityManager,
    protected readonly w: Writers,
    private readonly own?: OwnLease,
  ) {}

  async insert(ticket: Ticket): Promise<number> {
    try {
      // Its number from the sequence shared with changes (docs/domain.md §3), in the same transaction.
      return await this.w.tickets.insertWithNextId(this.m, this.w.refs, { kind: REF_KIND[ticket.kind] }, toTicketRecord({ ...ticket, id: 0 }));
    } catch (e) {
      // The only unique key a new row can collide on besides its generated id: `uq_tickets_source_msg`.
      if (ticket.sourceMsg !== null && isDuplicateKey(e)) throw new MessageAlreadyFiled(ticket.sourceMsg);
      throw e;
    }
  }

  async update(ticket: Ticket, expectedVersion: number): Promise<boolean> {
    const rec = toTicketRecord({ ...ticket, version: expectedVersion + 1 });
    return (await this.w.tickets.update(this.m, ticket.id, rec, expectedVersion)) === 1;
  }

  async get(id: number): Promise<Ticket | null> {
    const [r] = await this.w.tickets.select(this.m, `${this.w.tickets.column('id')} = ?`, [id]);
    return r ? fromTicketRecord(r) : null;
  }

  async filedFrom(msgId: string): Promise<Ticket | null> {
    const [r] = await this.w.tickets.select(this.m, `${this.w.tickets.column('sourceMsg')} = ?`, [msgId]);
    return r ? fromTicketRecord(r) : null;
  }

  async list(query: TicketQuery): Promise<Ticket[]> {
    const where = whereOf(this.w.tickets, query);
    return (await this.w.tickets.select(this.m, where.sql, where.params, pageOf(this.w.tickets, query))).map(fromTicketRecord);
  }

  async appendHistory(rows: HistoryRow[]): Promise<void> {
    // Sent with the commit, or before the transaction's next statement (tx-pipeline.ts).
    await this.w.history.insertManyLater(
      this.m,
      rows.map((r) => ({
        ticketId: r.ticketId,
        at: r.at,
        actor: r.actor,
        entryPoint: r.entryPoint,
        action: r.action,
        changes: JSON.stringify(r.changes),
      })),
    );
  }

  async history(ticketId: number): Promise<HistoryRow[]> {
    const history = this.w.history;
    const rows = await history.select(this.m, `${history.column('ticketId')} = ?`, [ticketId], `ORDER BY ${history.column('id')} ASC`);
    return rows.map((r) => ({
      ticketId: r.ticketId,
      at: new Date(r.at),
      actor: r.actor,
      entryPoint: r.entryPoint as EntryPoint,
      action: r.action,
      changes: JSON.parse(r.changes) as FieldChange[],
    }));
  }

  async appendLog(ticketId: number, e: LogEntry): Promise<void> {
    await this.w.logs.insert(this.m, { ticketId, at: e.at, author: e.author, visibility: e.visibility, text: e.text });
  }

  async insertDemand(d: Omit<Demand, 'id'>): Promise<number> {
    const res = await this.m.getRepository(DemandRecord).insert({ ...d, sourceRefs: JSON.stringify(d.sourceRefs) });
    return Number(res.identifiers[0]!.id);
  }

  async demand(id: number): Promise<Demand | null> {
    const r = await this.m.getRepository(DemandRecord).findOneBy({ id });
    return r ? toDemand(r) : null;
  }

  async addDemandVote(vote: { demandId: number; person: string; ref: string; at: Date }): Promise<boolean> {
    const votes = this.m.getRepository(DemandVoteRecord);
    if (await votes.existsBy({ demandId: vote.demandId, personId: vote.person })) return false;
    try {
      await votes.insert({ demandId: vote.demandId, personId: vote.person, ticketRef: vote.ref, createdAt: vote.at });
      return true;
    } catch (e) {
      // The same person's other vote committed meanwhile (primary key demand + person): it counts once.
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async updateDemandVotes(d: Pick<Demand, 'id' | 'votes' | 'sourceRefs' | 'updatedAt'>, expectedVotes: number): Promise<boolean> {
    const res = await this.m
      .createQueryBuilder()
      .update(DemandRecord)
      .set({ votes: d.votes, sourceRefs: JSON.stringify(d.sourceRefs), updatedAt: d.updatedAt })
      .where('id = :id AND votes = :expected', { id: d.id, expected: expectedVotes })
      .execute();
    return res.affected === 1;
  }

  async appendOutbox(events: TicketEvent[]): Promise<void> {
    const row = (e: TicketEvent): Partial<OutboxRecord> => ({
      ticketId: e.ticketId,
      ref: e.ref,
      type: e.type,
      actor: e.actor,
      entryPoint: e.entryPoint,
      at: e.at,
      data: JSON.stringify(e.data),
      status: 'pending',
      attempts: this.own ? 1 : 0,
      availableAt: this.own ? this.own.until : e.at,
      claimedBy: this.own ? this.own.owner : null,
      lastError: null,
      processedAt: null,
    });
    // Sent with the commit, or before the transaction's next statement (tx-pipeline.ts).
    if (!this.own) {
      await this.w.outbox.insertManyLater(this.m, events.map(row));
      return;
    }
    // Each row's id is needed (the dispatcher's record, the notices' event key), after the commit: one INSERT per
    // event (usually one).
    for (const e of events) this.own.written.push({ event: e, id: (await this.w.outbox.insertLater(this.m, row(e))).done });
  }

  appendAttachment(attachment: NewAttachment): Promise<number> {
    return appendAttachmentRow(this.m, this.w, attachment);
  }

  adoptAttachments(sourceMsg: string, ticketId: number): Promise<number> {
    const a = this.w.attachments;
    return a.updateWhere(this.m, { ticketId }, `${a.column('sourceMsg')} = ? AND ${a.column('ticketId')} = 0`, [sourceMsg]);
  }
}

/** `TicketTx.appendAttachment`: the row with its bytes; the same message's file twice → `AttachmentAlreadyStored`. */
export async function appendAttachmentRow(m: EntityManager, w: Writers, a: NewAttachment): Promise<number> {
  try {
    return await w.attachments.insert(m, attachmentRow(a));
  } catch (e) {
    if (isDuplicateKey(e)) throw new AttachmentAlreadyStored(a.sourceMsg);
    throw e;
  }
}

export function ticketWriters(gate: Gate): Writers {
  return {
    tickets: new SqlRows(gate.ds, TicketRecord, 'version'),
    refs: refNumbers(gate.ds),
    thresholds: new SqlRows(gate.ds, ThresholdRecord),
    notices: new SqlRows(gate.ds, NoticeRecord),
    history: new SqlRows(gate.ds, TicketHistoryRecord),
    logs: new SqlRows(gate.ds, TicketLogRecord),
    outbox: new SqlRows(gate.ds, OutboxRecord),
    attachments: new SqlRows(gate.ds, AttachmentRecord),
  };
}

export class TypeormTicketStore implements TicketStore {
  private readonly w: Writers;

  constructor(
    private readonly gate: Gate,
    private readonly ownOutbox?: OwnOutbox,
  ) {
    this.w = ticketWriters(gate);
  }

  async transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T> {
    const own = this.ownOutbox;
    if (!own) return this.gate.tx((m) => work(new Tx(m, this.w)));
    const lease: OwnLease = { owner: own.owner, until: new Date(own.clock.now().getTime() + own.leaseMs), written: [] };
    const result = await this.gate.tx((m) => work(new Tx(m, this.w, lease)));
    if (lease.written.length > 0) {
      own.committed(await Promise.all(lease.written.map(async (w) => ({ id: await w.id, event: w.event, attempts: 1, leasedUntil: lease.until }))));
    }
    return result;
  }

  get(id: number): Promise<Ticket | null> {
    return this.gate.run((m) => new Tx(m, this.w).get(id));
  }

  filedFrom(msgId: string): Promise<Ticket | null> {
    return this.gate.run((m) => new Tx(m, this.w).filedFrom(msgId));
  }

  list(query: TicketQuery): Promise<Ticket[]> {
    return this.gate.run((m) => new Tx(m, this.w).list(query));
  }

  async summaries(query: TicketQuery): Promise<TicketSummary[]> {
    const where = whereOf(this.w.tickets, query);
    const rows = await this.gate.run((m) => this.w.tickets.selectSome(m, SUMMARY_COLUMNS, where.sql, where.params, pageOf(this.w.tickets, query)));
    return rows.map(fromSummaryRecord);
  }

  async count(query: TicketQuery): Promise<number> {
    const where = whereOf(this.w.tickets, query);
    return this.gate.run((m) => this.w.tickets.count(m, where.sql, where.params));
  }

  async countWithCallers(query: TicketQuery): Promise<{ tickets: number; callers: number }> {
    const where = whereOf(this.w.tickets, query);
    const t = this.w.tickets;
    const sql = `SELECT COUNT(*) AS n, COUNT(DISTINCT ${t.column('caller')}) AS p FROM ${t.table} WHERE ${where.sql}`;
    const rows = (await this.gate.run((m) => m.query(sql, where.params))) as Array<{ n: unknown; p: unknown }>;
    return { tickets: Number(rows[0]?.n ?? 0), callers: Number(rows[0]?.p ?? 0) };
  }

  async logs(ticketId: number): Promise<LogEntry[]> {
    const logs = this.w.logs;
    const rows = await this.gate.run((m) => logs.select(m, `${logs.column('ticketId')} = ?`, [ticketId], `ORDER BY ${logs.column('id')} ASC`));
    return rows.map((r) => ({
      at: new Date(r.at),
      author: r.author,
      text: r.text,
      visibility: r.visibility as LogEntry['visibility'],
    }));
  }

  history(ticketId: number): Promise<HistoryRow[]> {
    return this.gate.run((m) => new Tx(m, this.w).history(ticketId));
  }

}
