/**
 * Problems (`P-`, docs/domain.md §9): make one from requests and incidents, link and unlink tickets, resolve it
 * (root cause, workaround and/or solution). Resolving a problem resolves nothing by itself: its workaround is
 * offered to the agents of the linked open tickets (the `TicketResolved` event of the problem carries it; the
 * linked tickets are listed with `problemTickets`). The system may resolve a problem (a change that fixed it).
 */
import type { TicketTx } from '../../domain/ports/ticket-store.port';
import { fail, ok, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { checkProblemManager, checkProblemSource, openProblem } from '../../domain/tickets/open-problem';
import { isAllowed } from '../../domain/tickets/permissions';
import { formatRef, refOf, type Ticket } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { updateGuarded } from '../unit-of-work/lost-race';
import { actOnTicket } from './act-on-ticket';
import { insertNew } from './open-ticket';
import { loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

/** History action and field names of problem links (both tickets get a row). */
export const PROBLEM_LINK = 'problem_link';
export const PROBLEM_UNLINK = 'problem_unlink';

export interface MakeProblemInput {
  /** Refs of the requests and incidents it gathers (`R-…`, `I-…`), at least one. */
  refs: string[];
  title?: string;
  /** Someone else of the maker's team (default: the maker). */
  assignee?: string;
}

/** A ticket's problem set (or cleared), with a history row on both and a TicketLinked/TicketUnlinked event on the ticket. */
async function setProblemInTx(tx: TicketTx, t: Ticket, problem: Ticket, link: boolean, actor: Actor, now: Date): Promise<Ticket> {
  const pRef = refOf(problem);
  const next = await updateGuarded(tx, { ...t, problem: link ? problem.id : null, lastUpdate: now }, t.version);
  const action = link ? PROBLEM_LINK : PROBLEM_UNLINK;
  const at = { at: now, actor: actor.person, entryPoint: actor.entryPoint, action };
  await tx.appendHistory([
    { ticketId: t.id, ...at, changes: [{ field: 'problem', from: link ? null : pRef, to: link ? pRef : null }] },
    { ticketId: problem.id, ...at, changes: [{ field: 'ticket', from: link ? null : refOf(t), to: link ? refOf(t) : null }] },
  ]);
  await tx.appendOutbox([
    toEvent(next, { type: link ? 'TicketLinked' : 'TicketUnlinked', actor: actor.person, entryPoint: actor.entryPoint, at: now, data: { problem: pRef, problemId: problem.id } }),
  ]);
  return next;
}

/** Load distinct refs in order; the first failure wins. */
async function loadAll(ctx: TicketContext, refs: readonly string[]): Promise<Result<Ticket[]>> {
  const out: Ticket[] = [];
  for (const ref of refs) {
    const found = await loadTicket(ctx, ref);
    if (!found.ok) return found;
    if (!out.some((t) => t.id === found.value.id)) out.push(found.value);
  }
  return ok(out);
}

/** Make a problem from requests/incidents and link them to it, in one transaction. */
export async function makeProblem(ctx: TicketContext, actor: Actor, input: MakeProblemInput): Promise<Result<Ticket>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    if (input.refs.length === 0) return fail('TICKET.FIELD_REQUIRED', 'at least one ticket is required', { field: 'refs' });
    const loaded = await loadAll(ctx, input.refs);
    if (!loaded.ok) return loaded;
    const now = ctx.clock.now();
    const opened = openProblem(
      { actor: actor.person, tickets: loaded.value, title: input.title, assignee: input.assignee },
      { dir, now, entryPoint: actor.entryPoint, counter: ctx.counters(dir) },
    );
    if (!opened.ok) return opened;
    const problem = await ctx.uow.transaction(async (tx) => {
      const saved = await insertNew(tx, opened.value.ticket, opened.value.events, 'open');
      for (const t of loaded.value) await setProblemInTx(tx, t, saved, true, actor, now);
      return saved;
    });
    return ok(problem);
  });
}

/** Link a request or incident of the problem's service to an open problem. */
export async function linkProblem(ctx: TicketContext, actor: Actor, ref: string, problemRef: string): Promise<Result<Ticket>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const t = await loadTicket(ctx, ref);
    if (!t.ok) return t;
    const p = await loadTicket(ctx, problemRef);
    if (!p.ok) return p;
    const problem = p.value;
    const may = checkProblemManager(dir, actor.person, problem, 'problem_link');
    if (!may.ok) return may;
    if (problem.status === 'closed') return fail('TICKET.NOT_OPEN', 'the problem is closed', { ref: refOf(problem), state: problem.status });
    if (t.value.problem === problem.id) {
      return fail('PROBLEM.ALREADY_LINKED', 'the ticket already belongs to this problem', { ref: refOf(t.value), problem: refOf(problem) });
    }
    const source = checkProblemSource(t.value);
    if (!source.ok) return source;
    if (t.value.service !== problem.service) return fail('TICKET.NOT_SIMILAR', 'the ticket is of another service', { ref: refOf(t.value) });
    const now = ctx.clock.now();
    return ok(await ctx.uow.transaction((tx) => setProblemInTx(tx, t.value, problem, true, actor, now)));
  });
}

/** Take a ticket out of its problem; with `fromProblem` (the problem's card), only out of that one. */
export async function unlinkProblem(ctx: TicketContext, actor: Actor, ref: string, fromProblem?: string): Promise<Result<Ticket>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const t = await loadTicket(ctx, ref);
    if (!t.ok) return t;
    if (!t.value.problem) return fail('PROBLEM.NOT_LINKED', 'the ticket belongs to no problem', { ref: refOf(t.value) });
    const p = await loadTicket(ctx, formatRef('problem', t.value.problem));
    if (!p.ok) return p;
    const may = checkProblemManager(dir, actor.person, p.value, 'problem_unlink');
    if (!may.ok) return may;
    if (fromProblem !== undefined && refOf(p.value) !== fromProblem.trim().toUpperCase()) {
      return fail('PROBLEM.LINKED_ELSEWHERE', 'the ticket belongs to another problem', { ref: refOf(t.value), problem: refOf(p.value) });
    }
    const now = ctx.clock.now();
    return ok(await ctx.uow.transaction((tx) => setProblemInTx(tx, t.value, p.value, false, actor, now)));
  });
}

export interface ProblemResolution {
  rootCause: string;
  workaround?: string;
  solution?: string;
}

/**
 * Resolve a problem: root cause and a workaround and/or solution. Nothing else changes (its tickets stay as they
 * are). Callable by the system (`SYSTEM_ACTOR`): a change that fixed the problem resolves it with solution = the
 * change's ref.
 */
export function resolveProblem(ctx: TicketContext, actor: Actor, ref: string, r: ProblemResolution): Promise<Result<Ticket>> {
  return actOnTicket(ctx, actor, ref, { type: 'resolve_problem', rootCause: r.rootCause, workaround: r.workaround, solution: r.solution });
}

/** The requests and incidents linked to a problem (any state), for those who may see the problem. */
export async function problemTickets(ctx: TicketContext, actor: Actor, problemRef: string): Promise<Result<Ticket[]>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const p = await loadTicket(ctx, problemRef);
  if (!p.ok) return p;
  if (p.value.kind !== 'problem') return fail('PROBLEM.NOT_A_PROBLEM', 'this is not a problem', { ref: refOf(p.value) });
  if (actor.person !== 'system' && !isAllowed(dir, actor.person, 'view', p.value)) {
    return fail('TICKET.NOT_ALLOWED', 'not allowed to see this problem', { ref: refOf(p.value), action: 'view' });
  }
  return ok(await ctx.store.list({ problem: p.value.id }));
}
