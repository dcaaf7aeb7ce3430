/**
 * A successful change closes what it fixes (docs/changes.md §5): each linked open incident, and each open request
 * of it, is resolved by the system naming the change (`auto_resolve` from `C-…`), all in one transaction. Resolved
 * requests notify their callers through the trigger table's `resolved` row, one notice each.
 */
import { ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { decide } from '../../domain/tickets/lifecycle';
import { isOpen, OPEN_STATES, type Ticket } from '../../domain/tickets/ticket';
import { applyDecision } from '../unit-of-work/apply-decision';
import { NO_DIRECTORY, type TicketContext } from './ticket-context';

/** Resolve the open incidents `incidentIds` and their open requests from `changeRef`; returns what was resolved. */
export function resolveByChange(ctx: TicketContext, changeRef: string, incidentIds: readonly number[]): Promise<Result<Ticket[]>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const now = ctx.clock.now();
    const dctx = { dir, actor: SYSTEM_ACTOR.person, entryPoint: SYSTEM_ACTOR.entryPoint, now, counter: ctx.counters(dir) };
    const resolved = await ctx.uow.transaction(async (tx) => {
      const out: Ticket[] = [];
      const resolve = async (t: Ticket) => {
        const d = decide(t, { type: 'auto_resolve', parentRef: changeRef }, dctx);
        if (d.ok) out.push(await applyDecision(tx, t, d.value, 'auto_resolve', SYSTEM_ACTOR));
      };
      for (const id of incidentIds) {
        const incident = await tx.get(id);
        if (!incident || incident.kind !== 'incident') continue;
        if (isOpen(incident.status)) await resolve(incident);
        for (const child of await tx.list({ parent: id, states: [...OPEN_STATES] })) await resolve(child);
      }
      return out;
    });
    return ok(resolved);
  });
}
