/**
 * The writes of a link and an unlink inside a unit of work's transaction (shared by the link use cases and the
 * storm join at filing): the request's parent, its history row, its event.
 */
import type { TicketTx } from '../../domain/ports/ticket-store.port';
import type { Actor } from '../../domain/tickets/actor';
import type { EventData } from '../../domain/tickets/events';
import { diffTicket } from '../../domain/tickets/lifecycle';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { updateGuarded } from '../unit-of-work/lost-race';

/** How a move changes the request's clocks (a storm join pauses them, its unjoin re-arms them); default none. */
export type ClocksOnMove = (request: Ticket) => Ticket;

/** The request's parent set, with its history row and TicketLinked event. May throw LostRace. */
export function linkInTx(
  tx: TicketTx,
  request: Ticket,
  incident: Ticket,
  actor: Actor,
  now: Date,
  extra: { auto?: boolean; clocks?: ClocksOnMove } = {},
): Promise<Ticket> {
  const from = request.parent === null ? null : String(request.parent);
  const data = { incident: refOf(incident), incidentId: incident.id, ...(extra.auto ? { auto: true } : {}) };
  return moveInTx(tx, request, { parent: incident.id, from, to: refOf(incident) }, 'link', 'TicketLinked', actor, now, data, extra.clocks);
}

/** The request leaves its incident, with its history row and TicketUnlinked event. May throw LostRace. */
export function unlinkInTx(tx: TicketTx, request: Ticket, incident: Ticket, actor: Actor, now: Date, clocks?: ClocksOnMove): Promise<Ticket> {
  const data = { incident: refOf(incident), incidentId: incident.id };
  return moveInTx(tx, request, { parent: null, from: refOf(incident), to: null }, 'unlink', 'TicketUnlinked', actor, now, data, clocks);
}

/** One parent change: the guarded update, its history row (field `parent`), its event. */
async function moveInTx(
  tx: TicketTx,
  request: Ticket,
  move: { parent: number | null; from: string | null; to: string | null },
  action: 'link' | 'unlink',
  type: 'TicketLinked' | 'TicketUnlinked',
  actor: Actor,
  now: Date,
  data: EventData,
  clocks: ClocksOnMove = (t) => t,
): Promise<Ticket> {
  const moved = clocks({ ...request, parent: move.parent, lastUpdate: now });
  const next = await updateGuarded(tx, moved, request.version);
  // The parent as before (its ref), and the clocks' state and deadlines when the move changed them.
  const clockChanges = diffTicket(request, moved).filter((c) => c.field.startsWith('tto.') || c.field.startsWith('ttr.'));
  const changes = [{ field: 'parent', from: move.from, to: move.to }, ...clockChanges];
  await tx.appendHistory([{ ticketId: request.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action, changes }]);
  await tx.appendOutbox([toEvent(next, { type, actor: actor.person, entryPoint: actor.entryPoint, at: now, data })]);
  return next;
}
