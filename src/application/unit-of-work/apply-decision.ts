/**
 * Writing a decided transition through the store port: the guarded ticket update, its history row, its log entry
 * and its outbox events, inside the caller's transaction. Shared by the ticket use cases and the escalation layer.
 * No I/O of its own: it only calls the `TicketTx` port.
 */
import type { TicketTx } from '../../domain/ports/ticket-store.port';
import type { Actor } from '../../domain/tickets/actor';
import type { TicketEvent, TicketEventDraft } from '../../domain/tickets/events';
import type { Decision } from '../../domain/tickets/lifecycle';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { updateGuarded } from './lost-race';

export function toEvent(t: Ticket, d: TicketEventDraft): TicketEvent {
  return { ...d, ticketId: t.id, ref: refOf(t) };
}

/** May throw LostRace (the ticket changed since `before` was read). */
export async function applyDecision(tx: TicketTx, before: Ticket, d: Decision, action: string, actor: Actor): Promise<Ticket> {
  const saved = await updateGuarded(tx, d.ticket, before.version);
  await tx.appendHistory([
    { ticketId: before.id, at: saved.lastUpdate, actor: actor.person, entryPoint: actor.entryPoint, action, changes: d.changes },
  ]);
  if (d.log) await tx.appendLog(before.id, { at: saved.lastUpdate, author: actor.person, ...d.log });
  await tx.appendOutbox(d.events.map((e) => toEvent(saved, e)));
  return saved;
}
