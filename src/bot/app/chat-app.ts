/**
 * The chat application layer's entry points (wired in src/main.ts): the handler the receivers hand messages and
 * card clicks to, and the outbox reaction that keeps every delivered ticket card up to date.
 */
import type { ChatInboundHandler } from '../../domain/ports/chat-inbound.port';
import type { OutboxRecord } from '../../domain/ports/outbox.port';
import type { ChatLayerDeps } from '../chat-deps';
import { handleCardAction } from '../listeners/card-actions/handle-card-action';
import { handleMessage } from '../listeners/message-gate';
import { KeyedLock } from '../support/keyed-lock';
import { updateCardsWhenTicketChanged } from '../reactions/update-cards-when-ticket-changed';

export type { ChatLayerDeps } from '../chat-deps';

export function createChatHandler(deps: ChatLayerDeps): ChatInboundHandler {
  const picks = new KeyedLock();
  return {
    onMessage: (message) => handleMessage(deps, message),
    onCardAction: (action) => handleCardAction(deps, action, picks),
  };
}

/** Outbox reaction: after every committed event of a ticket, update all its cards in place (and deliver a card to a new assignee who holds none). */
export function cardUpdateReaction(deps: ChatLayerDeps): (record: OutboxRecord) => Promise<void> {
  return updateCardsWhenTicketChanged(deps);
}
