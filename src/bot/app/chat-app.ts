/**
 * The chat layer's entry points (wired in src/main.ts): the handler the receivers hand messages and card clicks to
 * (the router with every listener, `register-listeners.ts`), and the outbox reaction that keeps every delivered
 * ticket card up to date (registered in the application's `OutboxReactions` by the composition root).
 */
import type { ChatInboundHandler, IncomingChatMessage } from '../../domain/ports/chat-inbound.port';
import type { Reaction } from '../../application/outbox/reactions';
import type { ChatLayerDeps } from '../chat-deps';
import { cardsWhenTicketChanged } from '../reactions/cards-when-ticket-changed';
import { answerQueued } from '../support/answer-queued';
import { createChatRouter } from './register-listeners';

export type { ChatLayerDeps } from '../chat-deps';
/** The longest message text the chat layer takes (the inbound parser keeps one character more, to tell it was longer). */
export { MESSAGE_MAX_CHARS } from '../listeners/intake/intake-match';

/** The answer to a person whose message waits its turn (the inbound pipeline's `onQueued`). */
export function queuedAnswer(deps: ChatLayerDeps): (message: IncomingChatMessage) => Promise<void> {
  return (message) => answerQueued(deps, message);
}

export function createChatHandler(deps: ChatLayerDeps): ChatInboundHandler {
  return createChatRouter(deps);
}

/**
 * Outbox reaction: after every committed event of a ticket, update all its cards in place (and deliver a card to a
 * new holder who holds none, telling the event's context). Registered with `registerFirst`: before the escalation
 * reaction, which reads who got the card.
 */
export function cardUpdateReaction(deps: ChatLayerDeps): Reaction {
  return cardsWhenTicketChanged(deps);
}

/** The demand card (docs/demands.md "The demand card"): delivered on a new demand, updated when a vote counts. */
export { demandCardWhenDemandChanged as demandCardReaction } from '../reactions/demand-card-when-demand-changed';

/** The change reaction (docs/changes.md §6): the travelling change card and the change notices. */
export { changeCardReaction } from '../reactions/change-cards-when-change-happened';
