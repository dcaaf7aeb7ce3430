/**
 * Opening a problem (`P-`, docs/domain.md §9) from one or more requests or incidents of one service. Pure: the new
 * problem (id 0 until saved) and its creation event, or a coded refusal.
 *
 * - Made by a problem manager of the service's team (or of a team of the caller organisation's delivery model), or
 *   an administrator; from tickets that are open or resolved (not closed), of one service, none with a problem yet.
 * - Service, subcategory and org come from the earliest ticket; the title is the maker's, else the earliest's.
 * - Team: the maker's team among the service's team and the delivery model's teams; assignee: the maker, unless
 *   they name someone else of that team. An administrator of none of those teams opens it unassigned in the
 *   service's team (its problem managers claim it).
 * - TTO/TTR: only an SLT row of request type `problem` applies (`"*"` rows do not); none → no deadline, the
 *   stopwatches stay idle. A problem opened assigned has its TTO stopped at once (docs/domain.md §9).
 */
import type { Directory } from '../directory/directory';
import { checkAssignmentTarget } from '../directory/eligibility';
import { fail, ok, type Result } from '../shared/result';
import type { Opened, OpenContext } from './open';
import { FIRST_DEADLINE_VERSION, withSltClocks } from './open';
import { isProblemManagerOf } from './permissions';
import { idleStopwatch, stopStopwatch } from './stopwatch';
import { refOf, TITLE_MAX, type Ticket } from './ticket';

export interface OpenProblemInput {
  actor: string;
  /** The requests and incidents it gathers (at least one). */
  tickets: Ticket[];
  title?: string;
  /** Someone else of the maker's team to assign it to (default: the maker). */
  assignee?: string;
}

/** The team a problem of `service` made by `actor` belongs to, or null (not a problem manager of any). */
export function problemTeamOf(dir: Directory, actor: string, service: string, org: string): string | null {
  const own = dir.service(service)?.team;
  const teams = [...(own ? [own] : []), ...(dir.deliveryModelFor(org)?.teams ?? [])];
  return teams.find((team) => isProblemManagerOf(dir, actor, team)) ?? null;
}

/**
 * Whether `person` may link tickets to `problem` or unlink them (docs/domain.md §9): an active problem manager of its
 * team, or an administrator.
 */
export function checkProblemManager(dir: Directory, person: string, problem: Ticket, action: string): Result<void> {
  if (problem.kind !== 'problem') return fail('PROBLEM.NOT_A_PROBLEM', 'this is not a problem', { ref: refOf(problem) });
  if (!dir.isActive(person) || !(isProblemManagerOf(dir, person, problem.team) || dir.hasProfile(person, 'administrator'))) {
    return fail('PROBLEM.NOT_ALLOWED', 'not allowed to change this problem', { ref: refOf(problem), action, person });
  }
  return ok(undefined);
}

/** Whether `ticket` may be gathered into a problem (kind, state, no problem yet). */
export function checkProblemSource(t: Ticket): Result<void> {
  if (t.kind !== 'request' && t.kind !== 'incident') {
    return fail('PROBLEM.NOT_A_TICKET', 'only requests and incidents make a problem', { ref: refOf(t) });
  }
  if (t.status === 'closed') return fail('TICKET.NOT_OPEN', 'the ticket is closed', { ref: refOf(t), state: t.status });
  if (t.problem) {
    return fail('PROBLEM.ALREADY_LINKED', 'the ticket already belongs to a problem', { ref: refOf(t), problem: refOf({ kind: 'problem', id: t.problem }) });
  }
  return ok(undefined);
}

export function openProblem(input: OpenProblemInput, ctx: OpenContext): Result<Opened> {
  const { dir, now } = ctx;
  const actor = dir.person(input.actor);
  if (!actor) return fail('PERSON.UNKNOWN', 'no person is linked to this account', { person: input.actor });
  if (actor.status !== 'active') return fail('PERSON.INACTIVE', 'the person is inactive', { person: actor.id });
  if (input.tickets.length === 0) return fail('TICKET.FIELD_REQUIRED', 'at least one ticket is required', { field: 'refs' });
  for (const t of input.tickets) {
    const source = checkProblemSource(t);
    if (!source.ok) return source;
  }
  const earliest = [...input.tickets].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)[0]!;
  const other = input.tickets.find((t) => t.service !== earliest.service);
  if (other) return fail('TICKET.NOT_SIMILAR', 'the tickets are of different services', { ref: refOf(other) });
  const service = dir.service(earliest.service);
  if (!service) return fail('SERVICE.UNKNOWN', 'unknown service or subcategory', { service: earliest.service, subcategory: earliest.subcategory });

  const ownTeam = problemTeamOf(dir, actor.id, service.code, earliest.org);
  const admin = dir.hasProfile(actor.id, 'administrator');
  if (!ownTeam && !admin) return fail('PROBLEM.NOT_ALLOWED', 'not allowed to make a problem', { ref: refOf(earliest), action: 'make_problem' });
  const team = ownTeam ?? service.team;
  const agent = input.assignee ?? (ownTeam ? actor.id : null);
  if (agent !== null) {
    const target = checkAssignmentTarget(dir, earliest.org, team, agent);
    if (!target.ok) return target;
  }

  const title = (input.title ?? '').trim() || earliest.title;
  if ([...title].length > TITLE_MAX) return fail('TICKET.TITLE_TOO_LONG', `the title is longer than ${TITLE_MAX} characters`, { max: TITLE_MAX });
  const ticket: Ticket = {
    id: 0,
    kind: 'problem',
    title,
    description: earliest.description,
    caller: actor.id,
    org: earliest.org,
    service: earliest.service,
    subcategory: earliest.subcategory,
    // the earliest ticket's; a problem's SLT rows are those of request type `problem` (docs/domain.md §9)
    requestType: earliest.requestType,
    impact: earliest.impact,
    urgency: earliest.urgency,
    priority: earliest.priority,
    origin: ctx.entryPoint,
    sourceMsg: null,
    status: agent ? 'assigned' : 'new',
    team,
    agent,
    parent: null,
    pendingReason: null,
    solution: null,
    resolutionCode: null,
    satisfaction: null,
    satisfactionComment: null,
    contract: null,
    sla: null,
    tto: idleStopwatch(),
    ttr: idleStopwatch(),
    deadlineVersion: FIRST_DEADLINE_VERSION,
    notifiedLeads: [],
    createdAt: now,
    assignedAt: agent ? now : null,
    resolvedAt: null,
    closedAt: null,
    lastUpdate: now,
    version: 1,
    problem: null,
    rootCause: null,
    workaround: null,
  };
  const refs = input.tickets.map((t) => refOf(t));
  const clocked = withSltClocks(ticket, ctx);
  // Assigned at creation: TTO is met at once (docs/domain.md §3.2, its first assignment).
  const opened = agent ? { ...clocked, tto: stopStopwatch(clocked.tto, now, ctx.counter(clocked.tto.calendar)) } : clocked;
  return ok({
    ticket: opened,
    events: [
      {
        type: 'TicketCreated',
        actor: actor.id,
        entryPoint: ctx.entryPoint,
        at: now,
        data: { service: ticket.service, subcategory: ticket.subcategory, team, priority: ticket.priority, agent, tickets: refs },
      },
    ],
  });
}
