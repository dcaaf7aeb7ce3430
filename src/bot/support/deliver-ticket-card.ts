/**
 * Delivering a ticket's card to one person's direct chat (once per ticket and person: the `outTrackId` is stable)
 * and remembering it, so every later change updates it in place. Failures are logged, not thrown: the ticket is
 * already saved, and the next change re-renders every card that was delivered.
 */
import type { Directory } from '../../domain/directory/directory';
import type { TicketCard } from '../../domain/ports/card-store.port';
import type { Log } from '../../domain/ports/log.port';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { ticketCardId } from '../views/cards/card-ids';
import { renderTicketCard } from '../views/cards/render-ticket-card';
import type { TicketRelations } from '../views/cards/ticket-relations';
import { localeOf } from '../views/replies/catalogs';
import type { ChatLayerDeps } from '../chat-deps';
import { ticketRelationsOf } from './ticket-relations-of';

/** Why a person holds the card (TicketCard.role). */
export type CardRole = 'caller' | 'contact' | 'agent' | 'viewer';

/** Deliver (`sendTicketCardToDm`) and remember (`recordCards`) one card; false when either failed (logged). */
export async function deliverTicketCardToDm(...args: Parameters<typeof sendTicketCardToDm>): Promise<boolean> {
  const [deps, , , , , log] = args;
  const card = await sendTicketCardToDm(...args);
  return card !== null && (await recordCards(deps, [card], log));
}

/**
 * The delivery alone: the card to remember (`recordCards`) once delivered, else null (logged). A filing sends its
 * cards first and records them together after.
 */
export async function sendTicketCardToDm(
  deps: ChatLayerDeps,
  dir: Directory,
  ticket: Ticket,
  userId: string,
  role: CardRole,
  log: Log,
  /** What the card shows about other tickets, when the caller already knows it (else read now). */
  known?: TicketRelations,
): Promise<TicketCard | null> {
  const space = { kind: 'dm' as const, userId };
  const outTrackId = ticketCardId(refOf(ticket), space);
  const relations = known ?? (await ticketRelationsOf(deps, ticket));
  const view = renderTicketCard(ticket, dir, [userId], localeOf(dir.personByUserId(userId), deps.defaultLocale), { relations });
  try {
    const report = await deps.gateway.deliverCard(outTrackId, [space], view, role === 'caller' || role === 'viewer' ? 'answer' : 'act');
    if (report.delivered.length === 0) {
      log.warn('chat.card.not_delivered', { outTrackId, role, code: report.failed[0]?.code ?? null });
      return null;
    }
    return { ticketId: ticket.id, outTrackId, space, role, createdAt: deps.clock.now() };
  } catch (e) {
    log.warn('chat.card.delivery_failed', { outTrackId, role, error: (e as Error).message });
    return null;
  }
}

/** Remember delivered cards (one statement for those of one moment); false (logged) when they could not be. */
export async function recordCards(deps: ChatLayerDeps, cards: readonly TicketCard[], log: Log): Promise<boolean> {
  try {
    await Promise.all(cards.map((c) => deps.cards.addCard(c)));
    return true;
  } catch (e) {
    log.warn('chat.card.not_recorded', { outTrackIds: cards.map((c) => c.outTrackId), error: (e as Error).message });
    return false;
  }
}
