/**
 * The lifecycle of requests and incidents (docs/domain.md §3.1) as a table, and `decide()`: one command on one
 * ticket → the changed ticket, the history changes and the events, or a coded refusal. Pure.
 */
import type { Directory } from '../directory/directory';
import { checkAssignmentTarget, checkOffering } from '../directory/eligibility';
import { fail, ok, type Result } from '../shared/result';
import type { TicketEventDraft, TicketEventType } from './events';
import { isAllowed, type TicketPermission } from './permissions';
import { isSystem } from './actor';
import { priorityOf } from './priority';
import { checkRaiseUrgency, isUrgencyRaise } from './raise-urgency';
import { lookupSlt, sltRequestTypeOf, type SltTarget } from './slt';
import {
  idleStopwatch,
  startStopwatch,
  pauseStopwatch,
  resumeStopwatch,
  retargetStopwatch,
  stopStopwatch,
  type Stopwatch,
  type TimeCounter,
} from './stopwatch';
import {
  formatRef,
  LOG_MAX,
  RESOLUTION_CODES,
  refOf,
  type EntryPoint,
  type Impact,
  type Level1to4,
  type ResolutionCode,
  type Ticket,
  type TicketKind,
  type TicketState,
} from './ticket';

export type TicketCommand =
  | { type: 'assign'; team: string; agent: string }
  | { type: 'claim' }
  | { type: 'reassign'; team?: string; agent?: string }
  | { type: 'pend'; reason: string }
  | { type: 'resume' }
  /** `conversion: 'demand'`: the demand conversion's resolve, the one that may set `converted_to_demand` (docs/demands.md). */
  | { type: 'resolve'; solution: string; resolutionCode: string; conversion?: 'demand' }
  | { type: 'close'; satisfaction?: number; comment?: string }
  | { type: 'reopen'; reason: string }
  | { type: 'escalate_tto' }
  | { type: 'escalate_ttr' }
  /** The parent incident resolved: its solution and agent carry over (docs/domain.md §3.1). */
  | { type: 'auto_resolve'; parentRef: string; solution?: string; agent?: string | null; team?: string }
  /** The caller withdraws a request nobody has claimed: closed with code `cancelled`. */
  | { type: 'withdraw'; reason: string }
  /** Change impact, urgency (→ priority) or service/subcategory; deadlines are recomputed (docs/domain.md §3.2). */
  | { type: 'reclassify'; impact?: number; urgency?: number; service?: string; subcategory?: string }
  /** The agent left the company (staff sync, docs/domain.md §6.2): back to the team's queue, TTO re-armed. */
  | { type: 'unassign' }
  /** A problem is resolved (docs/domain.md §9): its root cause and a workaround and/or solution. */
  | { type: 'resolve_problem'; rootCause: string; workaround?: string; solution?: string };

export type CommandType = TicketCommand['type'];
/** Commands only the system issues (thresholds, cascades): no person's permission applies. */
const SYSTEM_COMMANDS: ReadonlySet<CommandType> = new Set(['escalate_tto', 'escalate_ttr', 'auto_resolve', 'unassign']);

export function isSystemCommand(type: CommandType): boolean {
  return SYSTEM_COMMANDS.has(type);
}


/** From state → command → to state. Absent = refused. */
export const LIFECYCLE: Readonly<Record<TicketState, Partial<Record<CommandType, TicketState>>>> = {
  new: { assign: 'assigned', claim: 'assigned', escalate_tto: 'escalated_tto', auto_resolve: 'resolved', reclassify: 'new', withdraw: 'closed' },
  escalated_tto: { assign: 'assigned', claim: 'assigned', auto_resolve: 'resolved', reclassify: 'escalated_tto', withdraw: 'closed' },
  assigned: {
    reassign: 'assigned',
    pend: 'pending',
    resolve: 'resolved',
    escalate_ttr: 'escalated_ttr',
    auto_resolve: 'resolved',
    reclassify: 'assigned',
    unassign: 'new',
  },
  escalated_ttr: {
    reassign: 'assigned',
    pend: 'pending',
    resolve: 'resolved',
    auto_resolve: 'resolved',
    reclassify: 'escalated_ttr',
    unassign: 'new',
  },
  // `resume` of a pending ticket without agent (unassigned while pending) leads to `new` (see `decide`)
  pending: { resume: 'assigned', auto_resolve: 'resolved', reclassify: 'pending', unassign: 'pending' },
  resolved: { close: 'closed', reopen: 'assigned' },
  closed: {},
};

