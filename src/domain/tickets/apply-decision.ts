/**
 * Writing a decided transition through the store port: the guarded ticket update, its history row, its log entry
 * and its outbox events, inside the caller's transaction. Shared by the chat and escalation layers. No I/O of its
 * own: it only calls the `TicketTx` port.
 */
import type { TicketTx } from '../ports/ticket-store.port';
import type { TicketEvent, TicketEventDraft } from './events';
import type { Decision } from './lifecycle';
import { refOf, type EntryPoint, type Ticket } from './ticket';

/** Thrown inside a transaction when the guarded update lost to a concurrent change: roll back and retry. */
export class LostRace extends Error {
  constructor() {
    super('the ticket changed concurrently');
  }
}

export function toEvent(t: Ticket, d: TicketEventDraft): TicketEvent {
  return { ...d, ticketId: t.id, ref: refOf(t) };
}

export async function applyDecision(
  tx: TicketTx,
  before: Ticket,
  d: Decision,
  action: string,
  actor: { person: string; entryPoint: EntryPoint },
): Promise<Ticket> {
  if (!(await tx.update(d.ticket, before.version))) throw new LostRace();
  const saved: Ticket = { ...d.ticket, version: before.version + 1 };
  await tx.appendHistory([
    { ticketId: before.id, at: saved.lastUpdate, actor: actor.person, entryPoint: actor.entryPoint, action, changes: d.changes },
  ]);
  if (d.log) await tx.appendLog(before.id, { at: saved.lastUpdate, author: actor.person, ...d.log });
  await tx.appendOutbox(d.events.map((e) => toEvent(saved, e)));
  return saved;
}
