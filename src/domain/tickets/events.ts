/**
 * Domain events: what happened to a ticket, written to the outbox in the same transaction as the change, for
 * escalation scheduling and trigger-table notices to consume (docs/domain.md §4).
 */
import type { EntryPoint } from './ticket';

export const TICKET_EVENT_TYPES = [
  'TicketCreated',
  'TicketAssigned',
  'TicketReassigned',
  'TicketPended',
  'TicketResumed',
  'TicketResolved',
  'TicketClosed',
  'TicketReopened',
  'TicketEscalatedTto',
  'TicketEscalatedTtr',
  'TicketLinked',
  'TicketUnlinked',
  'TicketMarkedSimilar',
  'IncidentCreated',
  'PublicNoteAdded',
  'PrivateNoteAdded',
  'DeadlinesChanged',
  'ThresholdReached',
  'TicketUpdated',
  /** Staff sync: the agent left; the ticket is back in its team's queue. */
  'TicketUnassigned',
  'AttachmentAdded',
  // The demand pool (docs/demands.md): a demand was created from this request; its webhook goes out.
  'DemandCreated',
  /** A request joined a demand as a vote (docs/demands.md "Votes"); data: demandId, demand, votes, counted. */
  'DemandVoted',
  // Changes (docs/changes.md §6): a change's event, carried by the outbox (`ticketId` 0, `ref` the change's C- ref).
  'ChangeEvent',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type EventData = Record<string, string | number | boolean | null | string[] | number[]>;

export interface TicketEvent {
  type: TicketEventType;
  ticketId: number;
  ref: string;
  actor: string;
  entryPoint: EntryPoint;
  at: Date;
  data: EventData;
}

/** An event before the ticket has its id (creation): the service fills `ticketId`/`ref` after the insert. */
export type TicketEventDraft = Omit<TicketEvent, 'ticketId' | 'ref'>;
