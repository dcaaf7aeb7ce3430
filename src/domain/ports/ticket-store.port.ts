/**
 * Persistence of tickets, their logs, history and outbox. One `transaction()` = one database transaction: a
 * ticket change, its history rows and its outbox events commit together or not at all.
 */
import type { FieldChange } from '../tickets/lifecycle';
import type { Demand } from '../demands/demand';
import type { TicketEvent } from '../tickets/events';
import type { EntryPoint, LogEntry, Ticket, TicketKind, TicketState } from '../tickets/ticket';
import type { NewAttachment } from '../attachments/attachment';

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
  /** Only tickets filed by one of these people (an incident's joined callers for its card, docs/interfaces.md "Ticket card"). */
  callers?: readonly string[];
  /** Requests and incidents linked to this problem id (docs/domain.md §9). */
  problem?: number;
  /** Only tickets with no agent. */
  unassigned?: boolean;
  createdAfter?: Date;
  limit?: number;
  offset?: number;
}

/**
 * What a ticket looks like where many are compared or counted (duplicate search, an incident's impact): the few
 * fields that needs, read without the rest of the row.
 */
export type TicketSummary = Pick<Ticket, 'id' | 'kind' | 'title' | 'description' | 'caller' | 'service' | 'status' | 'parent' | 'createdAt'>;

export interface TicketTx {
  /**
   * Insert a new ticket; returns its id (the shared R-/I- counter). Throws `MessageAlreadyFiled` when a ticket with
   * the same `sourceMsg` exists (the transaction must then end: nothing of it is kept).
   */
  insert(ticket: Ticket): Promise<number>;
  /** Guarded update: writes only if the stored version is `expectedVersion`; bumps it. false = lost the race. */
  update(ticket: Ticket, expectedVersion: number): Promise<boolean>;
  get(id: number): Promise<Ticket | null>;
  list(query: TicketQuery): Promise<Ticket[]>;
  appendHistory(rows: HistoryRow[]): Promise<void>;
  /** The ticket's history rows, oldest first (what marks a storm join: `isStormJoined`). */
  history(ticketId: number): Promise<HistoryRow[]>;
  appendLog(ticketId: number, entry: LogEntry): Promise<void>;
  appendOutbox(events: TicketEvent[]): Promise<void>;
  /**
   * Store an attachment with its ticket; its id. Throws `AttachmentAlreadyStored` when the same message's file is
   * stored already (the transaction must then end: nothing of it is kept).
   */
  appendAttachment(attachment: NewAttachment): Promise<number>;
  /** Give the parked files of `sourceMsg` (`AttachmentStore.park`) to `ticketId`; how many. */
  adoptAttachments(sourceMsg: string, ticketId: number): Promise<number>;
  /** Insert a demand in this transaction (docs/demands.md); returns its id (the `D-` counter). Stores without demands omit it. */
  insertDemand?(demand: Omit<Demand, 'id'>): Promise<number>;
  /** The demand as stored now, read in this transaction (docs/demands.md "Votes"); null when there is none. */
  demand?(id: number): Promise<Demand | null>;
  /**
   * Record `person`'s vote for demand `demandId` from request `ref`: false (nothing written) when they voted for it
   * already — one row per person and demand.
   */
  addDemandVote?(vote: { demandId: number; person: string; ref: string; at: Date }): Promise<boolean>;
  /**
   * Guarded update of a demand's votes, source refs and update time: written only while its stored `votes` is
   * still `expectedVotes`; false = lost the race (another vote came first).
   */
  updateDemandVotes?(demand: Pick<Demand, 'id' | 'votes' | 'sourceRefs' | 'updatedAt'>, expectedVotes: number): Promise<boolean>;
}

export interface TicketStore {
  transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T>;
  get(id: number): Promise<Ticket | null>;
  /** The ticket filed from chat message `msgId` (its `sourceMsg`), if any. */
  filedFrom(msgId: string): Promise<Ticket | null>;
  list(query: TicketQuery): Promise<Ticket[]>;
  /** `list`, reading only the summary fields. */
  summaries(query: TicketQuery): Promise<TicketSummary[]>;
  count(query: TicketQuery): Promise<number>;
  /** How many tickets match and how many distinct callers filed them, counted by the database (an incident's impact). */
  countWithCallers(query: TicketQuery): Promise<{ tickets: number; callers: number }>;
  logs(ticketId: number): Promise<LogEntry[]>;
  history(ticketId: number): Promise<HistoryRow[]>;
}
