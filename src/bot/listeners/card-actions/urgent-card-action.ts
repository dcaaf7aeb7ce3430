/**
 * `ticket.urgent`: the caller (or an administrator) marks a new request urgent from its card. Re-checked on the
 * server against the current ticket (state new, the caller or an administrator, not urgent yet), then
 * `TicketService.reclassify` with urgency 1 recomputes priority and deadlines and writes history and outbox. The
 * clicker is told the new priority and deadlines in their language and zone.
 */
import { ACTION_IDS } from '../../action-ids';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { checkRaiseUrgency, URGENT } from '../../../domain/tickets/raise-urgency';
import type { Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { formatDeadline } from '../../../domain/shared/catalog-format';
import { fill } from '../../views/replies/plain-text';
import type { TicketActionSpec } from './ticket-action-spec';

interface Raised {
  ticket: Ticket;
  /** The clicker's IANA zone, for the deadlines. */
  zone: string;
}

export function urgentNotice(c: BotCatalog, raised: Raised, ref: string): string {
  const { ticket, zone } = raised;
  const deadline = (d: Date | null) => (d ? formatDeadline(d, c, zone, { withYear: false }) : c.value.noSla);
  return fill(c.ops.urgentDone, {
    ref,
    priority: fill(c.value.priorityLine, { name: c.priority[ticket.priority], level: ticket.priority }),
    tto: deadline(ticket.tto.deadline),
    ttr: deadline(ticket.ttr.deadline),
  });
}

export const URGENT_CARD_ACTIONS: Readonly<Record<string, TicketActionSpec>> = {
  [ACTION_IDS.urgent]: {
    done: (c, v, ref) => urgentNotice(c, v as Raised, ref),
    input: null,
    ticketOf: (v) => (v as Raised).ticket,
    run: async (deps, actor, ref, _p, t): Promise<Result<Raised>> => {
      const dir = await deps.directory.current();
      if (!dir) return fail('DIRECTORY.EMPTY', 'no directory has been imported yet');
      const allowed = checkRaiseUrgency(dir, actor.person, t);
      if (!allowed.ok) return allowed;
      // The domain re-checks the caller's narrow path on the ticket it reloads (lifecycle.ts `decide`).
      const r = await deps.tickets.reclassify(actor, ref, { urgency: URGENT });
      if (!r.ok) return r;
      return ok({ ticket: r.value, zone: dir.person(actor.person)?.timezone ?? dir.timezone });
    },
  },
};
