/**
 * Who holds a ticket's card. Who reads a delivered space, i.e. whose private button list the card must carry: the
 * person of a direct chat; in a group, everybody who may act on the ticket (caller, assignee, the ticket's team)
 * and has a DingTalk account. And who gets a new ticket's card besides its caller: the contacts (对接人) of the
 * team linked to its service.
 */
import type { Directory } from '../../domain/directory/directory';
import type { CardSpace } from '../../domain/ports/chat-gateway.port';
import type { Ticket } from '../../domain/tickets/ticket';

/** Why a person holds the card (TicketCard.role); `joined`: the caller of a request joined to this incident at filing. */
export type CardRole = 'caller' | 'contact' | 'agent' | 'viewer' | 'joined';

export function holdersOf(space: CardSpace, ticket: Ticket, dir: Directory): string[] {
  if (space.kind === 'dm') return [space.userId];
  const people = [ticket.caller, ...(ticket.agent ? [ticket.agent] : []), ...dir.teamMembers(ticket.team).map((p) => p.id)];
  const ids = people.map((id) => dir.person(id)?.dingtalkUserId).filter((u): u is string => !!u);
  return [...new Set(ids)];
}

/** DingTalk user ids of the active contacts of the ticket's service team, once each, without `except`. */
export function serviceContactUserIds(dir: Directory, ticket: Ticket, except: string | null): string[] {
  const team = dir.service(ticket.service)?.team ?? ticket.team;
  const ids = dir.teamRole(team, 'contact').map((p) => p.dingtalkUserId);
  return [...new Set(ids.filter((u): u is string => !!u && u !== except))];
}
