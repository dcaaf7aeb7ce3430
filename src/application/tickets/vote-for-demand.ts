/**
 * "+1 to D-…" (docs/demands.md "Votes"): the caller of a request that was offered an open demand at filing votes
 * for it with the request. In one transaction: a vote row (one per person and demand; the demand's first caller
 * has voted already), the demand's `votes` (+1 when the vote counts) and `source_refs` (+ the request, whether it
 * counts or not) under a guard on the votes read, the request — resumed first when pending — resolved with
 * `converted_to_demand` and solution "D-…" (the caller gets the usual "converted to demand" notice), and a
 * `DemandVoted` event (the demand card's count). The offered demand is the one stored at filing, not the card's.
 */
import { formatDemandRef, parseDemandRef, type Demand } from '../../domain/demands/demand';
import { fail, ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR, type Actor } from '../../domain/tickets/actor';
import { decide } from '../../domain/tickets/lifecycle';
import { isOpen, refOf, type Ticket } from '../../domain/tickets/ticket';
import { applyDecision, toEvent } from '../unit-of-work/apply-decision';
import { LostRace } from '../unit-of-work/lost-race';
import { withTicket, type TicketContext } from './ticket-context';

export interface DemandVote {
  ticket: Ticket;
  demand: string;
  /** The demand's votes after this one. */
  votes: number;
  /** false: this person had voted for the demand already (the request is resolved all the same). */
  counted: boolean;
}

export async function voteForDemand(ctx: TicketContext, actor: Actor, ref: string, offered: string | null): Promise<Result<DemandVote>> {
  return withTicket(ctx, actor, ref, async ({ t, now, dctx }) => {
    const requestRef = refOf(t);
    if (t.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests vote for demands', { ref: requestRef });
    if (actor.person !== t.caller) return fail('DEMAND.NOT_CALLER', 'only the caller votes with a request', { ref: requestRef });
    const demandId = offered ? parseDemandRef(offered) : null;
    if (demandId === null || !isOpen(t.status) || t.parent !== null) return fail('DEMAND.NOT_OFFERED', 'no demand is offered for this request', { ref: requestRef });
    const demand = formatDemandRef(demandId);
    // The lifecycle lets the system resume and resolve (the caller may not resolve their own request).
    const system = { ...dctx, actor: SYSTEM_ACTOR.person, entryPoint: SYSTEM_ACTOR.entryPoint };
    const resumed = t.status === 'pending' ? decide(t, { type: 'resume' }, system) : null;
    if (resumed && !resumed.ok) return resumed;
    const probe = decide(resumed ? resumed.value.ticket : t, { type: 'resolve', solution: demand, resolutionCode: 'converted_to_demand', conversion: 'demand' }, system);
    if (!probe.ok) return probe;
    return ctx.uow.transaction(async (tx): Promise<Result<DemandVote>> => {
      if (!tx.demand || !tx.addDemandVote || !tx.updateDemandVotes) throw new Error('this ticket store keeps no demands');
      const d: Demand | null = await tx.demand(demandId);
      if (!d) return fail('DEMAND.NOT_FOUND', 'no such demand', { ref: requestRef, demand });
      if (d.state !== 'open') return fail('DEMAND.NOT_OPEN', 'the demand takes no more votes', { ref: requestRef, state: d.state });
      const counted = d.caller !== actor.person && (await tx.addDemandVote({ demandId, person: actor.person, ref: requestRef, at: now }));
      const votes = d.votes + (counted ? 1 : 0);
      const sourceRefs = d.sourceRefs.includes(requestRef) ? d.sourceRefs : [...d.sourceRefs, requestRef];
      if (!(await tx.updateDemandVotes({ id: demandId, votes, sourceRefs, updatedAt: now }, d.votes))) throw new LostRace();
      let current = t;
      if (resumed) current = await applyDecision(tx, t, resumed.value, 'resume', SYSTEM_ACTOR);
      const resolved = decide(current, { type: 'resolve', solution: demand, resolutionCode: 'converted_to_demand', conversion: 'demand' }, system);
      if (!resolved.ok) throw new Error(`demand vote refused after its check: ${resolved.error.code}`);
      const after = await applyDecision(tx, current, resolved.value, 'resolve', SYSTEM_ACTOR);
      await tx.appendOutbox([toEvent(after, { type: 'DemandVoted', actor: actor.person, entryPoint: actor.entryPoint, at: now, data: { demandId, demand, votes, counted } })]);
      return ok({ ticket: after, demand, votes, counted });
    });
  });
}
