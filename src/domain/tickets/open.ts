/**
 * Opening tickets (docs/domain.md §3): a caller's request from chat, or an incident made by an agent from requests
 * or by command. Pure: returns the new ticket (id 0 until saved) and its creation event, or a coded refusal.
 */
import type { Directory } from '../directory/directory';
import { checkCanFile, checkOffering } from '../directory/eligibility';
import type { Person, RequestType } from '../directory/directory.types';
import { fail, ok, type Result } from '../shared/result';
import type { TicketEventDraft } from './events';
import { isAllowed } from './permissions';
import { priorityOf } from './priority';
import { lookupSlt, sltRequestTypeOf, type SltLookup } from './slt';
import { idleStopwatch, startStopwatch, type TimeCounter } from './stopwatch';
import {
  DESCRIPTION_MAX,
  TITLE_MAX,
  refOf,
  type EntryPoint,
  type Impact,
  type Level1to4,
  type Ticket,
} from './ticket';

/** The deadline version of a new ticket (bumped on every deadline change). */
export const FIRST_DEADLINE_VERSION = 1;

export interface OpenContext {
  dir: Directory;
  now: Date;
  entryPoint: EntryPoint;
  counter: (calendar: string | null) => TimeCounter;
}

export interface OpenRequestInput {
  caller: string;
  service: string;
  subcategory: string;
  description: string;
  /** Absent → derived from the description's first line (80 characters + "…"). */
  title?: string;
  impact?: Impact;
  urgency?: Level1to4;
  /** The chat message the request is filed from (`Ticket.sourceMsg`); absent for other entry points. */
  sourceMsg?: string;
}

export interface Opened {
  ticket: Ticket;
  events: TicketEventDraft[];
}

export const CHAT_TITLE_MAX = 80;

/** Title from a chat message: its first non-empty line, at most 80 characters plus "…". */
export function titleFromText(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const chars = [...line];
  return chars.length > CHAT_TITLE_MAX ? chars.slice(0, CHAT_TITLE_MAX).join('') + '…' : line;
}

function checkTexts(title: string, description: string): Result<{ title: string; description: string }> {
  if ([...title].length > TITLE_MAX) {
    return fail('TICKET.TITLE_TOO_LONG', `the title is longer than ${TITLE_MAX} characters`, { max: TITLE_MAX });
  }
  if ([...description].length > DESCRIPTION_MAX) {
    return fail('TICKET.DESCRIPTION_TOO_LONG', `the description is longer than ${DESCRIPTION_MAX} characters`, {
      max: DESCRIPTION_MAX,
    });
  }
  if (!title.trim()) return fail('TICKET.FIELD_REQUIRED', 'a title or description is required', { field: 'title' });
  return ok({ title: title.trim(), description });
}

function newTicket(
  base: Pick<
    Ticket,
    'kind' | 'title' | 'description' | 'caller' | 'org' | 'service' | 'subcategory' | 'requestType' | 'impact' | 'urgency' | 'team'
  >,
  ctx: OpenContext,
): Ticket {
  const priority = priorityOf(base.impact, base.urgency);
  const slt = lookupSlt(ctx.dir, {
    org: base.org,
    service: base.service,
    priority,
    requestType: base.requestType,
    now: ctx.now,
  });
  const t: Ticket = {
    id: 0,
    ...base,
    priority,
    origin: ctx.entryPoint,
    sourceMsg: null,
    status: 'new',
    agent: null,
    parent: null,
    pendingReason: null,
    solution: null,
    resolutionCode: null,
    satisfaction: null,
    satisfactionComment: null,
    contract: slt.ttr?.contract ?? slt.tto?.contract ?? null,
    sla: slt.ttr?.sla ?? slt.tto?.sla ?? null,
    tto: idleStopwatch(),
    ttr: idleStopwatch(),
    deadlineVersion: FIRST_DEADLINE_VERSION,
    notifiedLeads: [],
    createdAt: ctx.now,
    assignedAt: null,
    resolvedAt: null,
    closedAt: null,
    lastUpdate: ctx.now,
    version: 1,
  };
  return startClocks(t, slt, ctx);
}

/**
 * A new ticket's SLT (contract, SLA) and its TTO/TTR stopwatches started at `ctx.now` (docs/domain.md §3.2); a
 * problem is looked up with request type `problem` (docs/domain.md §9).
 */
export function withSltClocks(t: Ticket, ctx: OpenContext): Ticket {
  const slt = lookupSlt(ctx.dir, { org: t.org, service: t.service, priority: t.priority, requestType: sltRequestTypeOf(t), now: ctx.now });
  return startClocks({ ...t, contract: slt.ttr?.contract ?? slt.tto?.contract ?? null, sla: slt.ttr?.sla ?? slt.tto?.sla ?? null }, slt, ctx);
}

function startClocks(t: Ticket, slt: SltLookup, ctx: OpenContext): Ticket {
  const ttoCal = slt.tto?.calendar ?? null;
  const ttrCal = slt.ttr?.calendar ?? null;
  return {
    ...t,
    tto: startStopwatch({ ...t.tto, calendar: ttoCal }, ctx.now, slt.tto?.seconds ?? null, ctx.counter(ttoCal)),
    ttr: startStopwatch({ ...t.ttr, calendar: ttrCal }, ctx.now, slt.ttr?.seconds ?? null, ctx.counter(ttrCal)),
  };
}

