/**
 * The writes of a link and an unlink inside a unit of work's transaction (shared by the link use cases and the
 * storm join at filing): the request's parent, its history row, its event.
 */
import type { TicketTx } from '../../domain/ports/ticket-store.port';
import type { Actor } from '../../domain/tickets/actor';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { updateGuarded } from '../unit-of-work/lost-race';

/** The request's parent set, with its history row and TicketLinked event. May throw LostRace. */
export async function linkInTx(
  tx: TicketTx,
  request: Ticket,
  incident: Ticket,
  actor: Actor,
  now: Date,
  extra: { auto?: boolean } = {},
): Promise<Ticket> {
  const next = await updateGuarded(tx, { ...request, parent: incident.id, lastUpdate: now }, request.version);
  const changes = [{ field: 'parent', from: request.parent === null ? null : String(request.parent), to: refOf(incident) }];
  await tx.appendHistory([{ ticketId: request.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: 'link', changes }]);
  await tx.appendOutbox([
    toEvent(next, {
      type: 'TicketLinked',
      actor: actor.person,
      entryPoint: actor.entryPoint,
      at: now,
      data: { incident: refOf(incident), incidentId: incident.id, ...(extra.auto ? { auto: true } : {}) },
    }),
  ]);
  return next;
}

/** The request leaves its incident, with its history row and TicketUnlinked event. May throw LostRace. */
export async function unlinkInTx(tx: TicketTx, request: Ticket, incident: Ticket, actor: Actor, now: Date): Promise<Ticket> {
  const next = await updateGuarded(tx, { ...request, parent: null, lastUpdate: now }, request.version);
  const changes = [{ field: 'parent', from: refOf(incident), to: null }];
  await tx.appendHistory([{ ticketId: request.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: 'unlink', changes }]);
  await tx.appendOutbox([
    toEvent(next, {
      type: 'TicketUnlinked',
      actor: actor.person,
      entryPoint: actor.entryPoint,
      at: now,
      data: { incident: refOf(incident), incidentId: incident.id },
    }),
  ]);
  return next;
}
