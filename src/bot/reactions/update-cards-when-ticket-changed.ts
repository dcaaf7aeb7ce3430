/**
 * Outbox reaction: after every committed event of a ticket, every card of it is re-rendered for its holders and
 * updated in place; after an assignment, the new assignee gets the card in their direct chat if they hold none.
 * Updating a card is not a notice (the escalation layer sends notices). Idempotent: it renders the current ticket.
 * A failure that may pass (throttled, network) is thrown after the other cards were tried, so the event is retried.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Log } from '../../domain/ports/log.port';
import type { OutboxRecord } from '../../domain/ports/outbox.port';
import type { TicketCard } from '../../domain/ports/card-store.port';
import type { Ticket } from '../../domain/tickets/ticket';
import { renderTicketCard } from '../views/cards/render-ticket-card';
import { localeOf } from '../views/replies/catalogs';
import { holdersOf } from '../support/card-holders';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import type { ChatLayerDeps } from '../chat-deps';
import { deliverTicketCardToDm } from '../support/deliver-ticket-card';
import { ticketRelationsOf } from '../support/ticket-relations-of';

const ASSIGNMENTS = new Set(['TicketAssigned', 'TicketReassigned']);
/** Events after which every card already shows the ticket as it is (the intake delivers the first cards itself). */
const NO_CARD_CHANGE = new Set(['TicketCreated', 'PrivateNoteAdded']);

function isRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { retryable?: unknown }).retryable === true;
}

async function deliverToNewAssignee(deps: ChatLayerDeps, dir: Directory, t: Ticket, cards: TicketCard[], agent: unknown, log: Log) {
  if (typeof agent !== 'string' || agent !== t.agent) return null;
  const userId = dir.person(agent)?.dingtalkUserId;
  if (!userId || !dir.isActive(agent)) return null;
  if (cards.some((c) => c.space.kind === 'dm' && c.space.userId === userId)) return null;
  await deliverTicketCardToDm(deps, dir, t, userId, 'agent', log);
  return userId;
}

export function updateCardsWhenTicketChanged(deps: ChatLayerDeps): (record: OutboxRecord) => Promise<void> {
  return async ({ id, event }) => {
    if (NO_CARD_CHANGE.has(event.type)) return;
    const log = deps.log.child({ outboxId: id, eventType: event.type, ticketRef: event.ref });
    const dir = await deps.directory.current();
    if (!dir) return;
    const found = await deps.tickets.get(SYSTEM_ACTOR, event.ref);
    if (!found.ok) {
      log.warn('chat.card.update_skipped_ticket_gone');
      return;
    }
    const ticket = found.value;
    const cards = await deps.cards.cardsOf(ticket.id);
    const fresh = ASSIGNMENTS.has(event.type) ? await deliverToNewAssignee(deps, dir, ticket, cards, event.data.agent, log) : null;

    const relations = await ticketRelationsOf(deps, ticket);
    let retry: unknown = null;
    for (const card of cards) {
      if (card.space.kind === 'dm' && card.space.userId === fresh) continue;
      const holders = holdersOf(card.space, ticket, dir);
      const reader = card.space.kind === 'dm' ? dir.personByUserId(card.space.userId) : undefined;
      const view = renderTicketCard(ticket, dir, holders, localeOf(reader, deps.defaultLocale), { relations });
      try {
        await deps.gateway.updateCard(card.outTrackId, view);
      } catch (e) {
        log.warn('chat.card.update_failed', { outTrackId: card.outTrackId, error: (e as Error).message });
        if (isRetryable(e)) retry = e;
      }
    }
    // A request joined an incident: the incident's cards show one more request (and maybe one more person).
    if (event.type === 'TicketLinked' && typeof event.data.incident === 'string') {
      retry = (await updateIncidentCards(deps, dir, event.data.incident, log)) ?? retry;
    }
    if (retry) throw retry;
  };
}

/** Re-render an incident's cards (its impact changed); returns a retryable failure, if any. */
async function updateIncidentCards(deps: ChatLayerDeps, dir: Directory, ref: string, log: Log): Promise<unknown> {
  const found = await deps.tickets.get(SYSTEM_ACTOR, ref);
  if (!found.ok) return null;
  const incident = found.value;
  const relations = await ticketRelationsOf(deps, incident);
  let retry: unknown = null;
  for (const card of await deps.cards.cardsOf(incident.id)) {
    const reader = card.space.kind === 'dm' ? dir.personByUserId(card.space.userId) : undefined;
    const view = renderTicketCard(incident, dir, holdersOf(card.space, incident, dir), localeOf(reader, deps.defaultLocale), { relations });
    try {
      await deps.gateway.updateCard(card.outTrackId, view);
    } catch (e) {
      log.warn('chat.card.update_failed', { outTrackId: card.outTrackId, error: (e as Error).message });
      if (isRetryable(e)) retry = e;
    }
  }
  return retry;
}
