/**
 * Who gets a new ticket's card besides the people in the conversation: the contacts (对接人) of the team linked to
 * its service. A new request's contacts get it from the intake (`intake/file-request.ts`); a new incident's from
 * here, together with its maker (the `make incident` command and the `ticket.make_incident` button). Deliveries go
 * out side by side; a failed one is logged by `deliverTicketCardToDm`, never thrown (the incident is saved).
 */
import type { Directory } from '../../domain/directory/directory';
import type { Log } from '../../domain/ports/log.port';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import type { TicketRelations } from '../views/cards/ticket-relations';
import type { ChatLayerDeps } from '../chat-deps';
import { deliverTicketCardToDm } from './deliver-ticket-card';
import { ticketRelationsOf } from './ticket-relations-of';

/** DingTalk user ids of the active contacts of the ticket's service team, once each, without `except`. */
export function serviceContactUserIds(dir: Directory, ticket: Ticket, except: string | null): string[] {
  const team = dir.service(ticket.service)?.team ?? ticket.team;
  const ids = dir.teamRole(team, 'contact').map((p) => p.dingtalkUserId);
  return [...new Set(ids.filter((u): u is string => !!u && u !== except))];
}

/** The new incident's card to its maker (role `agent`, when they have a DingTalk account) and to its service team's contacts. */
export async function deliverNewIncidentCards(
  deps: ChatLayerDeps,
  dir: Directory,
  incident: Ticket,
  makerUserId: string | null,
  log: Log,
): Promise<void> {
  const incidentLog = log.child({ ticketRef: refOf(incident) });
  // Read once for every card (the impact row); without it the cards still go out, and the next change fills it in.
  const relations: TicketRelations = await ticketRelationsOf(deps, incident).catch((e: Error) => {
    incidentLog.warn('chat.card.relations_not_read', { error: e.message });
    return {};
  });
  const contacts = serviceContactUserIds(dir, incident, makerUserId);
  await Promise.all([
    ...(makerUserId ? [deliverTicketCardToDm(deps, dir, incident, makerUserId, 'agent', incidentLog, relations)] : []),
    ...contacts.map((userId) => deliverTicketCardToDm(deps, dir, incident, userId, 'contact', incidentLog, relations)),
  ]);
}
