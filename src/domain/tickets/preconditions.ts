/**
 * Preconditions of the ticket use cases that are business rules, not lifecycle transitions: who may issue system
 * commands, linking a request to an incident (and the caller's "join"), grouping similar requests, answering a
 * duplicate suggestion, and adding a note. Pure: each answers from the tickets, the directory and the actor.
 * The error codes, messages and details are what the chat catalogs map (keep them as they are).
 */
import type { Directory } from '../directory/directory';
import { fail, ok, type Result } from '../shared/result';
import { isSystem, type Actor } from './actor';
import { isSystemCommand, type TicketCommand } from './lifecycle';
import { isAllowed } from './permissions';
import { LOG_MAX, refOf, type Ticket } from './ticket';

/** System commands (thresholds, cascades) are refused to people. */
export function checkCommandActor(actor: Actor, cmd: TicketCommand, ref: string): Result<void> {
  if (isSystemCommand(cmd.type) && !isSystem(actor.person)) {
    return fail('TICKET.NOT_ALLOWED', 'only the system may do this', { action: cmd.type, ref });
  }
  return ok(undefined);
}

function checkOpen(t: Ticket): Result<void> {
  if (t.status === 'resolved' || t.status === 'closed') {
    return fail('TICKET.NOT_OPEN', 'the ticket is no longer open', { ref: refOf(t), state: t.status });
  }
  return ok(undefined);
}

/**
 * A request linked to an incident (`link`, agents) or joined to one by its caller (`join`): an open request and
 * an open incident, not linked to each other yet; a join needs a request of no incident yet and an incident of its
 * service. `requestRef`: the ref as the actor gave it (named in the "not a request" answer).
 */
export function checkLink(
  dir: Directory,
  person: string,
  request: Ticket,
  incident: Ticket,
  as: 'link' | 'join',
  requestRef: string,
): Result<void> {
  if (request.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests can be linked', { ref: requestRef });
  if (incident.kind !== 'incident') {
    return fail('TICKET.NOT_AN_INCIDENT', 'requests can only be linked to an incident', { ref: refOf(incident) });
  }
  for (const t of [request, incident]) {
    const open = checkOpen(t);
    if (!open.ok) return open;
  }
  if (request.parent === incident.id) {
    return fail('TICKET.ALREADY_LINKED', 'the request is already linked to this incident', {
      ref: refOf(request),
      parent: refOf(incident),
    });
  }
  if (as === 'join' && request.parent !== null) {
    return fail('TICKET.ALREADY_LINKED', 'the request already belongs to an incident', { ref: refOf(request) });
  }
  if (as === 'join' && incident.service !== request.service) {
    return fail('TICKET.NOT_SIMILAR', 'the incident is of another service', { ref: refOf(incident) });
  }
  if (!isAllowed(dir, person, as, request)) {
    return fail('TICKET.NOT_ALLOWED', 'not allowed to link this request', { ref: refOf(request), action: as });
  }
  return ok(undefined);
}

/** The caller says their open request is the same as another open request of the same service. */
export function checkSimilar(dir: Directory, person: string, request: Ticket, other: Ticket): Result<void> {
  for (const t of [request, other]) {
    if (t.kind !== 'request') return fail('TICKET.NOT_A_REQUEST', 'only requests can be similar', { ref: refOf(t) });
    const open = checkOpen(t);
    if (!open.ok) return open;
  }
  if (request.id === other.id || request.service !== other.service) {
    return fail('TICKET.NOT_SIMILAR', 'the requests are not of the same service', { ref: refOf(other) });
  }
  if (!isAllowed(dir, person, 'join', request)) {
    return fail('TICKET.NOT_ALLOWED', 'only the caller may group this request', { ref: refOf(request), action: 'join' });
  }
  return ok(undefined);
}

/** Only the caller answers the duplicate suggestion of their request. `ref`: as the actor gave it. */
export function checkDuplicateAnswer(dir: Directory, person: string, t: Ticket, ref: string): Result<void> {
  if (!isAllowed(dir, person, 'join', t)) return fail('TICKET.NOT_ALLOWED', 'only the caller may answer this', { ref, action: 'join' });
  return ok(undefined);
}

/** A note: not empty, not too long (after trimming), by somebody allowed to add one. Returns the trimmed text. */
export function checkNote(dir: Directory, person: string, t: Ticket, text: string, visibility: 'public' | 'private'): Result<string> {
  const body = text.trim();
  if (!body) return fail('TICKET.FIELD_REQUIRED', 'the note is empty', { field: 'text' });
  if (body.length > LOG_MAX) return fail('TICKET.FIELD_TOO_LONG', 'the note is too long', { field: 'text', max: LOG_MAX });
  if (!isAllowed(dir, person, visibility === 'public' ? 'note_public' : 'note_private', t)) {
    return fail('TICKET.NOT_ALLOWED', 'not allowed to add a note to this ticket', { ref: refOf(t), action: 'note' });
  }
  return ok(body);
}
