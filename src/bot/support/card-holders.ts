/**
 * Who reads a delivered ticket card, i.e. whose private button list it must carry: the person of a direct chat;
 * in a group, everybody who may act on the ticket (caller, assignee, the ticket's team) and has a DingTalk account.
 */
import type { Directory } from '../../domain/directory/directory';
import type { CardSpace } from '../../domain/ports/chat-gateway.port';
import type { Ticket } from '../../domain/tickets/ticket';

export function holdersOf(space: CardSpace, ticket: Ticket, dir: Directory): string[] {
  if (space.kind === 'dm') return [space.userId];
  const people = [ticket.caller, ...(ticket.agent ? [ticket.agent] : []), ...dir.teamMembers(ticket.team).map((p) => p.id)];
  const ids = people.map((id) => dir.person(id)?.dingtalkUserId).filter((u): u is string => !!u);
  return [...new Set(ids)];
}
