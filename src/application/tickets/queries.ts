/**
 * Reading tickets: one ticket, its logs and history as the actor may see them (the system sees everything),
 * lists filtered to what the actor may view, and the summaries the bot compares and counts.
 */
import type { HistoryRow, TicketQuery, TicketSummary } from '../../domain/ports/ticket-store.port';
import { fail, ok, type Result } from '../../domain/shared/result';
import { isSystem, type Actor } from '../../domain/tickets/actor';
import { isAllowed } from '../../domain/tickets/permissions';
import { OPEN_STATES, parseRef, refOf, type LogEntry, type Ticket, type TicketKind, type TicketState } from '../../domain/tickets/ticket';
import { loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

export type ListScope =
  | { scope: 'mine' }
  | { scope: 'team_queue' }
  | { scope: 'unassigned' }
  | { scope: 'by_state'; states: TicketState[] }
  | { scope: 'by_service'; service: string; states?: TicketState[]; createdAfter?: Date; kind?: TicketKind }
  | { scope: 'children'; parent: string; callers?: readonly string[] };

/** A ticket the actor may view; `system` sees everything. */
export async function getTicket(ctx: TicketContext, actor: Actor, ref: string): Promise<Result<Ticket>> {
  const found = await loadTicket(ctx, ref);
  if (!found.ok || isSystem(actor.person)) return found;
  const dir = await ctx.directory.current();
  if (!dir || !isAllowed(dir, actor.person, 'view', found.value)) {
    return fail('TICKET.NOT_ALLOWED', 'not allowed to view this ticket', { ref: refOf(found.value), action: 'view' });
  }
  return found;
}

/** The ticket filed from chat message `msgId`, if any. */
export function filedFrom(ctx: TicketContext, msgId: string): Promise<Ticket | null> {
  return ctx.store.filedFrom(msgId);
}

export async function ticketLogs(ctx: TicketContext, actor: Actor, ref: string): Promise<Result<LogEntry[]>> {
  const t = await getTicket(ctx, actor, ref);
  if (!t.ok) return t;
  const dir = await ctx.directory.current();
  const all = await ctx.store.logs(t.value.id);
  const seesPrivate = isSystem(actor.person) || (!!dir && isAllowed(dir, actor.person, 'note_private', t.value));
  return ok(seesPrivate ? all : all.filter((l) => l.visibility === 'public'));
}

export async function ticketHistory(ctx: TicketContext, actor: Actor, ref: string): Promise<Result<HistoryRow[]>> {
  const t = await getTicket(ctx, actor, ref);
  if (!t.ok) return t;
  return ok(await ctx.store.history(t.value.id));
}

/** How many tickets `person` is the caller of, opened at or after `since` (every process's, from the store). */
export function filedSince(ctx: TicketContext, person: string, since: Date): Promise<number> {
  return ctx.store.count({ caller: person, createdAfter: since });
}

/** Lists, filtered to what the actor may view, newest first. */
export async function listTickets(ctx: TicketContext, actor: Actor, what: ListScope, limit = 50): Promise<Result<Ticket[]>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const me = actor.person;
  const myTeams = dir.teamsOf(me).map((t) => t.code);
  let queries: TicketQuery[];
  switch (what.scope) {
    case 'mine':
      queries = [{ caller: me, limit }, { agent: me, limit }];
      break;
    case 'team_queue':
      if (myTeams.length === 0) return ok([]);
      queries = [{ teams: myTeams, states: [...OPEN_STATES], limit }];
      break;
    case 'unassigned':
      if (myTeams.length === 0) return ok([]);
      queries = [{ teams: myTeams, unassigned: true, states: ['new', 'escalated_tto'], limit }];
      break;
    case 'by_state':
      queries = [{ states: what.states, limit: limit * 4 }];
      break;
    case 'by_service':
      queries = [{ service: what.service, states: what.states, createdAfter: what.createdAfter, kind: what.kind, limit: isSystem(me) ? limit : limit * 4 }];
      break;
    case 'children': {
      const parent = await loadTicket(ctx, what.parent);
      if (!parent.ok) return parent;
      queries = [{ parent: parent.value.id, limit }];
      break;
    }
  }
  const seen = new Set<number>();
  const out: Ticket[] = [];
  for (const q of queries) {
    for (const t of await ctx.store.list(q)) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      if (isSystem(me) || isAllowed(dir, me, 'view', t)) out.push(t);
    }
  }
  out.sort((a, b) => b.id - a.id);
  return ok(out.slice(0, limit));
}

/**
 * The summaries (`TicketSummary`) of a service's tickets or of an incident's requests, newest first: reads for
 * the bot's own comparisons and counts (duplicate search, impact), not shown to anyone as such. An incident's
 * requests are found by the id its ref names (the incident itself is not read: every incident card asks).
 */
export async function ticketSummaries(
  ctx: TicketContext,
  what: Extract<ListScope, { scope: 'by_service' } | { scope: 'children' }>,
  limit: number,
): Promise<Result<TicketSummary[]>> {
  if (what.scope === 'by_service') {
    return ok(await ctx.store.summaries({ service: what.service, states: what.states, createdAfter: what.createdAfter, kind: what.kind, limit }));
  }
  const parent = parseRef(what.parent);
  if (!parent) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref: what.parent });
  return ok(await ctx.store.summaries({ parent: parent.id, ...(what.callers ? { callers: what.callers } : {}), limit }));
}

/**
 * An incident's impact counted by the database (docs/domain.md §3.2): its linked requests and their distinct callers,
 * without reading the rows (a storm joins thousands, and every join re-counts).
 */
export async function incidentImpact(ctx: TicketContext, incidentRef: string): Promise<Result<{ requests: number; people: number }>> {
  const parent = parseRef(incidentRef);
  if (!parent) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref: incidentRef });
  const counted = await ctx.store.countWithCallers({ parent: parent.id });
  return ok({ requests: counted.tickets, people: counted.callers });
}
