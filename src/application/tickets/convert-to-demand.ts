/**
 * A request becomes a demand (docs/demands.md): in one transaction the demand `D-…` is inserted (title and
 * description from the request, the agent's note appended), the request — resumed first when pending — is resolved
 * with resolution code `converted_to_demand` and solution "D-…" (the caller gets the usual resolved notice naming
 * it), and a `DemandCreated` outbox event posts the demand to the pool's webhook. The agent's permissions are the
 * resolve command's, re-checked on the current directory.
 */
import { formatDemandRef } from '../../domain/demands/demand';
import { fail, ok, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { decide } from '../../domain/tickets/lifecycle';
import { checkCommandActor } from '../../domain/tickets/preconditions';
import type { Ticket } from '../../domain/tickets/ticket';
import { applyDecision, toEvent } from '../unit-of-work/apply-decision';
import { withTicket, type TicketContext } from './ticket-context';

export interface DemandConversion {
  ticket: Ticket;
  demand: string;
}

export async function convertToDemand(
  ctx: TicketContext,
  actor: Actor,
  ref: string,
  note: string,
  options: { demandTeam?: string } = {},
): Promise<Result<DemandConversion>> {
  const allowed = checkCommandActor(actor, { type: 'resolve', solution: 'D-', resolutionCode: 'converted_to_demand', conversion: 'demand' }, ref);
  if (!allowed.ok) return allowed;
  return withTicket(ctx, actor, ref, async ({ dir, t, now, dctx }) => {
    if (t.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests become demands', { ref });
    // Decided first with a placeholder solution: every refusal is known before anything is written.
    const resumed = t.status === 'pending' ? decide(t, { type: 'resume' }, dctx) : null;
    if (resumed && !resumed.ok) return resumed;
    const probe = decide(resumed ? resumed.value.ticket : t, { type: 'resolve', solution: 'D-', resolutionCode: 'converted_to_demand', conversion: 'demand' }, dctx);
    if (!probe.ok) return probe;
    const saved = await ctx.uow.transaction(async (tx) => {
      if (!tx.insertDemand) throw new Error('this ticket store keeps no demands');
      const text = note.trim();
      const demandId = await tx.insertDemand({
        title: t.title,
        description: text ? `${t.description}\n\n${text}` : t.description,
        caller: t.caller,
        service: t.service,
        team: options.demandTeam ?? dir.service(t.service)?.team ?? t.team,
        sourceRefs: [ref.toUpperCase()],
        votes: 1,
        state: 'open',
        createdAt: now,
        updatedAt: now,
      });
      const demand = formatDemandRef(demandId);
      let current = t;
      if (resumed) current = await applyDecision(tx, t, resumed.value, 'resume', actor);
      const resolved = decide(current, { type: 'resolve', solution: demand, resolutionCode: 'converted_to_demand', conversion: 'demand' }, dctx);
      if (!resolved.ok) throw new Error(`demand conversion refused after its check: ${resolved.error.code}`);
      const after = await applyDecision(tx, current, resolved.value, 'resolve', actor);
      await tx.appendOutbox([
        toEvent(after, { type: 'DemandCreated', actor: actor.person, entryPoint: actor.entryPoint, at: now, data: { demandId, demand } }),
      ]);
      return { ticket: after, demand };
    });
    return ok(saved);
  });
}
