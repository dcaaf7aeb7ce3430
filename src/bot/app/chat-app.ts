/**
 * The chat layer's entry points (wired in src/main.ts): the handler the receivers hand messages and card clicks to
 * (the router with every listener, `register-listeners.ts`), and the outbox reaction that keeps every delivered
 * ticket card up to date (registered in the application's `OutboxReactions` by the composition root).
 */
import type { ChatInboundHandler } from '../../domain/ports/chat-inbound.port';
import type { OutboxRecord } from '../../domain/ports/outbox.port';
import type { ChatLayerDeps } from '../chat-deps';
import { updateCardsWhenTicketChanged } from '../reactions/update-cards-when-ticket-changed';
import { createChatRouter } from './register-listeners';

export type { ChatLayerDeps } from '../chat-deps';

export function createChatHandler(deps: ChatLayerDeps): ChatInboundHandler {
  return createChatRouter(deps);
}

/** Outbox reaction: after every committed event of a ticket, update all its cards in place (and deliver a card to a new assignee who holds none). */
export function cardUpdateReaction(deps: ChatLayerDeps): (record: OutboxRecord) => Promise<void> {
  return updateCardsWhenTicketChanged(deps);
}
