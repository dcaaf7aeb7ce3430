/**
 * Requests and incidents: make an incident from requests (or by command with service + subcategory) and link the
 * requests to it; link an open request to an open incident (agents); the caller joins their request to an
 * incident of its service ("same as I-…?"). Each retried on a lost race.
 */
import { fail, ok, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { openIncident, type OpenIncidentInput } from '../../domain/tickets/open';
import { checkLink } from '../../domain/tickets/preconditions';
import { OPEN_STATES, refOf, type Ticket } from '../../domain/tickets/ticket';
import { insertNew } from './open-ticket';
import { linkInTx, unlinkInTx } from './link-in-tx';
import { isStormJoined, rearmAfterUnjoin } from '../../domain/tickets/storm-join';
import { loadPair, loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

export type CreateIncidentInput = Omit<OpenIncidentInput, 'actor' | 'requests'> & { requests: string[] };

/** Make an incident from requests (or by command with service + subcategory) and link the requests to it. */
export function createIncident(ctx: TicketContext, actor: Actor, input: CreateIncidentInput): Promise<Result<Ticket>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const now = ctx.clock.now();
    const requests: Ticket[] = [];
    for (const ref of input.requests) {
      const found = await loadTicket(ctx, ref);
      if (!found.ok) return found;
      requests.push(found.value);
    }
    const opened = openIncident(
      { ...input, actor: actor.person, requests },
      { dir, now, entryPoint: actor.entryPoint, counter: ctx.counters(dir) },
    );
    if (!opened.ok) return opened;
    const incident = await ctx.uow.transaction(async (tx) => {
      const inc = await insertNew(tx, opened.value.ticket, opened.value.events, 'make_incident');
      for (const r of requests) await linkInTx(tx, r, inc, actor, now);
      return inc;
    });
    return ok(incident);
  });
}

/** Link an open request to an open incident (it will be resolved with it). */
export function linkToIncident(ctx: TicketContext, actor: Actor, requestRef: string, incidentRef: string): Promise<Result<Ticket>> {
  return link(ctx, actor, requestRef, incidentRef, 'link');
}

/**
 * The caller of an open request joins it to an open incident of the same service ("same as I-…?"): a link
 * allowed to the request's own caller only (permission `join`), never to other people's requests.
 */
export function joinIncident(ctx: TicketContext, actor: Actor, requestRef: string, incidentRef: string): Promise<Result<Ticket>> {
  return link(ctx, actor, requestRef, incidentRef, 'join');
}

function link(ctx: TicketContext, actor: Actor, requestRef: string, incidentRef: string, as: 'link' | 'join'): Promise<Result<Ticket>> {
  return ctx.uow.retrying(async () => {
    const pair = await loadPair(ctx, requestRef, incidentRef);
    if (!pair.ok) return pair;
    const { dir, first: request, second: incident } = pair.value;
    const allowed = checkLink(dir, actor.person, request, incident, as, requestRef);
    if (!allowed.ok) return allowed;
    const now = ctx.clock.now();
    const linked = await ctx.uow.transaction((tx) => linkInTx(tx, request, incident, actor, now));
    return ok(linked);
  });
}


/**
 * "Not the same problem": the clicker's newest open request linked to `incidentRef` (they are its caller) leaves
 * the incident and goes its own way (history row `unlink`, event `TicketUnlinked`; the card reaction then delivers
 * its own card to the caller and the service team's contacts). One request per click: a caller with several
 * requests in the incident clicks again for the next. Refused with `TICKET.NOT_JOINED` when they have none.
 */
export function unjoinIncident(ctx: TicketContext, actor: Actor, incidentRef: string): Promise<Result<Ticket>> {
  return ctx.uow.retrying(async () => {
    const found = await loadTicket(ctx, incidentRef);
    if (!found.ok) return found;
    const incident = found.value;
    if (incident.kind !== 'incident') {
      return fail('TICKET.NOT_AN_INCIDENT', 'only an incident has joined requests', { ref: incidentRef });
    }
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const now = ctx.clock.now();
    const unlinked = await ctx.uow.transaction(async (tx) => {
      const mine = (await tx.list({ parent: incident.id, states: [...OPEN_STATES] })).filter((t) => t.caller === actor.person);
      const newest = mine.sort((a, b) => b.id - a.id)[0];
      if (!newest) return null;
      // A storm-joined request goes its own way as a normal request: its paused TTO/TTR run again (docs/domain.md §3.2).
      const joined = isStormJoined(await tx.history(newest.id));
      return unlinkInTx(tx, newest, incident, actor, now, joined ? (t) => rearmAfterUnjoin(t, now, ctx.counters(dir)) : undefined);
    });
    if (!unlinked) return fail('TICKET.NOT_JOINED', 'the clicker has no open request in this incident', { ref: refOf(incident) });
    return ok(unlinked);
  });
}
