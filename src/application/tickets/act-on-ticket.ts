/**
 * Apply one lifecycle command to a ticket: re-check it on the current directory (`decide`), save it with the
 * optimistic version check, retried on a lost race. Resolving an incident resolves its open children in the same
 * transaction (by the system). System commands (thresholds, cascades) are refused to people.
 */
import { ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR, type Actor } from '../../domain/tickets/actor';
import { decide, type TicketCommand } from '../../domain/tickets/lifecycle';
import { checkCommandActor } from '../../domain/tickets/preconditions';
import { OPEN_STATES, refOf, type Ticket } from '../../domain/tickets/ticket';
import { applyDecision } from '../unit-of-work/apply-decision';
import { withTicket, type TicketContext } from './ticket-context';

export async function actOnTicket(ctx: TicketContext, actor: Actor, ref: string, cmd: TicketCommand): Promise<Result<Ticket>> {
  const allowed = checkCommandActor(actor, cmd, ref);
  if (!allowed.ok) return allowed;
  return withTicket(ctx, actor, ref, async ({ t, dctx }) => {
    const d = decide(t, cmd, dctx);
    if (!d.ok) return d;
    const saved = await ctx.uow.transaction(async (tx) => {
      const after = await applyDecision(tx, t, d.value, cmd.type, actor);
      if (t.kind === 'incident' && d.value.ticket.status === 'resolved') {
        const children = await tx.list({ parent: t.id, states: [...OPEN_STATES] });
        for (const child of children) {
          const inc = d.value.ticket;
          const cmd = { type: 'auto_resolve' as const, parentRef: refOf(t), solution: inc.solution ?? '', agent: inc.agent, team: inc.team };
          const cd = decide(child, cmd, {
            ...dctx,
            actor: SYSTEM_ACTOR.person,
            entryPoint: SYSTEM_ACTOR.entryPoint,
          });
          if (cd.ok) await applyDecision(tx, child, cd.value, 'auto_resolve', SYSTEM_ACTOR);
        }
      }
      return after;
    });
    return ok(saved);
  });
}
