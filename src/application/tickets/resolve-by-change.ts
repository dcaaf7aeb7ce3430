/**
 * A successful change closes what it fixes (docs/changes.md §5), all in one transaction:
 * - each linked open problem is resolved by the system (solution: the change's ref; root cause: the problem's own,
 *   else the change's title), then its linked open requests and incidents;
 * - each linked open incident, and each open request of it, is resolved naming the change (`auto_resolve` from
 *   `C-…`, resolution code `incident`).
 * A ticket reached twice (linked directly and through its incident or problem) is resolved once. The resolutions'
 * events carry `byChange` (the change's ref): their callers are not told per ticket; instead the transaction
 * appends one change event, `ChangeLinkedResolved`, naming the distinct callers of what was resolved, so each
 * caller is told once (docs/changes.md §6). Nothing open left → nothing written (a retry or a replay tells nobody).
 */
import { changeOutboxEvents } from '../../domain/changes/change-outbox';
import { ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { decide, type Decision } from '../../domain/tickets/lifecycle';
import { isOpen, OPEN_STATES, type Ticket } from '../../domain/tickets/ticket';
import { applyDecision } from '../unit-of-work/apply-decision';
import { NO_DIRECTORY, type TicketContext } from './ticket-context';

/** What the change's closing needs to know of it. */
export interface ClosingChange {
  id: number;
  ref: string;
  title: string;
  /** The change's version when it succeeded (keys its closing event). */
  version: number;
  problems: readonly number[];
  incidents: readonly number[];
}

/** The event data key marking a resolution made by a change's closing (its value: the change's ref). */
export const BY_CHANGE = 'byChange';

const marked = (d: Decision, changeRef: string): Decision => ({ ...d, events: d.events.map((e) => ({ ...e, data: { ...e.data, [BY_CHANGE]: changeRef } })) });

/** Resolve the change's linked open problems and incidents and their open tickets; returns what was resolved. */
export function resolveByChange(ctx: TicketContext, change: ClosingChange): Promise<Result<Ticket[]>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const now = ctx.clock.now();
    const dctx = { dir, actor: SYSTEM_ACTOR.person, entryPoint: SYSTEM_ACTOR.entryPoint, now, counter: ctx.counters(dir) };
    const resolved = await ctx.uow.transaction(async (tx) => {
      const out: Ticket[] = [];
      const seen = new Set<number>();
      const resolve = async (t: Ticket) => {
        if (seen.has(t.id)) return;
        seen.add(t.id);
        const fresh = (await tx.get(t.id)) ?? t;
        if (!isOpen(fresh.status)) return;
        const d = decide(fresh, { type: 'auto_resolve', parentRef: change.ref }, dctx);
        if (d.ok) out.push(await applyDecision(tx, fresh, marked(d.value, change.ref), 'auto_resolve', SYSTEM_ACTOR));
      };
      const closeIncident = async (incident: Ticket) => {
        await resolve(incident);
        for (const child of await tx.list({ parent: incident.id, states: [...OPEN_STATES] })) await resolve(child);
      };
      for (const id of change.problems) {
        const problem = await tx.get(id);
        if (!problem || problem.kind !== 'problem') continue;
        if (!seen.has(problem.id) && isOpen(problem.status)) {
          seen.add(problem.id);
          const cmd = { type: 'resolve_problem' as const, rootCause: problem.rootCause ?? change.title, solution: change.ref };
          const d = decide(problem, cmd, dctx);
          // A problem nobody has taken (new) or pending cannot be resolved as such; its tickets still are.
          if (d.ok) out.push(await applyDecision(tx, problem, marked(d.value, change.ref), 'resolve_problem', SYSTEM_ACTOR));
        }
        for (const t of await tx.list({ problem: id, states: [...OPEN_STATES] })) {
          if (t.kind === 'incident') await closeIncident(t);
          else await resolve(t);
        }
      }
      for (const id of change.incidents) {
        const incident = await tx.get(id);
        if (incident && incident.kind === 'incident') await closeIncident(incident);
      }
      const callers = [...new Set(out.filter((t) => t.kind !== 'problem').map((t) => t.caller))];
      if (out.length > 0) {
        const e = { type: 'ChangeLinkedResolved' as const, step: 0, actor: SYSTEM_ACTOR.person, at: now, text: null };
        const [row] = changeOutboxEvents(change.id, change.version, [e]);
        await tx.appendOutbox([{ ...row!, data: { ...row!.data, callers, refs: out.map((t) => t.id) } }]);
      }
      return out;
    });
    return ok(resolved);
  });
}
