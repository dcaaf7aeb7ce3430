/** Taking a ticket: an agent claims it, a lead assigns or reassigns it (team and/or agent). */
import type { Actor } from '../../domain/tickets/actor';
import { actOnTicket } from './act-on-ticket';
import type { TicketContext } from './ticket-context';

export function claimTicket(ctx: TicketContext, actor: Actor, ref: string) {
  return actOnTicket(ctx, actor, ref, { type: 'claim' });
}

export function assignTicket(ctx: TicketContext, actor: Actor, ref: string, team: string, agent: string) {
  return actOnTicket(ctx, actor, ref, { type: 'assign', team, agent });
}

export function reassignTicket(ctx: TicketContext, actor: Actor, ref: string, target: { team?: string; agent?: string }) {
  return actOnTicket(ctx, actor, ref, { type: 'reassign', ...target });
}