/**
 * The lifecycle of problems (docs/domain.md §9): new → assigned → pending ↔ assigned → resolved → closed;
 * resolved → assigned on reopen; unassign (staff sync) as for requests. No TTO/TTR thresholds, no withdraw, no
 * request `resolve`.
 */
export const PROBLEM_LIFECYCLE: Readonly<Record<TicketState, Partial<Record<CommandType, TicketState>>>> = {
  new: { assign: 'assigned', claim: 'assigned' },
  escalated_tto: {},
  // unassign: the problem's agent left the company (staff sync): back to its team's problem managers
  assigned: { reassign: 'assigned', pend: 'pending', resolve_problem: 'resolved', unassign: 'new' },
  escalated_ttr: {},
  pending: { resume: 'assigned', unassign: 'pending' },
  resolved: { close: 'closed', reopen: 'assigned' },
  closed: {},
};

/** The table a ticket of `kind` follows. */
export function lifecycleOf(kind: TicketKind): Readonly<Record<TicketState, Partial<Record<CommandType, TicketState>>>> {
  return kind === 'problem' ? PROBLEM_LIFECYCLE : LIFECYCLE;
}

/**
 * The transition of `cmd` from `t`'s state: the table's, and one more outside it — a request nobody has claimed
 * (`new`, `escalated_tto`) resolved by the system as a demand conversion: its caller's "+1 to D-…" vote
 * (docs/demands.md "Votes"). Nobody else resolves an unclaimed ticket.
 */
function transitionOf(t: Ticket, cmd: Pick<TicketCommand, 'type'> & { conversion?: 'demand' }, actor: string): TicketState | undefined {
  const to = lifecycleOf(t.kind)[t.status][cmd.type];
  if (to) return to;
  const unclaimed = t.status === 'new' || t.status === 'escalated_tto';
  return t.kind === 'request' && unclaimed && cmd.type === 'resolve' && cmd.conversion === 'demand' && isSystem(actor) ? 'resolved' : undefined;
}

/** Commands the system may give besides its own (a change resolving its problems, docs/domain.md §9). */
const SYSTEM_MAY: ReadonlySet<CommandType> = new Set(['resolve_problem']);

const PERMISSION: Record<Exclude<CommandType, 'escalate_tto' | 'escalate_ttr' | 'auto_resolve' | 'unassign'>, TicketPermission> = {
  assign: 'assign',
  claim: 'claim',
  reassign: 'assign',
  pend: 'pend',
  resume: 'resume',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  reclassify: 'assign',
  withdraw: 'withdraw',
  resolve_problem: 'resolve',
};

const EVENT: Record<CommandType, TicketEventType> = {
  assign: 'TicketAssigned',
  claim: 'TicketAssigned',
  reassign: 'TicketReassigned',
  pend: 'TicketPended',
  resume: 'TicketResumed',
  resolve: 'TicketResolved',
  close: 'TicketClosed',
  reopen: 'TicketReopened',
  escalate_tto: 'TicketEscalatedTto',
  escalate_ttr: 'TicketEscalatedTtr',
  auto_resolve: 'TicketResolved',
  reclassify: 'TicketUpdated',
  unassign: 'TicketUnassigned',
  withdraw: 'TicketClosed',
  resolve_problem: 'TicketResolved',
};

export interface DecideContext {
  dir: Directory;
  /** Person id of the actor; `system` for thresholds and cascades. */
  actor: string;
  entryPoint: EntryPoint;
  now: Date;
  /** The working-time counter of a calendar code (null = 24×7). */
  counter: (calendar: string | null) => TimeCounter;
}

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface Decision {
  ticket: Ticket;
  changes: FieldChange[];
  events: TicketEventDraft[];
  /** Public log entry the transition writes (pend reason, reopen reason, solution). */
  log: { visibility: 'public' | 'private'; text: string } | null;
}

