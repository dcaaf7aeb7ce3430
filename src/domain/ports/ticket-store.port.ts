/**
 * Persistence of tickets, their logs, history and outbox. One `transaction()` = one database transaction: a
 * ticket change, its history rows and its outbox events commit together or not at all.
 */
import type { FieldChange } from '../tickets/lifecycle';
import type { TicketEvent } from '../tickets/events';
import type { EntryPoint, LogEntry, Ticket, TicketKind, TicketState } from '../tickets/ticket';

export interface HistoryRow {
  ticketId: number;
  at: Date;
  actor: string;
  entryPoint: EntryPoint;
  /** What was done: a command (`claim`), `open`, `note`, `link`, … */
  action: string;
  changes: FieldChange[];
}

export interface TicketQuery {
  kind?: TicketKind;
  caller?: string;
  agent?: string;
  teams?: string[];
  states?: TicketState[];
  service?: string;
  parent?: number;
  /** Only tickets with no agent. */
  unassigned?: boolean;
  createdAfter?: Date;
  limit?: number;
  offset?: number;
}

export interface TicketTx {
  /** Insert a new ticket; returns its id (the shared R-/I- counter). */
  insert(ticket: Ticket): Promise<number>;
  /** Guarded update: writes only if the stored version is `expectedVersion`; bumps it. false = lost the race. */
  update(ticket: Ticket, expectedVersion: number): Promise<boolean>;
  get(id: number): Promise<Ticket | null>;
  list(query: TicketQuery): Promise<Ticket[]>;
  appendHistory(rows: HistoryRow[]): Promise<void>;
  appendLog(ticketId: number, entry: LogEntry): Promise<void>;
  appendOutbox(events: TicketEvent[]): Promise<void>;
}

export interface TicketStore {
  transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T>;
  get(id: number): Promise<Ticket | null>;
  list(query: TicketQuery): Promise<Ticket[]>;
  count(query: TicketQuery): Promise<number>;
  logs(ticketId: number): Promise<LogEntry[]>;
  history(ticketId: number): Promise<HistoryRow[]>;
}
