/**
 * The card's pend (docs/demands.md "Converting a request"): `reason_kind: demand` converts the request into a demand
 * at once through the same use case as the `需求` command (the reason is the demand's note); any other kind, or none,
 * pends it with the reason.
 */
import type { DemandConversion } from '../../../application/tickets/convert-to-demand';
import type { Ticket } from '../../../domain/tickets/ticket';
import { fill } from '../../views/replies/plain-text';
import type { TicketActionSpec } from './ticket-action-spec';

function conversion(value: unknown): DemandConversion | null {
  const v = value as Partial<DemandConversion> | null | undefined;
  return v && typeof v === 'object' && typeof v.demand === 'string' && v.ticket ? (v as DemandConversion) : null;
}

export const PEND_CARD_ACTION: TicketActionSpec = {
  done: (c, value, ref) => {
    const converted = conversion(value);
    return converted ? fill(c.ops.demandCreated, { ref, demand: converted.demand }) : fill(c.notice.done.pend, { ref });
  },
  input: 'reason',
  ticketOf: (value) => conversion(value)?.ticket ?? (value as Ticket),
  run: (d, a, ref, p) => {
    const reason = p.get('reason') ?? '';
    if (p.get('reason_kind')?.trim() === 'demand') return d.tickets.convertToDemand(a, ref, reason, { demandTeam: d.demandTeam });
    return d.tickets.pend(a, ref, reason);
  },
};
