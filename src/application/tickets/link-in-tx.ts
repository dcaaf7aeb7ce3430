/**
 * The writes of a link and an unlink inside a unit of work's transaction (shared by the link use cases and the
 * storm join at filing): the request's parent, its history row, its event.
 */
import type { TicketTx } from '../../domain/ports/ticket-store.port';
import type { Actor } from '../../domain/tickets/actor';
import type { EventData } from '../../domain/tickets/events';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { updateGuarded } from '../unit-of-work/lost-race';

/** The request's parent set, with its history row and TicketLinked event. May throw LostRace. */
export function linkInTx(
  tx: TicketTx,
  request: Ticket,
  incident: Ticket,
  actor: Actor,
  now: Date,
  extra: { auto?: boolean } = {},
): Promise<Ticket> {
  const from = request.parent === null ? null : String(request.parent);
  return moveInTx(tx, request, { parent: incident.id, from, to: refOf(incident) }, 'link', 'TicketLinked', actor, now, {
    incident: refOf(incident),
    incidentId: incident.id,
    ...(extra.auto ? { auto: true } : {}),
  });
}

/** The request leaves its incident, with its history row and TicketUnlinked event. May throw LostRace. */
export function unlinkInTx(tx: TicketTx, request: Ticket, incident: Ticket, actor: Actor, now: Date): Promise<Ticket> {
  return moveInTx(tx, request, { parent: null, from: refOf(incident), to: null }, 'unlink', 'TicketUnlinked', actor, now, {
    incident: refOf(incident),
    incidentId: incident.id,
  });
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
): Promise<Ticket> {
  const next = await updateGuarded(tx, { ...request, parent: move.parent, lastUpdate: now }, request.version);
  const changes = [{ field: 'parent', from: move.from, to: move.to }];
  await tx.appendHistory([{ ticketId: request.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action, changes }]);
  await tx.appendOutbox([toEvent(next, { type, actor: actor.person, entryPoint: actor.entryPoint, at: now, data })]);
  return next;
}
