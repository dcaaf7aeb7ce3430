/**
 * The trigger table (docs/domain.md §4) as the domain holds it once `parseTriggerTable` has accepted a file:
 * one row per event, with the recipient terms for requests and for incidents.
 */
import type { Result } from '../shared/result';
import type { TicketKind } from '../tickets/ticket';
import type { EventCode } from './event-codes';
import type { RecipientTerm } from './recipient-term';

export interface TriggerRow {
  event: EventCode;
  request: readonly RecipientTerm[];
  incident: readonly RecipientTerm[];
  /** Recipients for problems (`P-`, docs/domain.md §9); [] when the row names none. */
  problem: readonly RecipientTerm[];
  /** The actor of the event is told too (default false: nobody is told of their own action). */
  notifyActor: boolean;
}

export interface TriggerTable {
  version: 1;
  rows: Readonly<Record<EventCode, TriggerRow>>;
}

/** A problem in a trigger-table file: `events.ttr2.request[1]` and an English sentence quoting the value. */
export interface TriggerTableIssue {
  path: string;
  message: string;
}

export type TriggerTableResult = Result<TriggerTable, TriggerTableIssue[]>;

/** The terms of `event` for a ticket of `kind`. */
export const termsFor = (table: TriggerTable, event: EventCode, kind: TicketKind): readonly RecipientTerm[] =>
  table.rows[event][kind];
