/**
 * The optimistic version check: a guarded ticket update that lost to a concurrent change throws `LostRace`, which
 * rolls the transaction back; `UnitOfWork` runs the work again from a fresh read (the only retry loop).
 */
import type { TicketTx } from '../../domain/ports/ticket-store.port';
import type { Ticket } from '../../domain/tickets/ticket';

/** Thrown inside a transaction when the guarded update lost to a concurrent change: roll back and retry. */
export class LostRace extends Error {
  constructor() {
    super('the ticket changed concurrently');
  }
}

/** Write `next` only if the stored version is still `expectedVersion` (else throw LostRace); returns it bumped. */
export async function updateGuarded(tx: Pick<TicketTx, 'update'>, next: Ticket, expectedVersion: number): Promise<Ticket> {
  if (!(await tx.update(next, expectedVersion))) throw new LostRace();
  return { ...next, version: expectedVersion + 1 };
}
