/**
 * The events of the trigger table (docs/domain.md §4) and how ticket events map to them. The escalation levels
 * (`tto`, `ttr1`, `ttr2`, `ttr3`) are fired by the escalation layer when a threshold falls due, which may be
 * before any ticket event says so (a TTR level reached while unassigned, docs/domain.md §3.3).
 */
import type { TicketEvent } from '../tickets/events';

export const EVENT_CODES = [
  'created',
  'tto',
  'assigned',
  'ttr1',
  'ttr2',
  'ttr3',
  'pending',
  'resolved',
  'reopened',
  'closed',
  'agent_note',
  'caller_note',
] as const;
export type EventCode = (typeof EVENT_CODES)[number];

/** The escalation ladder's levels, in the order they fall due. */
export const ESCALATION_LEVELS = ['tto', 'ttr1', 'ttr2', 'ttr3'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const TTR_LEVELS = ['ttr1', 'ttr2', 'ttr3'] as const satisfies readonly EscalationLevel[];
export type TtrLevel = (typeof TTR_LEVELS)[number];

export const isEventCode = (s: unknown): s is EventCode =>
  typeof s === 'string' && (EVENT_CODES as readonly string[]).includes(s);

export const isEscalationLevel = (s: unknown): s is EscalationLevel =>
  typeof s === 'string' && (ESCALATION_LEVELS as readonly string[]).includes(s);

/**
 * The trigger-table event a ticket event from the outbox notifies, or null when it notifies nobody by itself.
 *
 * - `TicketCreated` with `data.joined` (a request linked to an open incident as it was filed) is null: its
 *   caller gets the incident's card, the service team is not told of it (docs/interfaces.md "Intake from chat").
 * - `PublicNoteAdded` is `caller_note` when `data.byCaller` is true, else `agent_note` (a note copied from a
 *   parent incident is an agent's note to the child's caller).
 * - Escalations (`TicketEscalatedTto`, `TicketEscalatedTtr`, `ThresholdReached`) are null here: the escalation
 *   layer composes their notices itself when a level fires (and again for the assignee part at the first
 *   assignment), so a notice worker reading the outbox must not announce them a second time. Use
 *   `escalationEventCodeOf` to name the level of such an event.
 */
export function eventCodeOf(event: Pick<TicketEvent, 'type' | 'data'>): EventCode | null {
  switch (event.type) {
    case 'TicketCreated':
      // A request joined to an open incident at filing (a storm join) is news to nobody: the incident is worked on.
      return typeof event.data.joined === 'string' ? null : 'created';
    case 'IncidentCreated':
      return 'created';
    case 'TicketAssigned':
    case 'TicketReassigned':
      return 'assigned';
    case 'TicketPended':
      return 'pending';
    case 'TicketResolved':
      return 'resolved';
    case 'TicketReopened':
      return 'reopened';
    case 'TicketClosed':
      // A withdrawal (nobody had claimed it) is news to nobody: the team's cards show it closed.
      return event.data.withdrawn === true ? null : 'closed';
    case 'PublicNoteAdded':
      return event.data.byCaller === true ? 'caller_note' : 'agent_note';
    default:
      return null;
  }
}

/**
 * The escalation event of a ticket event: `TicketEscalatedTto` → `tto`; `ThresholdReached` → its `data.event`
 * (else `data.level`) when that is an event code; `TicketEscalatedTtr` → `data.level` if it names a TTR level
 * (the state change also happens at the first assignment after a level was reached, so without a level it says
 * nothing about which one); anything else → null.
 */
export function escalationEventCodeOf(event: Pick<TicketEvent, 'type' | 'data'>): EventCode | null {
  switch (event.type) {
    case 'TicketEscalatedTto':
      return 'tto';
    case 'TicketEscalatedTtr': {
      const level = event.data.level;
      return typeof level === 'string' && (TTR_LEVELS as readonly string[]).includes(level) ? (level as TtrLevel) : null;
    }
    case 'ThresholdReached': {
      const code = isEventCode(event.data.event) ? event.data.event : event.data.level;
      return isEventCode(code) ? code : null;
    }
    default:
      return null;
  }
}
