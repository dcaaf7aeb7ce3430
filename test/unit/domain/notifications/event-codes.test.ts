/** Ticket events → trigger-table events. */
import {
  escalationEventCodeOf,
  eventCodeOf,
  isEventCode,
  type EventCode,
} from '../../../../src/domain/notifications/event-codes';
import { TICKET_EVENT_TYPES, type TicketEventType } from '../../../../src/domain/tickets/events';

describe('eventCodeOf', () => {
  const expected: Partial<Record<TicketEventType, EventCode>> = {
    TicketCreated: 'created',
    IncidentCreated: 'created',
    TicketAssigned: 'assigned',
    TicketReassigned: 'assigned',
    TicketPended: 'pending',
    TicketResolved: 'resolved',
    TicketReopened: 'reopened',
    TicketClosed: 'closed',
    PublicNoteAdded: 'agent_note',
  };

  it.each(TICKET_EVENT_TYPES.map((t) => [t]))('%s', (type) => {
    expect(eventCodeOf({ type, data: {} })).toBe(expected[type] ?? null);
  });

  it('a public note by the caller is a caller note', () => {
    expect(eventCodeOf({ type: 'PublicNoteAdded', data: { byCaller: true, text: 'x' } })).toBe('caller_note');
    expect(eventCodeOf({ type: 'PublicNoteAdded', data: { byCaller: false, text: 'x', fromParent: 'I-000002' } })).toBe('agent_note');
  });

  it('every code it returns is an event code', () => {
    for (const type of TICKET_EVENT_TYPES) {
      const code = eventCodeOf({ type, data: { byCaller: true } });
      if (code !== null) expect(isEventCode(code)).toBe(true);
    }
  });
});

describe('escalationEventCodeOf', () => {
  it('names the level of an escalation event, and nothing for others', () => {
    expect(escalationEventCodeOf({ type: 'TicketEscalatedTto', data: {} })).toBe('tto');
    expect(escalationEventCodeOf({ type: 'TicketEscalatedTtr', data: {} })).toBeNull();
    expect(escalationEventCodeOf({ type: 'TicketEscalatedTtr', data: { level: 'ttr1' } })).toBe('ttr1');
    expect(escalationEventCodeOf({ type: 'ThresholdReached', data: { level: 'ttr2', event: 'ttr2' } })).toBe('ttr2');
    expect(escalationEventCodeOf({ type: 'ThresholdReached', data: { level: 'ttr9', event: 'nope' } })).toBeNull();
    expect(escalationEventCodeOf({ type: 'TicketAssigned', data: {} })).toBeNull();
  });
});