/** Fields recorded in history when they change. */
const TRACKED: Array<keyof Ticket> = [
  'status',
  'team',
  'agent',
  'parent',
  'pendingReason',
  'solution',
  'resolutionCode',
  'satisfaction',
  'satisfactionComment',
  'title',
  'impact',
  'urgency',
  'priority',
  'service',
  'subcategory',
  'sla',
  'problem',
  'rootCause',
  'workaround',
];

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export function diffTicket(before: Ticket, after: Ticket): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of TRACKED) {
    const a = show(before[f]);
    const b = show(after[f]);
    if (a !== b) changes.push({ field: f, from: a, to: b });
  }
  for (const m of ['tto', 'ttr'] as const) {
    const a = show(before[m].deadline);
    const b = show(after[m].deadline);
    if (a !== b) changes.push({ field: `${m}.deadline`, from: a, to: b });
    if (before[m].state !== after[m].state) changes.push({ field: `${m}.state`, from: before[m].state, to: after[m].state });
  }
  return changes;
}

function requiredText(value: string | undefined, field: string): Result<string> {
  const text = (value ?? '').trim();
  if (!text) return fail('TICKET.FIELD_REQUIRED', `${field} is required`, { field });
  if (text.length > LOG_MAX) return fail('TICKET.FIELD_TOO_LONG', `${field} is too long`, { field, max: LOG_MAX });
  return ok(text);
}

export function commandsFrom(state: TicketState, kind: TicketKind = 'request'): CommandType[] {
  return Object.keys(lifecycleOf(kind)[state]) as CommandType[];
}

/**
 * The checks `decide` makes before any change: the state allows the command, and `actor` may give it. Pure. Also
 * what a card Form is opened after, before the command's values are known (`cmd` then carries its type only).
 */
export function checkCommand(t: Ticket, cmd: Pick<TicketCommand, 'type'> & { conversion?: 'demand' }, dir: Directory, actor: string): Result<null> {
  const to = transitionOf(t, cmd, actor);
  const ref = refOf(t);
  if (!to) {
    if ((cmd.type === 'claim' || cmd.type === 'assign' || cmd.type === 'withdraw') && t.agent) {
      return fail('TICKET.ALREADY_ASSIGNED', 'the ticket is already assigned', {
        ref,
        agent: t.agent,
        state: t.status,
      });
    }
    return fail('TICKET.INVALID_TRANSITION', `cannot ${cmd.type} a ticket in state ${t.status}`, {
      ref,
      state: t.status,
      action: cmd.type,
    });
  }
  if (!SYSTEM_COMMANDS.has(cmd.type) && !(SYSTEM_MAY.has(cmd.type) && isSystem(actor))) {
    const perm = PERMISSION[cmd.type as keyof typeof PERMISSION];
    // The caller's one narrow reclassification: Urgent on their own new request (raise-urgency.ts).
    const urgentByCaller =
      cmd.type === 'reclassify' && isUrgencyRaise(cmd as Parameters<typeof isUrgencyRaise>[0]) && checkRaiseUrgency(dir, actor, t).ok;
    // The system may resume, and resolve as a demand conversion: the automatic demand conversion (docs/demands.md
    // "Automatic conversion"). People never act as the system (checkCommandActor), so this opens nothing to them.
    const systemConversion = isSystem(actor) && (cmd.type === 'resume' || (cmd.type === 'resolve' && cmd.conversion === 'demand'));
    if (!isAllowed(dir, actor, perm, t) && !urgentByCaller && !systemConversion) {
      return fail('TICKET.NOT_ALLOWED', `not allowed to ${cmd.type} this ticket`, {
        ref,
        action: cmd.type,
        person: actor,
      });
    }
  }
  return ok(null);
}

