/** The end of a ticket's life: resolve (an incident resolves its open requests), close, reopen; and reclassify. */
import type { Actor } from '../../domain/tickets/actor';
import { actOnTicket } from './act-on-ticket';
import type { TicketContext } from './ticket-context';

export function resolveTicket(ctx: TicketContext, actor: Actor, ref: string, solution: string, resolutionCode: string) {
  return actOnTicket(ctx, actor, ref, { type: 'resolve', solution, resolutionCode });
}

export function closeTicket(ctx: TicketContext, actor: Actor, ref: string, satisfaction?: number, comment?: string) {
  return actOnTicket(ctx, actor, ref, { type: 'close', satisfaction, comment });
}

export function reopenTicket(ctx: TicketContext, actor: Actor, ref: string, reason: string) {
  return actOnTicket(ctx, actor, ref, { type: 'reopen', reason });
}

/** Change impact/urgency (priority) or service/subcategory; deadlines are recomputed. */
export function reclassifyTicket(
  ctx: TicketContext,
  actor: Actor,
  ref: string,
  change: { impact?: number; urgency?: number; service?: string; subcategory?: string },
) {
  return actOnTicket(ctx, actor, ref, { type: 'reclassify', ...change });
}
