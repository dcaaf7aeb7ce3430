/**
 * One chat message, one ticket: a request filed from a DingTalk message records the message id
 * (`Ticket.sourceMsg`), and the store keeps it unique. Filing the same message again is refused with
 * `TICKET.ALREADY_FILED`, which carries the ticket filed first (a replay answers with it).
 */
import { err, type DomainError } from '../shared/result';
import { refOf, type Ticket } from './ticket';
import type { TicketErrorCode } from '../errors/ticket.errors';

export const ALREADY_FILED = 'TICKET.ALREADY_FILED' satisfies TicketErrorCode;

/**
 * Thrown by `TicketTx.insert` when a ticket from the same message exists (a replay, or another process at the same
 * moment); the opening transaction then rolls back as a whole. Not a lost race: never retried.
 */
export class MessageAlreadyFiled extends Error {
  constructor(readonly msgId: string) {
    super('a ticket was already filed from this message');
  }
}

/** `TICKET.ALREADY_FILED`: `filed` is the ticket this message was filed as. */
export interface AlreadyFiled extends DomainError {
  readonly code: typeof ALREADY_FILED;
  readonly filed: Ticket;
}

export function alreadyFiled(filed: Ticket): { ok: false; error: AlreadyFiled } {
  return err({
    code: ALREADY_FILED,
    message: 'a ticket was already filed from this message',
    details: { ref: refOf(filed) },
    filed,
  });
}

export function isAlreadyFiled(e: DomainError): e is AlreadyFiled {
  return e.code === ALREADY_FILED && 'filed' in e;
}