function created(t: Ticket, actor: string, ctx: OpenContext, extra: TicketEventDraft['data'] = {}): TicketEventDraft {
  return {
    type: t.kind === 'incident' ? 'IncidentCreated' : 'TicketCreated',
    actor,
    entryPoint: ctx.entryPoint,
    at: ctx.now,
    data: { ...extra, service: t.service, subcategory: t.subcategory, team: t.team, priority: t.priority },
  };
}

export function openRequest(input: OpenRequestInput, ctx: OpenContext): Result<Opened> {
  const who = checkCanFile(ctx.dir, input.caller, ctx.now);
  if (!who.ok) return who;
  const caller: Person = who.value;
  const offering = checkOffering(ctx.dir, caller, input.service, input.subcategory, ctx.now);
  if (!offering.ok) return offering;
  const texts = checkTexts(input.title ?? titleFromText(input.description), input.description);
  if (!texts.ok) return texts;
  const { service, subcategory } = offering.value;
  const ticket = newTicket(
    {
      kind: 'request',
      title: texts.value.title,
      description: texts.value.description,
      caller: caller.id,
      org: caller.org,
      service: service.code,
      subcategory: subcategory.code,
      requestType: subcategory.requestType,
      impact: input.impact ?? 3,
      urgency: input.urgency ?? 3,
      team: service.team,
    },
    ctx,
  );
  return ok({ ticket: { ...ticket, sourceMsg: input.sourceMsg ?? null }, events: [created(ticket, caller.id, ctx)] });
}

export interface OpenIncidentInput {
  actor: string;
  /** The requests it gathers (the earliest gives service, subcategory, caller, org). May be empty with `service`. */
  requests: Ticket[];
  title?: string;
  description?: string;
  /** Without requests: the service and subcategory, filed for the actor's own organisation. */
  service?: string;
  subcategory?: string;
  impact?: Impact;
  urgency?: Level1to4;
}

/** An incident made by a support agent or problem manager (docs/domain.md §3). Linking is done by the caller. */
export function openIncident(input: OpenIncidentInput, ctx: OpenContext): Result<Opened> {
  const { dir } = ctx;
  const actor = dir.person(input.actor);
  if (!actor) return fail('PERSON.UNKNOWN', 'no person is linked to this account', { person: input.actor });
  if (actor.status !== 'active') return fail('PERSON.INACTIVE', 'the person is inactive', { person: actor.id });

  let base: { caller: string; org: string; service: string; subcategory: string; title: string; description: string };
  if (input.requests.length > 0) {
    for (const r of input.requests) {
      if (r.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests can be gathered', { ref: refOf(r) });
      if (r.status === 'resolved' || r.status === 'closed') {
        return fail('TICKET.NOT_OPEN', 'the request is no longer open', { ref: refOf(r), state: r.status });
      }
      if (r.parent !== null) {
        return fail('TICKET.ALREADY_LINKED', 'the request already belongs to an incident', { ref: refOf(r), parent: r.parent });
      }
      if (!isAllowed(dir, actor.id, 'link', r)) {
        return fail('TICKET.NOT_ALLOWED', 'not allowed to make an incident from this request', { ref: refOf(r), action: 'make_incident' });
      }
    }
    const earliest = [...input.requests].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)[0]!;
    base = {
      caller: earliest.caller,
      org: earliest.org,
      service: earliest.service,
      subcategory: earliest.subcategory,
      title: input.title ?? earliest.title,
      description: input.description ?? earliest.description,
    };
  } else {
    if (!input.service || !input.subcategory) {
      return fail('TICKET.FIELD_REQUIRED', 'a service and subcategory are required', { field: 'service' });
    }
    const service = dir.service(input.service);
    if (!service || !dir.subcategory(input.service, input.subcategory)) {
      return fail('SERVICE.UNKNOWN', 'unknown service or subcategory', { service: input.service, subcategory: input.subcategory });
    }
    const allowed =
      dir.hasProfile(actor.id, 'administrator') ||
      (dir.hasProfile(actor.id, 'support_agent', 'problem_manager') && dir.isTeamMember(actor.id, service.team));
    if (!allowed) return fail('TICKET.NOT_ALLOWED', 'not allowed to make an incident', { action: 'make_incident' });
    const description = input.description ?? input.title ?? '';
    base = {
      caller: actor.id,
      org: actor.org,
      service: service.code,
      subcategory: input.subcategory,
      title: input.title ?? titleFromText(description),
      description,
    };
  }
  const texts = checkTexts(base.title, base.description);
  if (!texts.ok) return texts;
  const service = dir.service(base.service)!;
  const ticket = newTicket(
    {
      kind: 'incident',
      title: texts.value.title,
      description: texts.value.description,
      caller: base.caller,
      org: base.org,
      service: base.service,
      subcategory: base.subcategory,
      requestType: 'incident' satisfies RequestType,
      impact: input.impact ?? 2,
      urgency: input.urgency ?? 3,
      team: service.team,
    },
    ctx,
  );
  return ok({ ticket, events: [created(ticket, actor.id, ctx, { requests: input.requests.map((r) => refOf(r)) })] });
}