export function decide(t: Ticket, cmd: TicketCommand, ctx: DecideContext): Result<Decision> {
  const checked = checkCommand(t, cmd, ctx.dir, ctx.actor);
  if (!checked.ok) return checked;
  let to = transitionOf(t, cmd, ctx.actor)!;
  // a pending ticket whose agent left goes back to the queue when it resumes
  if (cmd.type === 'resume' && t.agent === null) to = 'new';
  const ref = refOf(t);

  const { now } = ctx;
  const ttoCounter = ctx.counter(t.tto.calendar);
  const ttrCounter = ctx.counter(t.ttr.calendar);
  let next: Ticket = { ...t, status: to, lastUpdate: now };
  let log: Decision['log'] = null;
  const data: TicketEventDraft['data'] = {};

  switch (cmd.type) {
    case 'assign':
    case 'claim':
    case 'reassign': {
      const team = cmd.type === 'claim' ? t.team : cmd.type === 'assign' ? cmd.team : (cmd.team ?? t.team);
      const agent =
        cmd.type === 'claim' ? ctx.actor : cmd.type === 'assign' ? cmd.agent : (cmd.agent ?? (cmd.team ? null : t.agent));
      if (!agent) return fail('TICKET.FIELD_REQUIRED', 'an agent is required', { field: 'agent', ref });
      const target = checkAssignmentTarget(ctx.dir, t.org, team, agent);
      if (!target.ok) return target;
      if (cmd.type === 'reassign' && team === t.team && agent === t.agent && t.status === 'assigned') {
        return fail('TICKET.NO_CHANGE', 'the ticket is already with this team and agent', { ref, agent, team });
      }
      next = { ...next, team, agent, assignedAt: t.assignedAt ?? now };
      if (t.tto.state === 'running') next.tto = stopStopwatch(t.tto, now, ttoCounter);
      data.team = team;
      data.agent = agent;
      data.previousAgent = t.agent;
      data.previousTeam = t.team;
      break;
    }
    case 'pend': {
      const reason = requiredText(cmd.reason, 'reason');
      if (!reason.ok) return reason;
      next = { ...next, pendingReason: reason.value, ttr: pauseStopwatch(t.ttr, now, ttrCounter) };
      data.reason = reason.value;
      log = { visibility: 'public', text: reason.value };
      break;
    }
    case 'resume':
      next = { ...next, pendingReason: null, ttr: resumeStopwatch(t.ttr, now, ttrCounter) };
      if (to === 'new') next.tto = rearmStopwatch(t.tto, now, ttoCounter);
      break;
    case 'unassign':
      if (!t.agent) return fail('TICKET.NO_CHANGE', 'the ticket has no agent', { ref, agent: null, team: t.team });
      next = { ...next, agent: null };
      // TTO counts again from now (a pending ticket's starts when it resumes)
      if (to === 'new') next.tto = rearmStopwatch(t.tto, now, ttoCounter);
      data.previousAgent = t.agent;
      data.team = t.team;
      break;
    case 'resolve':
    case 'auto_resolve': {
      let solution: string;
      let code: ResolutionCode;
      if (cmd.type === 'resolve') {
        const s = requiredText(cmd.solution, 'solution');
        if (!s.ok) return s;
        const byConversion = cmd.conversion === 'demand' && cmd.resolutionCode === 'converted_to_demand';
        if (!byConversion && !(RESOLUTION_CODES as readonly string[]).includes(cmd.resolutionCode)) {
          return fail('TICKET.BAD_RESOLUTION_CODE', 'unknown resolution code', {
            field: 'resolution_code',
            value: cmd.resolutionCode ?? null,
            allowed: [...RESOLUTION_CODES],
          });
        }
        solution = s.value;
        code = cmd.resolutionCode as ResolutionCode;
      } else {
        // The incident's own solution and agent (docs/domain.md §3.1 "Children of an incident").
        solution = (cmd.solution ?? '').trim() || cmd.parentRef;
        code = 'incident';
        data.parentRef = cmd.parentRef;
        if (cmd.agent) next = { ...next, agent: cmd.agent, team: cmd.team ?? t.team, assignedAt: t.assignedAt ?? now };
      }
      next = {
        ...next,
        solution,
        resolutionCode: code,
        pendingReason: null,
        resolvedAt: now,
        tto: stopStopwatch(t.tto, now, ttoCounter),
        ttr: stopStopwatch(t.ttr, now, ttrCounter),
      };
      data.solution = solution;
      data.resolutionCode = code;
      log = { visibility: 'public', text: solution };
      break;
    }
    case 'resolve_problem': {
      const r = resolveProblemFields(cmd);
      if (!r.ok) return r;
      next = {
        ...next,
        ...r.value,
        pendingReason: null,
        resolvedAt: now,
        tto: stopStopwatch(t.tto, now, ttoCounter),
        ttr: stopStopwatch(t.ttr, now, ttrCounter),
      };
      data.rootCause = r.value.rootCause;
      data.workaround = r.value.workaround;
      data.solution = r.value.solution;
      log = { visibility: 'public', text: [r.value.rootCause, r.value.workaround, r.value.solution].filter(Boolean).join('\n') };
      break;
    }
    case 'close': {
      let satisfaction: Level1to4 | null = null;
      if (cmd.satisfaction !== undefined && cmd.satisfaction !== null) {
        if (![1, 2, 3, 4].includes(cmd.satisfaction)) {
          return fail('TICKET.BAD_SATISFACTION', 'satisfaction must be 1 to 4', {
            field: 'satisfaction',
            value: String(cmd.satisfaction),
          });
        }
        satisfaction = cmd.satisfaction as Level1to4;
      }
      const comment = (cmd.comment ?? '').trim();
      if (comment.length > LOG_MAX) return fail('TICKET.FIELD_TOO_LONG', 'comment is too long', { field: 'comment', max: LOG_MAX });
      next = { ...next, satisfaction, satisfactionComment: comment || null, closedAt: now };
      data.satisfaction = satisfaction;
      break;
    }
    case 'reopen': {
      const reason = requiredText(cmd.reason, 'reason');
      if (!reason.ok) return reason;
      next = {
        ...next,
        solution: null,
        resolutionCode: null,
        resolvedAt: null,
        ttr: resumeStopwatch(t.ttr, now, ttrCounter),
      };
      // a reopened problem keeps its root cause and workaround until resolved again (docs/domain.md §9)
      data.reason = reason.value;
      log = { visibility: 'public', text: reason.value };
      if (t.resolutionCode === 'incident') {
        // A child resolved with its incident goes back to its team's queue, out of the incident (docs/domain.md §3.1).
        to = 'new';
        const team = ctx.dir.service(t.service)?.team ?? t.team;
        next = { ...next, status: to, agent: null, team, parent: null, tto: resumeStopwatch(t.tto, now, ttoCounter) };
        data.parentRef = t.parent === null ? null : formatRef('incident', t.parent);
        data.requeued = true;
      }
      break;
    }
    case 'withdraw': {
      const reason = requiredText(cmd.reason, 'reason');
      if (!reason.ok) return reason;
      next = {
        ...next,
        resolutionCode: 'cancelled',
        closedAt: now,
        tto: stopStopwatch(t.tto, now, ttoCounter),
        ttr: stopStopwatch(t.ttr, now, ttrCounter),
      };
      data.reason = reason.value;
      data.withdrawn = true;
      log = { visibility: 'public', text: reason.value };
      break;
    }
    case 'escalate_tto':
    case 'escalate_ttr':
      break;
    case 'reclassify': {
      const r = reclassify(t, cmd, ctx);
      if (!r.ok) return r;
      next = { ...next, ...r.value };
      break;
    }
  }

  if (deadlinesMoved(t.tto, next.tto) || deadlinesMoved(t.ttr, next.ttr)) {
    next.deadlineVersion = t.deadlineVersion + 1;
  }
  const changes = diffTicket(t, next);
  const events: TicketEventDraft[] = [
    { type: EVENT[cmd.type], actor: ctx.actor, entryPoint: ctx.entryPoint, at: now, data: { ...data, from: t.status, to } },
  ];
  return ok({ ticket: next, changes, events, log });
}

