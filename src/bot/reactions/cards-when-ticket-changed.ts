/**
 * Outbox reaction, the only place a ticket's card is created, delivered to new holders and updated
 * (`support/ticket-card-instance.ts`): after every committed event of a ticket, its holders are computed (a new
 * request: the caller and, while unassigned, the service team's contacts; a new incident: its maker and the
 * contacts; an assignment: the new assignee), the card goes to those who hold none, and one `PUT` updates it for
 * everyone. It runs first of the event's reactions (`registerFirst`): the card is what the caller waits for. The
 * card is the notice: the people who got it as a new delivery are added to the event's context
 * (`ctx.cardRecipients`), and the escalation reaction, which runs after, writes their text notices of the event
 * as skipped (`card`); those whose card did not arrive get theirs. A new request whose caller cannot get the card (no template, refused) is
 * answered in text once instead (a notice keyed by the ticket, so a retry or a replay never answers twice).
 * Idempotent: it renders the current ticket; the event is done only when everything succeeded, else retried.
 */
import type { Directory } from '../../domain/directory/directory';
import type { OutboxRecord } from '../../domain/ports/outbox.port';
import type { Reaction } from '../../application/outbox/reactions';
import { isSystem, SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { formatRef, refOf, type Ticket } from '../../domain/tickets/ticket';
import type { Log } from '../../domain/ports/log.port';
import type { ChatLayerDeps } from '../chat-deps';
import { serviceContactUserIds } from '../support/card-holders';
import { syncTicketCard, type WantedHolder } from '../support/ticket-card-instance';
import { catalogFor, localeOf } from '../views/replies/catalogs';
import { filedMessage } from '../views/replies/filed-message';
import { offerWorkaround, tellProblemMade } from './offer-workaround';

/** Events that change nothing any holder sees. */
const NO_CARD_CHANGE = new Set(['PrivateNoteAdded']);
// A change's event (docs/changes.md §6) is no ticket's: the change card reaction handles it.
NO_CARD_CHANGE.add('ChangeEvent');
const ASSIGNMENTS = new Set(['TicketAssigned', 'TicketReassigned']);

type TicketEvent = OutboxRecord['event'];

/** A request filed and linked to an open incident at once (`openRequest`'s storm join), still in it. */
function joinedAtFiling(event: TicketEvent, ticket: Ticket): boolean {
  return event.type === 'TicketCreated' && typeof event.data.joined === 'string' && ticket.parent !== null;
}

/** Who should hold the card after `event` (today's holder rules); those holding it already are left out later. */
export function wantedHolders(event: TicketEvent, ticket: Ticket, dir: Directory): WantedHolder[] {
  const contacts = (except: string | null): WantedHolder[] =>
    serviceContactUserIds(dir, ticket, except).map((userId) => ({ userId, role: 'contact' }));
  // (A storm join at filing never comes here: the reaction skips the request's own card; its caller holds the incident's.)
  // Out of its incident again ("not the same problem"): the request goes its own way, as if just filed.
  // Reopened after its incident (back in the team's queue, docs/domain.md §3.1): like a new filing, whoever lacks the
  // card gets it (a storm-joined request had none of its own).
  const requeued = event.type === 'TicketReopened' && event.data.requeued === true && ticket.agent === null;
  if (event.type === 'TicketCreated' || requeued || (event.type === 'TicketUnlinked' && ticket.kind === 'request' && ticket.parent === null)) {
    const caller = dir.person(ticket.caller)?.dingtalkUserId ?? null;
    return [...(caller ? [{ userId: caller, role: 'caller' as const }] : []), ...(ticket.agent === null ? contacts(caller) : [])];
  }
  if (event.type === 'IncidentCreated') {
    const maker = isSystem(event.actor) ? null : (dir.person(event.actor)?.dingtalkUserId ?? null);
    return [...(maker ? [{ userId: maker, role: 'agent' as const }] : []), ...contacts(maker)];
  }
  const agent = event.data.agent;
  if (ASSIGNMENTS.has(event.type) && typeof agent === 'string' && agent === ticket.agent && dir.isActive(agent)) {
    const userId = dir.person(agent)?.dingtalkUserId;
    return userId ? [{ userId, role: 'agent' }] : [];
  }
  return [];
}

export function cardsWhenTicketChanged(deps: ChatLayerDeps): Reaction {
  return async ({ id, event }, ctx) => {
    if (NO_CARD_CHANGE.has(event.type)) return;
    // A storm join's link (`data.auto`): written with the filing, whose event below brings the incident's card up to
    // date, link included; the request itself has no card while it stays joined (if it leaves, its TicketUnlinked
    // event delivers one). Nothing to read or send: a storm cannot afford a second look per joined request.
    if (event.type === 'TicketLinked' && event.data.auto === true) return;
    const log = deps.log.child({ outboxId: id, eventType: event.type, ticketRef: event.ref });
    const dir = await deps.directory.current();
    if (!dir) return;
    const found = await deps.tickets.get(SYSTEM_ACTOR, event.ref);
    if (!found.ok) {
      log.warn('chat.card.update_skipped_ticket_gone');
      return;
    }
    const ticket = found.value;
    // The escalation reaction, next, starts from this read (one SELECT less per event).
    ctx.ticket = ticket;
    // Told to the later reactions of the event as soon as DingTalk accepted (even if something after fails).
    const received = (holders: readonly WantedHolder[]) => {
      for (const h of holders) {
        const personId = dir.personByUserId(h.userId)?.id;
        if (personId) ctx.cardRecipients.add(personId);
      }
    };
    // A storm-joined request has no card of its own (wantedHolders: none) and none to update: its sync is skipped.
    const stormJoined = joinedAtFiling(event, ticket);
    const synced = stormJoined ? null : await syncTicketCard(deps, dir, ticket, wantedHolders(event, ticket, dir), log);
    if (synced) received(synced.delivered);
    if (synced && event.type === 'TicketCreated') await answerWithoutCard(deps, dir, ticket, synced.failed, log);
    let retry: unknown = synced ? (synced.retry ?? synced.failed.find((f) => f.retryable) ?? null) : null;
    // A storm join: the caller gets the incident's card (their answer; added to its one instance, then one PUT).
    if (stormJoined) {
      const incident = await deps.tickets.get(SYSTEM_ACTOR, formatRef('incident', ticket.parent!));
      const caller = dir.person(ticket.caller)?.dingtalkUserId;
      if (incident.ok && caller) {
        // Touched too: a caller holding the card already (an earlier join) has one more request in it.
        const joined = await syncTicketCard(deps, dir, incident.value, [{ userId: caller, role: 'joined' }], log, [caller]);
        received(joined.delivered);
        await answerWithoutCard(deps, dir, ticket, joined.failed.map((f) => ({ ...f, role: 'caller' as const })), log);
        retry = joined.retry ?? joined.failed.find((f) => f.retryable) ?? retry;
      }
    }
    // A request joined or left an incident: the incident's card shows the new counts (and who may take theirs out).
    // (A storm join's link, `data.auto`, returned at the top.)
    // A child reopened after its incident left it (docs/domain.md §3.1, `data.parentRef`): the same, at once.
    const leftIncident = event.type === 'TicketReopened' && event.data.requeued === true ? event.data.parentRef : null;
    const linkedTo = event.type === 'TicketLinked' || event.type === 'TicketUnlinked' ? event.data.incident : leftIncident;
    if (typeof linkedTo === 'string') {
      const incident = await deps.tickets.get(SYSTEM_ACTOR, linkedTo);
      // The request's caller's own buttons on it change ("not the same problem" comes or goes).
      const caller = dir.person(ticket.caller)?.dingtalkUserId;
      if (incident.ok) retry = (await syncTicketCard(deps, dir, incident.value, [], log, caller ? [caller] : [])).retry ?? retry;
    }
    // Problems (issue 14): a resolved problem's workaround goes to the agents of its linked open tickets.
    if (event.type === 'TicketResolved' && ticket.kind === 'problem') await offerWorkaround(deps, dir, ticket, id, log);
    if (event.type === 'TicketCreated' && ticket.kind === 'problem') await tellProblemMade(deps, dir, ticket, id, log);
    if (retry) throw retry instanceof Error ? retry : new Error(`card delivery failed: ${(retry as { code?: string }).code ?? 'retryable'}`);
  };
}

/**
 * The caller's card could not be delivered for good: today's text answer instead, once per ticket (a notice row
 * `answer:<ticket id>`: written once, sent once by the notice loop, never again after a retry or a replay).
 */
async function answerWithoutCard(
  deps: ChatLayerDeps,
  dir: Directory,
  ticket: Ticket,
  failed: ReadonlyArray<WantedHolder & { retryable: boolean }>,
  log: Log,
): Promise<void> {
  const miss = failed.find((f) => f.role === 'caller' && !f.retryable);
  const caller = dir.person(ticket.caller);
  if (!miss || !caller) return;
  const locale = localeOf(caller, deps.defaultLocale);
  const message = filedMessage(ticket, dir, caller, catalogFor(locale));
  log.info('chat.intake.answered_without_card');
  await deps.notices.addNotices([
    {
      eventKey: `answer:${ticket.id}`,
      ticketId: ticket.id,
      ref: refOf(ticket),
      eventCode: 'filed',
      personId: caller.id,
      userId: miss.userId,
      locale,
      via: 'caller',
      status: 'pending',
      reason: null,
      title: message.title,
      body: message.text,
      createdAt: deps.clock.now(),
    },
  ]);
}
