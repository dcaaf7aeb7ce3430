/** Waiting for somebody: pend a ticket (its TTR stopwatch stops) and resume it. */
import type { Actor } from '../../domain/tickets/actor';
import { actOnTicket } from './act-on-ticket';
import type { TicketContext } from './ticket-context';

export function pendTicket(ctx: TicketContext, actor: Actor, ref: string, reason: string) {
  return actOnTicket(ctx, actor, ref, { type: 'pend', reason });
}

export function resumeTicket(ctx: TicketContext, actor: Actor, ref: string) {
  return actOnTicket(ctx, actor, ref, { type: 'resume' });
}
