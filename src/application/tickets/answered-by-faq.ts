/**
 * A question the FAQ answered before anything was filed (docs/domain.md §8): the caller clicked "Solved", so a
 * request is recorded as `resolved` with resolution code `faq` and solution "F-…", origin `chat`, in one
 * transaction with its history rows (`open` by the caller, `faq_answered` by the system) and NO outbox event:
 * no card, no notice, no threshold for the service team. It counts as deflected.
 */
import { FAQ_ANSWERED, FAQ_FIELD } from '../../domain/tickets/faq-history';
import { ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR, type Actor } from '../../domain/tickets/actor';
import { diffTicket } from '../../domain/tickets/lifecycle';
import { openRequest } from '../../domain/tickets/open';
import type { Ticket, TicketState } from '../../domain/tickets/ticket';
import type { OpenInput } from './open-ticket';
import { NO_DIRECTORY, type TicketContext } from './ticket-context';

export async function recordAnsweredByFaq(ctx: TicketContext, actor: Actor, input: OpenInput, faqRef: string): Promise<Result<Ticket>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const now = ctx.clock.now();
  const opened = openRequest({ ...input, caller: input.caller ?? actor.person }, { dir, now, entryPoint: actor.entryPoint, counter: ctx.counters(dir) });
  if (!opened.ok) return opened;
  const draft: Ticket = { ...opened.value.ticket, status: 'resolved', solution: faqRef, resolutionCode: 'faq', resolvedAt: now, lastUpdate: now };
  const ticket = await ctx.uow.transaction(async (tx) => {
    const id = await tx.insert(draft);
    const saved = { ...draft, id };
    const changes = diffTicket({ ...saved, status: null as unknown as TicketState }, { ...opened.value.ticket, id }).filter((c) => c.to !== null);
    await tx.appendHistory([
      { ticketId: id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: 'open', changes },
      {
        ticketId: id,
        at: now,
        actor: SYSTEM_ACTOR.person,
        entryPoint: SYSTEM_ACTOR.entryPoint,
        action: FAQ_ANSWERED,
        changes: [
          { field: 'status', from: opened.value.ticket.status, to: 'resolved' },
          { field: 'solution', from: null, to: faqRef },
          { field: 'resolution_code', from: null, to: 'faq' },
          { field: FAQ_FIELD, from: null, to: faqRef },
        ],
      },
    ]);
    return saved;
  });
  return ok(ticket);
}