/** A problem's resolution: root cause required, and a workaround or a solution (docs/domain.md §9). */
function resolveProblemFields(
  cmd: Extract<TicketCommand, { type: 'resolve_problem' }>,
): Result<{ rootCause: string; workaround: string | null; solution: string | null }> {
  const rootCause = requiredText(cmd.rootCause, 'root_cause');
  if (!rootCause.ok) return rootCause;
  const workaround = (cmd.workaround ?? '').trim();
  const solution = (cmd.solution ?? '').trim();
  if (!workaround && !solution) return fail('TICKET.FIELD_REQUIRED', 'a workaround or a solution is required', { field: 'workaround' });
  for (const [field, text] of [['workaround', workaround], ['solution', solution]] as const) {
    if (text.length > LOG_MAX) return fail('TICKET.FIELD_TOO_LONG', `${field} is too long`, { field, max: LOG_MAX });
  }
  return ok({ rootCause: rootCause.value, workaround: workaround || null, solution: solution || null });
}

const LEVELS = [1, 2, 3, 4] as const;

/** New classification → priority, SLT goals and deadlines (time already counted is kept). */
function reclassify(
  t: Ticket,
  cmd: Extract<TicketCommand, { type: 'reclassify' }>,
  ctx: DecideContext,
): Result<Partial<Ticket>> {
  const impact = cmd.impact ?? t.impact;
  const urgency = cmd.urgency ?? t.urgency;
  if (![1, 2, 3].includes(impact)) return fail('TICKET.BAD_IMPACT', 'impact must be 1 to 3', { field: 'impact', value: String(impact) });
  if (!(LEVELS as readonly number[]).includes(urgency)) {
    return fail('TICKET.BAD_URGENCY', 'urgency must be 1 to 4', { field: 'urgency', value: String(urgency) });
  }
  const service = cmd.service ?? t.service;
  const subcategoryCode = cmd.subcategory ?? (cmd.service && cmd.service !== t.service ? undefined : t.subcategory);
  if (!subcategoryCode) return fail('TICKET.FIELD_REQUIRED', 'a subcategory is required with a new service', { field: 'subcategory' });
  let requestType = t.requestType;
  let team = t.team;
  if (service !== t.service || subcategoryCode !== t.subcategory) {
    const caller = ctx.dir.person(t.caller);
    if (!caller) return fail('PERSON.UNKNOWN', 'the caller is no longer in the directory', { person: t.caller });
    const offering = checkOffering(ctx.dir, caller, service, subcategoryCode, ctx.now);
    if (!offering.ok) return offering;
    if (t.kind === 'request') requestType = offering.value.subcategory.requestType;
    if (!t.agent) team = offering.value.service.team;
  }
  const priority = priorityOf(impact as Impact, urgency as Level1to4);
  const slt = lookupSlt(ctx.dir, { org: t.org, service, priority, requestType: sltRequestTypeOf({ kind: t.kind, requestType }), now: ctx.now });
  const retarget = (sw: Stopwatch, target: SltTarget | null): Stopwatch =>
    sw.state === 'stopped'
      ? sw
      : retargetStopwatch({ ...sw, calendar: target?.calendar ?? null }, target?.seconds ?? null, ctx.counter(target?.calendar ?? null));
  return ok({
    impact: impact as Impact,
    urgency: urgency as Level1to4,
    priority,
    service,
    subcategory: subcategoryCode,
    requestType,
    team,
    sla: slt.ttr?.sla ?? slt.tto?.sla ?? null,
    contract: slt.ttr?.contract ?? slt.tto?.contract ?? null,
    tto: retarget(t.tto, slt.tto),
    ttr: retarget(t.ttr, slt.ttr),
  });
}

/** A fresh TTO run from `now` with the same goal and calendar (docs/domain.md §6.2). */
function rearmStopwatch(sw: Stopwatch, now: Date, counter: TimeCounter): Stopwatch {
  return startStopwatch({ ...idleStopwatch(), calendar: sw.calendar }, now, sw.goal, counter);
}

function deadlinesMoved(a: Stopwatch, b: Stopwatch): boolean {
  return (a.deadline?.getTime() ?? null) !== (b.deadline?.getTime() ?? null);
}

