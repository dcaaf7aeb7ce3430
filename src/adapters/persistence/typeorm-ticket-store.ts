/** TicketStore on TypeORM (MySQL/MariaDB or SQLite). Guarded updates check `version` and read `affected`. */
import { Brackets, type EntityManager } from 'typeorm';
import type { Gate } from './gate';
import { SqlRows } from './sql-rows';
import type { HistoryRow, TicketQuery, TicketStore, TicketTx } from '../../domain/ports/ticket-store.port';
import type { TicketEvent } from '../../domain/tickets/events';
import type { FieldChange } from '../../domain/tickets/lifecycle';
import type { EntryPoint, LogEntry, Ticket } from '../../domain/tickets/ticket';
import { fromTicketRecord, toTicketRecord } from './ticket.mapper';
import { OutboxRecord } from './records/outbox.record';
import { TicketHistoryRecord } from './records/ticket-history.record';
import { TicketLogRecord } from './records/ticket-log.record';
import { TicketRecord } from './records/ticket.record';

function listQuery(m: EntityManager, q: TicketQuery) {
  const qb = m.getRepository(TicketRecord).createQueryBuilder('t');
  if (q.kind) qb.andWhere('t.kind = :kind', { kind: q.kind });
  if (q.caller) qb.andWhere('t.caller = :caller', { caller: q.caller });
  if (q.agent) qb.andWhere('t.agent = :agent', { agent: q.agent });
  if (q.teams) qb.andWhere(q.teams.length ? 't.team IN (:...teams)' : '1 = 0', { teams: q.teams });
  if (q.states) qb.andWhere(q.states.length ? 't.status IN (:...states)' : '1 = 0', { states: q.states });
  if (q.service) qb.andWhere('t.service = :service', { service: q.service });
  if (q.parent !== undefined) qb.andWhere('t.parentId = :parent', { parent: q.parent });
  if (q.unassigned) qb.andWhere(new Brackets((b) => b.where('t.agent IS NULL')));
  if (q.createdAfter) qb.andWhere('t.createdAt >= :after', { after: q.createdAfter });
  return qb.orderBy('t.id', 'DESC');
}

export interface Writers {
  tickets: SqlRows<TicketRecord>;
  history: SqlRows<TicketHistoryRecord>;
  logs: SqlRows<TicketLogRecord>;
  outbox: SqlRows<OutboxRecord>;
}

export class Tx implements TicketTx {
  constructor(
    protected readonly m: EntityManager,
    protected readonly w: Writers,
  ) {}

  async insert(ticket: Ticket): Promise<number> {
    return this.w.tickets.insert(this.m, toTicketRecord({ ...ticket, id: 0 }));
  }

  async update(ticket: Ticket, expectedVersion: number): Promise<boolean> {
    const rec = toTicketRecord({ ...ticket, version: expectedVersion + 1 });
    return (await this.w.tickets.update(this.m, ticket.id, rec, expectedVersion)) === 1;
  }

  async get(id: number): Promise<Ticket | null> {
    const r = await this.m.findOne(TicketRecord, { where: { id } });
    return r ? fromTicketRecord(r) : null;
  }

  async list(query: TicketQuery): Promise<Ticket[]> {
    const qb = listQuery(this.m, query);
    if (query.limit) qb.take(query.limit);
    if (query.offset) qb.skip(query.offset);
    return (await qb.getMany()).map(fromTicketRecord);
  }

  async appendHistory(rows: HistoryRow[]): Promise<void> {
    for (const r of rows) {
      await this.w.history.insert(this.m, {
        ticketId: r.ticketId,
        at: r.at,
        actor: r.actor,
        entryPoint: r.entryPoint,
        action: r.action,
        changes: JSON.stringify(r.changes),
      });
    }
  }

  async appendLog(ticketId: number, e: LogEntry): Promise<void> {
    await this.w.logs.insert(this.m, { ticketId, at: e.at, author: e.author, visibility: e.visibility, text: e.text });
  }

  async appendOutbox(events: TicketEvent[]): Promise<void> {
    for (const e of events) {
      await this.w.outbox.insert(this.m, {
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
      });
    }
  }
}

export function ticketWriters(gate: Gate): Writers {
  return {
    tickets: new SqlRows(gate.ds, TicketRecord, 'version'),
    history: new SqlRows(gate.ds, TicketHistoryRecord),
    logs: new SqlRows(gate.ds, TicketLogRecord),
    outbox: new SqlRows(gate.ds, OutboxRecord),
  };
}

export class TypeormTicketStore implements TicketStore {
  private readonly w: Writers;

  constructor(private readonly gate: Gate) {
    this.w = ticketWriters(gate);
  }

  transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T> {
    return this.gate.tx((m) => work(new Tx(m, this.w)));
  }

  get(id: number): Promise<Ticket | null> {
    return this.gate.run((m) => new Tx(m, this.w).get(id));
  }

  list(query: TicketQuery): Promise<Ticket[]> {
    return this.gate.run((m) => new Tx(m, this.w).list(query));
  }

  count(query: TicketQuery): Promise<number> {
    return this.gate.run((m) => listQuery(m, query).getCount());
  }

  async logs(ticketId: number): Promise<LogEntry[]> {
    const rows = await this.gate.run((m) => m.find(TicketLogRecord, { where: { ticketId }, order: { id: 'ASC' } }));
    return rows.map((r) => ({
      at: new Date(r.at),
      author: r.author,
      text: r.text,
      visibility: r.visibility as LogEntry['visibility'],
    }));
  }

  async history(ticketId: number): Promise<HistoryRow[]> {
    const rows = await this.gate.run((m) => m.find(TicketHistoryRecord, { where: { ticketId }, order: { id: 'ASC' } }));
    return rows.map((r) => ({
      ticketId: r.ticketId,
      at: new Date(r.at),
      actor: r.actor,
      entryPoint: r.entryPoint as EntryPoint,
      action: r.action,
      changes: JSON.parse(r.changes) as FieldChange[],
    }));
  }
}
